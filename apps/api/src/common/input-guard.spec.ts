import { inputProblem, MAX_INPUT_DEPTH } from './input-guard.js';

const nested = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`);

describe('inputProblem', () => {
  it('takes ordinary values', () => {
    expect(inputProblem({ name: 'Ada 👩🏽‍💻 مرحبا', tags: ['a'], n: 1, x: null })).toBeNull();
    expect(inputProblem(nested(MAX_INPUT_DEPTH - 1))).toBeNull();
    expect(inputProblem(undefined)).toBeNull();
  });

  it('refuses nesting the validators cannot walk, without recursing itself', () => {
    expect(inputProblem(nested(MAX_INPUT_DEPTH + 1))).toMatch(/nested too deeply/);
    expect(inputProblem(JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`))).toMatch(
      /nested too deeply/,
    );
  });

  it('refuses text PostgreSQL would refuse or alter', () => {
    expect(inputProblem({ a: ['x', 'a\u0000b'] })).toMatch(/NUL/);
    expect(inputProblem('\uD800')).toMatch(/unpaired surrogate/);
    expect(inputProblem('x\uDC00')).toMatch(/unpaired surrogate/);
    expect(inputProblem('\uD83D\uDE00')).toBeNull();
  });
});
