import { checkTransition, STAGES, type Stage, type TransitionRequest } from './stages.js';

const base: TransitionRequest = {
  from: 'IDEA',
  to: 'POC',
  role: 'PROJECT_OWNER',
  riskClass: 'MINIMAL',
  applyingCriteria: [],
  readiness: null,
};
const check = (p: Partial<TransitionRequest>) => checkTransition({ ...base, ...p });

describe('stage transitions', () => {
  it.each<[Stage, Stage]>([
    ['IDEA', 'POC'],
    ['POC', 'PRODUCTIONIZING'],
    ['POC', 'POC_SUFFICIENT'],
    ['PRODUCTION', 'RETIRED'],
    ['POC_SUFFICIENT', 'RETIRED'],
  ])('allows %s → %s forward without a reason', (from, to) => {
    expect(check({ from, to })).toEqual({ allowed: true, kind: 'forward', overridden: false });
  });

  it('allows the production gate when ready', () => {
    expect(
      check({ from: 'PRODUCTIONIZING', to: 'PRODUCTION', readiness: { ready: true, missing: [] } }),
    ).toEqual({
      allowed: true,
      kind: 'forward',
      overridden: false,
    });
  });

  it.each<Stage>(['IDEA', 'POC', 'PRODUCTIONIZING', 'PRODUCTION', 'POC_SUFFICIENT'])(
    'allows cancelling from %s',
    (from) => {
      expect(check({ from, to: 'CANCELLED' })).toMatchObject({ allowed: true, kind: 'cancel' });
    },
  );

  it.each<Stage>(['RETIRED', 'CANCELLED'])('refuses any move out of the final stage %s', (from) => {
    for (const to of STAGES.filter((s) => s !== from)) {
      expect(check({ from, to, role: 'ADMIN', override: true, reason: 'x' })).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/is final/),
      });
    }
  });

  it.each<[Stage, Stage]>([
    ['IDEA', 'PRODUCTIONIZING'],
    ['IDEA', 'PRODUCTION'],
    ['POC', 'PRODUCTION'],
    ['IDEA', 'RETIRED'],
    ['PRODUCTIONIZING', 'RETIRED'],
    ['PRODUCTIONIZING', 'POC_SUFFICIENT'],
  ])('refuses skipping %s → %s', (from, to) => {
    expect(check({ from, to, reason: 'because' })).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/cannot move from/),
      overridable: false,
    });
  });

  it('refuses staying put', () => {
    expect(check({ from: 'POC', to: 'POC' })).toMatchObject({ allowed: false, reason: /already in/ });
  });

  it.each<[Stage, Stage]>([
    ['POC', 'IDEA'],
    ['PRODUCTIONIZING', 'POC'],
    ['PRODUCTION', 'PRODUCTIONIZING'],
    ['POC_SUFFICIENT', 'POC'],
  ])('needs a reason to move back %s → %s', (from, to) => {
    expect(check({ from, to })).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/needs a reason/),
    });
    expect(check({ from, to, reason: '   ' })).toMatchObject({ allowed: false });
    expect(check({ from, to, reason: 'Incident #42' })).toEqual({
      allowed: true,
      kind: 'backward',
      overridden: false,
    });
  });

  describe('the production gate', () => {
    const gate = { from: 'PRODUCTIONIZING' as const, to: 'PRODUCTION' as const };
    it('refuses a project that is not ready, saying what is missing', () => {
      const v = check({ ...gate, readiness: { ready: false, missing: ['drift-detection (required)'] } });
      expect(v).toEqual({
        allowed: false,
        overridable: true,
        reason:
          'The project is not production-ready. Missing: drift-detection (required). An admin may override with a reason.',
      });
    });
    it('refuses when readiness is unknown', () => {
      expect(check({ ...gate, readiness: null })).toMatchObject({ allowed: false, overridable: true });
    });
    it('lets an admin override with a reason, recorded as an override', () => {
      const notReady = { ready: false, missing: [] };
      expect(
        check({ ...gate, readiness: notReady, role: 'ADMIN', override: true, reason: 'Board approved' }),
      ).toEqual({
        allowed: true,
        kind: 'forward',
        overridden: true,
      });
      expect(check({ ...gate, readiness: notReady, role: 'ADMIN', override: true })).toMatchObject({
        allowed: false,
        reason: /written reason/,
      });
      expect(
        check({ ...gate, readiness: notReady, role: 'PROJECT_OWNER', override: true, reason: 'x' }),
      ).toMatchObject({
        allowed: false,
        reason: /Only an admin/,
      });
    });
  });

  describe('POC sufficient', () => {
    it('is refused while a production criterion applies, unless an admin overrides', () => {
      const v = check({ from: 'POC', to: 'POC_SUFFICIENT', applyingCriteria: ['PERSONAL_DATA'] });
      expect(v).toMatchObject({
        allowed: false,
        overridable: true,
        reason: expect.stringMatching(/PERSONAL_DATA/),
      });
      expect(
        check({
          from: 'POC',
          to: 'POC_SUFFICIENT',
          applyingCriteria: ['PERSONAL_DATA'],
          role: 'ADMIN',
          override: true,
          reason: 'Advisory only',
        }),
      ).toEqual({ allowed: true, kind: 'forward', overridden: true });
    });
  });

  describe('UNACCEPTABLE risk', () => {
    it('blocks any move past POC, even with an override', () => {
      const unacceptable = {
        riskClass: 'UNACCEPTABLE' as const,
        role: 'ADMIN' as const,
        override: true,
        reason: 'x',
      };
      expect(check({ ...unacceptable, from: 'POC', to: 'PRODUCTIONIZING' })).toMatchObject({
        allowed: false,
        reason: /UNACCEPTABLE/,
      });
      expect(check({ ...unacceptable, from: 'PRODUCTIONIZING', to: 'PRODUCTION' })).toMatchObject({
        allowed: false,
      });
      expect(check({ riskClass: 'UNACCEPTABLE', from: 'IDEA', to: 'POC' })).toMatchObject({ allowed: true });
      expect(check({ riskClass: 'UNACCEPTABLE', from: 'POC', to: 'CANCELLED' })).toMatchObject({
        allowed: true,
      });
    });
  });
});
