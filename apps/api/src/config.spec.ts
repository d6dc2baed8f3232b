import { loadConfig } from './config.js';

const base = { DATABASE_URL: 'postgresql://u@localhost/db' };

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      PORT: 3000,
      NODE_ENV: 'development',
      CORS_ORIGINS: [],
      QUEUE_PREFIX: 'gapline',
    });
    expect(c.REDIS_URL).toBeUndefined();
  });
  it('names every bad setting', () => {
    expect(() => loadConfig({ ...base, PORT: 'eighty', REDIS_URL: 'nope' })).toThrow(
      /PORT:[\s\S]*REDIS_URL:/,
    );
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });
  it('refuses the default secret in production, and a short one anywhere', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/JWT_SECRET: production refuses/);
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).NODE_ENV).toBe(
      'production',
    );
  });
  it('splits the CORS allow-list', () => {
    expect(
      loadConfig({ ...base, CORS_ORIGINS: 'https://a.example, https://b.example' }).CORS_ORIGINS,
    ).toEqual(['https://a.example', 'https://b.example']);
  });
});
