import {
  ALWAYS_REQUIRED,
  computeReadiness,
  DEFAULT_CAPABILITIES,
  type ItemStatus,
  REQUIRED_BY_CRITERION,
  readinessThreshold,
  requiredCapabilities,
  statusViolation,
} from './checklist.js';
import { CRITERIA } from './criteria.js';

const ratio = { numerator: 12, denominator: 17 };
const keys = DEFAULT_CAPABILITIES.map((c) => c.key);
/** The always-required five first, so "n done" includes them. */
const ordered = [...ALWAYS_REQUIRED, ...keys.filter((k) => !ALWAYS_REQUIRED.includes(k))];
const checklist = (done: number, na: string[] = []) =>
  ordered.map((key, i) => ({
    key,
    status: (na.includes(key) ? 'NOT_APPLICABLE' : i < done ? 'DONE' : 'NOT_STARTED') as ItemStatus,
  }));

describe('the default checklist', () => {
  it('has the 17 seed capabilities with unique keys', () => {
    expect(DEFAULT_CAPABILITIES).toHaveLength(17);
    expect(new Set(keys).size).toBe(17);
    for (const k of ALWAYS_REQUIRED) expect(keys).toContain(k);
    for (const c of CRITERIA) for (const k of REQUIRED_BY_CRITERION[c]) expect(keys).toContain(k);
  });
});

describe('readiness threshold ⌈applicable × 12/17⌉ in integers', () => {
  it.each([
    [17, 12],
    [16, 12],
    [15, 11],
    [10, 8],
    [1, 1],
    [0, 0],
  ])('%i applicable needs %i done', (applicable, needed) => {
    expect(readinessThreshold(applicable, ratio)).toBe(needed);
  });
});

describe('readiness', () => {
  const required = requiredCapabilities([]);
  it('11 of 17 is not ready, and says how many more', () => {
    const r = computeReadiness(checklist(11), required, ratio);
    expect(r).toMatchObject({
      done: 11,
      applicable: 17,
      threshold: 12,
      ready: false,
      short: 1,
      requiredMissing: [],
    });
    expect(r.missing).toEqual(['1 more capability done (11 of 12 needed)']);
  });
  it('12 of 17 with the required five done is ready', () => {
    expect(computeReadiness(checklist(12), required, ratio)).toMatchObject({
      done: 12,
      threshold: 12,
      ready: true,
      missing: [],
    });
  });
  it('not-applicable items leave the denominator: 11 of 15 is ready', () => {
    const r = computeReadiness(checklist(11, ['cost-monitoring', 'explainability']), required, ratio);
    expect(r).toMatchObject({ done: 11, applicable: 15, threshold: 11, ready: true });
  });
  it('12 done is not ready while a required capability is not done', () => {
    const items = checklist(12).map((i) =>
      i.key === 'drift-detection' ? { ...i, status: 'IN_PROGRESS' as const } : i,
    );
    items[12] = { key: items[12]?.key as string, status: 'DONE' };
    const r = computeReadiness(items, required, ratio);
    expect(r).toMatchObject({ done: 12, ready: false, requiredMissing: ['drift-detection'] });
    expect(r.missing).toEqual(['drift-detection (required)']);
  });
});

describe('required capabilities', () => {
  it('are the always-required five without criteria', () => {
    expect(requiredCapabilities([]).sort()).toEqual([...ALWAYS_REQUIRED].sort());
  });
  it.each(CRITERIA)('%s adds its capabilities', (c) => {
    const required = requiredCapabilities([c]);
    for (const k of [...ALWAYS_REQUIRED, ...REQUIRED_BY_CRITERION[c]]) expect(required).toContain(k);
    expect(required).toHaveLength(new Set([...ALWAYS_REQUIRED, ...REQUIRED_BY_CRITERION[c]]).size);
  });
  it('a criterion-required capability blocks readiness even with 12 done', () => {
    const required = requiredCapabilities(['PERSONAL_DATA']);
    const r = computeReadiness(checklist(12), required, ratio);
    expect(r.ready).toBe(false);
    expect(r.requiredMissing.sort()).toEqual(
      ['encrypted-storage', 'access-control', 'audit-logging'].filter((k) => ordered.indexOf(k) >= 12).sort(),
    );
  });
});

describe('not applicable', () => {
  it.each(ALWAYS_REQUIRED)('is refused for the always-required %s', (key) => {
    expect(statusViolation(key, 'NOT_APPLICABLE', 'we do not need it')).toMatch(/always required/);
  });
  it('needs a justification otherwise', () => {
    expect(statusViolation('explainability', 'NOT_APPLICABLE', '')).toMatch(/justification/);
    expect(
      statusViolation('explainability', 'NOT_APPLICABLE', 'Batch scoring, no individual decisions'),
    ).toBeNull();
    expect(statusViolation('model-versioning', 'DONE', null)).toBeNull();
  });
});
