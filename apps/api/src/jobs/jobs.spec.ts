import { handlerMap, JOB_NAMES, type JobHandler } from './jobs.js';

const handler = (name: string): JobHandler => ({ name, handle: async () => {} }) as unknown as JobHandler;

describe('handlerMap', () => {
  it('maps every job to its handler', () => {
    const map = handlerMap(JOB_NAMES.map((n) => handler(n)));
    expect([...map.keys()].sort()).toEqual([...JOB_NAMES].sort());
  });
  it('refuses a job without a handler', () => {
    expect(() => handlerMap(JOB_NAMES.slice(1).map((n) => handler(n)))).toThrow(/without a handler/);
  });
  it('refuses a job with two handlers', () => {
    expect(() => handlerMap([...JOB_NAMES.map((n) => handler(n)), handler(JOB_NAMES[0] as string)])).toThrow(
      /two handlers/,
    );
  });
  it('refuses a handler for an unknown job', () => {
    expect(() => handlerMap([...JOB_NAMES.map((n) => handler(n)), handler('nope')])).toThrow(/unknown job/);
  });
});
