import { canonicalJson, eventHash, GENESIS_HASH } from './hash.js';

const event = {
  orgId: '0190e0a0-0000-7000-8000-000000000001',
  seq: 1n,
  at: new Date('2026-01-01T00:00:00.000Z'),
  actorType: 'USER',
  actorId: null,
  actorLabel: 'a@example.com',
  action: 'member.added',
  entityType: 'membership',
  entityId: 'x',
  before: null,
  after: { role: 'ADMIN', nested: { b: 1, a: [2, { d: 1, c: 2 }] } },
  requestId: 'r1',
  ip: '127.0.0.1',
};

describe('audit hash chain', () => {
  it('canonicalises key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: [{ z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[{"y":2,"z":1}],"d":1},"b":1}',
    );
  });
  it('hashes the same event identically whatever the key order', () => {
    const reordered = { ...event, after: { nested: { a: [2, { c: 2, d: 1 }], b: 1 }, role: 'ADMIN' } };
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, event));
  });
  it('changes when any field or the previous hash changes', () => {
    const h = eventHash(GENESIS_HASH, event);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(GENESIS_HASH, { ...event, after: { role: 'VIEWER' } })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...event, seq: 2n })).not.toBe(h);
    expect(eventHash(h, event)).not.toBe(h);
  });
});
