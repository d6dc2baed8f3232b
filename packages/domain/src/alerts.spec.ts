import { type AlertFacts, type AlertSettings, evaluateAlerts } from './alerts.js';
import { DEFAULT_SETTINGS } from './settings.js';

const s: AlertSettings = { stallDays: DEFAULT_SETTINGS.stallDays, noActivityDays: 30, readinessFlatDays: 45 };
const quiet: AlertFacts = {
  stage: 'POC',
  daysInStage: 10,
  daysSinceActivity: 1,
  readinessFlatDays: null,
  overdueCapabilities: 0,
  burnRatio: null,
  costMultiple: null,
  underfunded: false,
  valueAtRisk: false,
  ready: false,
};
const fire = (f: Partial<AlertFacts>) =>
  evaluateAlerts({ ...quiet, ...f }, s).map((a) => `${a.rule}:${a.severity}`);

describe('alert rules', () => {
  it('a quiet project raises nothing', () => {
    expect(fire({})).toEqual([]);
  });

  it.each([
    [84, []],
    [85, ['STAGE_OVERDUE:WARNING']],
    [125, ['STAGE_OVERDUE:WARNING']],
    [126, ['STAGE_OVERDUE:CRITICAL']],
  ])('STAGE_OVERDUE: %i days in POC (threshold 84, critical at 1.5x)', (daysInStage, expected) => {
    expect(fire({ daysInStage })).toEqual(expected);
  });

  it('STAGE_OVERDUE only for active stages, with each stage’s threshold', () => {
    expect(fire({ stage: 'IDEA', daysInStage: 57 })).toEqual(['STAGE_OVERDUE:WARNING']);
    expect(fire({ stage: 'PRODUCTIONIZING', daysInStage: 548, ready: true })).toEqual([]);
    expect(fire({ stage: 'PRODUCTIONIZING', daysInStage: 549 })).toEqual(['STAGE_OVERDUE:WARNING']);
    expect(fire({ stage: 'PRODUCTION', daysInStage: 5000, ready: true })).toEqual([]);
  });

  it.each([
    [29, []],
    [30, ['NO_ACTIVITY:WARNING']],
    [31, ['NO_ACTIVITY:WARNING']],
  ])('NO_ACTIVITY after %i quiet days (30)', (daysSinceActivity, expected) => {
    expect(fire({ daysSinceActivity })).toEqual(expected);
    expect(fire({ daysSinceActivity, stage: 'POC_SUFFICIENT' })).toEqual([]);
  });

  it.each([
    [44, []],
    [45, ['READINESS_FLAT:WARNING']],
  ])('READINESS_FLAT in productionizing at %i days (45)', (readinessFlatDays, expected) => {
    expect(fire({ stage: 'PRODUCTIONIZING', readinessFlatDays })).toEqual(expected);
    expect(fire({ stage: 'POC', readinessFlatDays })).toEqual([]);
  });

  it('CAPABILITY_OVERDUE when any item is past due', () => {
    expect(fire({ overdueCapabilities: 0 })).toEqual([]);
    expect(evaluateAlerts({ ...quiet, overdueCapabilities: 2 }, s)[0]?.message).toBe(
      '2 checklist items are past due and not done.',
    );
  });

  it.each([
    [0.89, []],
    [0.9, ['BUDGET_BURN:WARNING']],
    [0.99, ['BUDGET_BURN:WARNING']],
    [1, ['BUDGET_BURN:CRITICAL']],
  ])('BUDGET_BURN at a forecast of %f of budget (90%%, critical at 100%%)', (burnRatio, expected) => {
    expect(fire({ burnRatio })).toEqual(expected);
  });

  it.each([
    [9.99, []],
    [10, ['COST_MULTIPLE:WARNING']],
    [19.99, ['COST_MULTIPLE:WARNING']],
    [20, ['COST_MULTIPLE:CRITICAL']],
  ])('COST_MULTIPLE at %f (10, critical at 20)', (costMultiple, expected) => {
    expect(fire({ costMultiple })).toEqual(expected);
  });

  it('UNDERFUNDED_PLAN, VALUE_AT_RISK and READINESS_REGRESSED follow their facts', () => {
    expect(fire({ underfunded: true })).toEqual(['UNDERFUNDED_PLAN:WARNING']);
    expect(fire({ valueAtRisk: true })).toEqual(['VALUE_AT_RISK:WARNING']);
    expect(fire({ stage: 'PRODUCTION', daysInStage: 1, ready: false })).toEqual([
      'READINESS_REGRESSED:CRITICAL',
    ]);
    expect(fire({ stage: 'PRODUCTION', daysInStage: 1, ready: true })).toEqual([]);
  });
});
