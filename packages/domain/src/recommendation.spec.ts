import { bottomUpBand, SEED_ONGOING } from './projection.js';
import { recommend } from './recommendation.js';

describe('recommendation', () => {
  it('production required when a criterion applies', () => {
    expect(
      recommend({ applying: ['PERSONAL_DATA'], headlineLow: 14_000_000, expectedAnnualValue: 50_000_000 }),
    ).toBe('PRODUCTION_REQUIRED');
  });
  it('POC sufficient when none applies', () => {
    expect(recommend({ applying: [], headlineLow: 14_000_000, expectedAnnualValue: 50_000_000 })).toBe(
      'POC_SUFFICIENT',
    );
  });
  it('do not deploy at 2x the expected value or more, outranking the others', () => {
    expect(
      recommend({ applying: ['PERSONAL_DATA'], headlineLow: 20_000_000, expectedAnnualValue: 10_000_000 }),
    ).toBe('DO_NOT_DEPLOY');
    expect(recommend({ applying: [], headlineLow: 19_999_999, expectedAnnualValue: 10_000_000 })).toBe(
      'POC_SUFFICIENT',
    );
  });
  it('ignores value when it is not recorded', () => {
    expect(recommend({ applying: [], headlineLow: 14_000_000, expectedAnnualValue: null })).toBe(
      'POC_SUFFICIENT',
    );
  });
});

describe('bottom-up projection', () => {
  it('sums the seed ranges without compliance when no regulatory criterion applies', () => {
    const { lines, total } = bottomUpBand(['UPTIME_SLA']);
    expect(lines.map((l) => l.line)).toEqual([
      'ML_ENGINEERING',
      'DATA_ENGINEERING',
      'DEVOPS',
      'INFRASTRUCTURE',
    ]);
    expect(total).toEqual({ low: 14_000_000, high: 34_000_000 });
  });
  it.each(['REGULATED_DECISIONS', 'PERSONAL_DATA', 'LONG_RETENTION'] as const)(
    'adds compliance for %s',
    (c) => {
      expect(bottomUpBand([c]).total).toEqual({ low: 16_000_000, high: 39_000_000 });
    },
  );
  it("replaces a line with the team's own estimate and scales the seed lines", () => {
    const { lines, total } = bottomUpBand([], { DEVOPS: { low: 1_000_000, high: 2_000_000 } }, 110);
    expect(lines.find((l) => l.line === 'DEVOPS')).toEqual({
      line: 'DEVOPS',
      low: 1_000_000,
      high: 2_000_000,
      source: 'team',
    });
    expect(total.low).toBe(
      Math.round(6_000_000 * 1.1) + Math.round(4_000_000 * 1.1) + 1_000_000 + Math.round(1_000_000 * 1.1),
    );
  });
  it('keeps the seed ongoing band', () => {
    expect(SEED_ONGOING).toEqual({ low: 6_000_000, high: 19_000_000 });
  });
});
