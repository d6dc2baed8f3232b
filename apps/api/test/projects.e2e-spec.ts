import { as } from './api.js';
import { addMember, bootApp, newOrg, type Session, type TestApp, type TestOrg } from './app.js';

let t: TestApp;
let org: TestOrg;
let owner: Session;
let owner2: Session;
let finance: Session;
let viewer: Session;
beforeAll(async () => {
  t = await bootApp();
  org = await newOrg(t, 'Portfolio Org');
  owner = await addMember(t, org, 'PROJECT_OWNER');
  owner2 = await addMember(t, org, 'PROJECT_OWNER');
  finance = await addMember(t, org, 'FINANCE');
  viewer = await addMember(t, org, 'VIEWER');
});
afterAll(() => t.close());

const base = () => `/api/orgs/${org.orgId}/projects`;

describe('registry: create, read, update, archive by role', () => {
  it('an admin creates a project for an owner, with the decision guide in plain words', async () => {
    const res = await as(t, org.admin)
      .post(base(), {
        name: '  Claims fraud detection ',
        businessUnit: 'Claims',
        ownerId: owner.userId,
        tags: ['fraud', 'claims', 'fraud'],
        riskClass: 'LIMITED',
        expectedAnnualValue: 90_000_000,
        revenueAtRisk: 12_000_000,
        personalData: true,
        startDate: '2026-01-05',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'Claims fraud detection',
      owner: { userId: owner.userId },
      tags: ['fraud', 'claims'],
      stage: 'IDEA',
      daysInStage: 0,
      startDate: '2026-01-05',
      canEdit: true,
      decision: { recommendation: 'PRODUCTION_REQUIRED', applying: ['REVENUE_IMPACT', 'PERSONAL_DATA'] },
      readiness: { done: 0, applicable: 17, threshold: 12, ready: false },
    });
    expect(res.body.decision.criteria[0].why).toBe(
      'A 1% error rate costs €120,000 a year, above the €50,000 threshold.',
    );
    expect(res.body.decision.headline).toEqual({ low: 16_000_000, high: 39_000_000 });
    expect(res.body.decision.required).toEqual(
      expect.arrayContaining(['automated-rollback', 'encrypted-storage']),
    );
  });

  it('a project owner creates their own project, not someone else’s', async () => {
    const mine = await as(t, owner).post(base(), { name: 'Owner idea' }).expect(201);
    expect(mine.body.owner.userId).toBe(owner.userId);
    const theirs = await as(t, owner)
      .post(base(), { name: 'For another', ownerId: owner2.userId })
      .expect(400);
    expect(theirs.body.details[0].field).toBe('ownerId');
    const notOwnerRole = await as(t, org.admin)
      .post(base(), { name: 'x', ownerId: viewer.userId })
      .expect(400);
    expect(notOwnerRole.body.details[0].problems[0]).toMatch(/admin or project owner/);
  });

  it('finance and viewers cannot create', async () => {
    await as(t, finance).post(base(), { name: 'No' }).expect(403);
    await as(t, viewer).post(base(), { name: 'No' }).expect(403);
  });

  it('owners edit only their own projects; everybody reads', async () => {
    const p = (await as(t, owner).post(base(), { name: 'Editable' }).expect(201)).body;
    await as(t, owner)
      .patch(`${base()}/${p.id}`, { description: 'Now described', retentionYears: 10 })
      .expect(200);
    await as(t, owner2).patch(`${base()}/${p.id}`, { description: 'Hijack' }).expect(403);
    await as(t, finance).patch(`${base()}/${p.id}`, { description: 'No' }).expect(403);
    const read = await as(t, viewer).get(`${base()}/${p.id}`).expect(200);
    expect(read.body).toMatchObject({ description: 'Now described', canEdit: false });
    expect(read.body.decision.applying).toEqual(['LONG_RETENTION']);
    const audit = await as(t, org.admin).get(`/api/orgs/${org.orgId}/audit?entityId=${p.id}`).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'project.updated',
      before: { description: '', retentionYears: null },
      after: { description: 'Now described', retentionYears: 10 },
    });
  });

  it('rejects bad input naming the field', async () => {
    const res = await as(t, org.admin)
      .post(base(), { name: '', uptimeSlaBp: 10001, startDate: '2026-02-30', riskClass: 'EXTREME', extra: 1 })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['extra', 'name', 'riskClass', 'startDate', 'uptimeSlaBp'].sort(),
    );
    const dates = await as(t, org.admin)
      .post(base(), { name: 'Dates', startDate: '2026-05-01', targetDate: '2026-04-01' })
      .expect(400);
    expect(dates.body.details[0].field).toBe('targetDate');
    await as(t, org.admin).get(`${base()}/not-a-uuid`).expect(404);
    await as(t, org.admin).get(`${base()}/00000000-0000-4000-8000-000000000000`).expect(404);
  });

  it('archives (owner or admin) and restores (admin only)', async () => {
    const p = (await as(t, owner).post(base(), { name: 'To archive' }).expect(201)).body;
    await as(t, owner).delete(`${base()}/${p.id}`).expect(204);
    const live = await as(t, viewer).get(`${base()}?q=archive`).expect(200);
    expect(live.body.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    const archived = await as(t, viewer).get(`${base()}?archived=true&q=archive`).expect(200);
    expect(archived.body.items.map((i: { id: string }) => i.id)).toContain(p.id);
    await as(t, owner).patch(`${base()}/${p.id}`, { name: 'x' }).expect(422);
    await as(t, owner).post(`${base()}/${p.id}/restore`).expect(403);
    const restored = await as(t, org.admin).post(`${base()}/${p.id}/restore`).expect(200);
    expect(restored.body.archivedAt).toBeNull();
  });
});

describe('list: filters, sort, cursor pagination', () => {
  let listOrg: TestOrg;
  let po: Session;
  beforeAll(async () => {
    listOrg = await newOrg(t, 'List Org');
    po = await addMember(t, listOrg, 'PROJECT_OWNER');
    const admin = as(t, listOrg.admin);
    for (let i = 0; i < 23; i++) {
      await admin
        .post(`/api/orgs/${listOrg.orgId}/projects`, {
          name: `Model ${String(i).padStart(2, '0')} ${i % 3 === 0 ? 'churn prediction' : 'document search'}`,
          businessUnit: i % 2 ? 'Retail' : 'Claims',
          ownerId: i % 4 === 0 ? po.userId : listOrg.admin.userId,
          riskClass: i % 5 === 0 ? 'HIGH' : 'MINIMAL',
          stage: i % 3 === 0 ? 'POC' : 'IDEA',
        })
        .expect(201);
    }
  });
  const list = (qs: string) =>
    as(t, listOrg.admin).get(`/api/orgs/${listOrg.orgId}/projects?${qs}`).expect(200);

  it('pages through everything with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const res = await list(`limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.total).toBe(23);
      seen.push(...res.body.items.map((i: { name: string }) => i.name));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(seen).toHaveLength(23);
    expect(seen).toEqual([...seen].sort());
  });

  it('sorts descending and by time', async () => {
    const desc = await list('sort=-name&limit=3');
    expect(desc.body.items.map((i: { name: string }) => i.name.slice(0, 8))).toEqual([
      'Model 22',
      'Model 21',
      'Model 20',
    ]);
    const recent = await list('sort=-createdAt&limit=12');
    const next = await list(`sort=-createdAt&limit=12&cursor=${recent.body.nextCursor}`);
    expect(recent.body.items[0].name.slice(0, 8)).toBe('Model 22');
    expect(next.body.items).toHaveLength(11);
  });

  it('filters by stage, owner, business unit, risk class, recommendation and text', async () => {
    expect((await list('stage=POC')).body.total).toBe(8);
    expect((await list('stage=POC,IDEA')).body.total).toBe(23);
    expect((await list(`ownerId=${po.userId}`)).body.total).toBe(6);
    expect((await list('businessUnit=Retail')).body.total).toBe(11);
    expect((await list('riskClass=HIGH')).body.total).toBe(5);
    expect((await list('recommendation=PRODUCTION_REQUIRED')).body.total).toBe(5);
    expect((await list('recommendation=POC_SUFFICIENT')).body.total).toBe(18);
    const search = await list('q=churn%20pred');
    expect(search.body.total).toBe(8);
    expect((await list('q=claims&stage=POC')).body.total).toBe(4);
    expect((await list('q=%22%27%3B--')).body.total).toBe(23);
  });

  it('rejects bad filters and cursors with a 400 naming them', async () => {
    const res = await as(t, listOrg.admin)
      .get(`/api/orgs/${listOrg.orgId}/projects?stage=LIVE&sort=size&limit=1000&cursor=bogus`)
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'limit',
      'sort',
      'stage',
    ]);
    const cursor = await as(t, listOrg.admin)
      .get(`/api/orgs/${listOrg.orgId}/projects?cursor=bogus`)
      .expect(400);
    expect(cursor.body.details[0].field).toBe('cursor');
  });

  it('shows each row’s readiness and time in stage', async () => {
    const res = await list('limit=1');
    expect(res.body.items[0]).toMatchObject({ daysInStage: 0, readiness: { done: 0, applicable: 17 } });
  });
});

describe('lifecycle', () => {
  async function project(body: object = {}, who: Session = owner) {
    return (
      await as(t, who)
        .post(base(), { name: 'Lifecycle', ...body })
        .expect(201)
    ).body;
  }
  const move = (who: Session, id: string, body: object) =>
    as(t, who).post(`${base()}/${id}/transitions`, body);

  it('moves forward, refuses skips and backward moves without a reason, and keeps the history in order', async () => {
    const p = await project();
    await move(owner, p.id, { to: 'POC' }).expect(200);
    const skip = await move(owner, p.id, { to: 'PRODUCTION' }).expect(422);
    expect(skip.body.message).toBe('A project cannot move from Proof of concept to Production.');
    const back = await move(owner, p.id, { to: 'IDEA' }).expect(422);
    expect(back.body.message).toMatch(/needs a reason/);
    await move(owner, p.id, { to: 'IDEA', reason: 'Data access was withdrawn' }).expect(200);
    await move(viewer, p.id, { to: 'POC' }).expect(403);
    await move(owner2, p.id, { to: 'POC' }).expect(403);
    const history = await as(t, viewer).get(`${base()}/${p.id}/transitions`).expect(200);
    expect(
      history.body.map((h: { fromStage: string | null; toStage: string }) => [h.fromStage, h.toStage]),
    ).toEqual([
      [null, 'IDEA'],
      ['IDEA', 'POC'],
      ['POC', 'IDEA'],
    ]);
    expect(history.body[2]).toMatchObject({
      reason: 'Data access was withdrawn',
      override: false,
      actorId: owner.userId,
    });
  });

  it('refuses POC sufficient while a criterion applies, unless an admin overrides with a reason', async () => {
    const p = await project({ stage: 'POC', personalData: true });
    const refused = await move(owner, p.id, { to: 'POC_SUFFICIENT' }).expect(422);
    expect(refused.body.message).toMatch(/Production criteria apply \(PERSONAL_DATA\)/);
    await move(owner, p.id, { to: 'POC_SUFFICIENT', override: true, reason: 'x' }).expect(422);
    await move(org.admin, p.id, { to: 'POC_SUFFICIENT', override: true }).expect(422);
    const ok = await move(org.admin, p.id, {
      to: 'POC_SUFFICIENT',
      override: true,
      reason: 'Advisory use only',
    }).expect(200);
    expect(ok.body.stage).toBe('POC_SUFFICIENT');
    const history = await as(t, viewer).get(`${base()}/${p.id}/transitions`).expect(200);
    expect(history.body.at(-1)).toMatchObject({
      toStage: 'POC_SUFFICIENT',
      override: true,
      reason: 'Advisory use only',
    });
    const audit = await as(t, org.admin)
      .get(`/api/orgs/${org.orgId}/audit?entityId=${p.id}&limit=1`)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'project.stage_overridden',
      after: { override: true },
    });
  });

  it('blocks an UNACCEPTABLE risk past POC', async () => {
    const p = await project({ stage: 'POC', riskClass: 'UNACCEPTABLE' });
    const res = await move(org.admin, p.id, { to: 'PRODUCTIONIZING', override: true, reason: 'try' }).expect(
      422,
    );
    expect(res.body.message).toMatch(/UNACCEPTABLE/);
    await move(owner, p.id, { to: 'CANCELLED' }).expect(200);
    await move(org.admin, p.id, { to: 'POC', reason: 'revive' }).expect(422);
  });

  it('refuses an unknown target stage with a 400', async () => {
    const p = await project();
    const res = await move(owner, p.id, { to: 'LIVE' }).expect(400);
    expect(res.body.details[0].field).toBe('to');
  });
});

describe('settings', () => {
  it('admins change thresholds; recommendations follow', async () => {
    const s = await newOrg(t, 'Settings Org');
    const p = (
      await as(t, s.admin)
        .post(`/api/orgs/${s.orgId}/projects`, { name: 'Borderline', revenueAtRisk: 3_000_000 })
        .expect(201)
    ).body;
    expect(p.decision.recommendation).toBe('POC_SUFFICIENT');
    const settings = await as(t, s.admin).get(`/api/orgs/${s.orgId}/settings`).expect(200);
    expect(settings.body).toEqual({
      stallDaysIdea: 56,
      stallDaysPoc: 84,
      stallDaysProductionizing: 548,
      revenueImpactThreshold: 5_000_000,
      uptimeSlaThresholdBp: 9500,
      retentionYearsThreshold: 7,
      dependentTeamsThreshold: 2,
      readinessNumerator: 12,
      readinessDenominator: 17,
      currency: 'EUR',
      noActivityDays: 30,
      readinessFlatDays: 45,
    });
    await as(t, s.admin)
      .patch(`/api/orgs/${s.orgId}/settings`, { revenueImpactThreshold: 2_000_000 })
      .expect(200);
    const list = await as(t, s.admin)
      .get(`/api/orgs/${s.orgId}/projects?recommendation=PRODUCTION_REQUIRED`)
      .expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    const bad = await as(t, s.admin)
      .patch(`/api/orgs/${s.orgId}/settings`, { readinessNumerator: 18, currency: 'euro' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['currency']);
    const ratio = await as(t, s.admin)
      .patch(`/api/orgs/${s.orgId}/settings`, { readinessNumerator: 18 })
      .expect(400);
    expect(ratio.body.details[0].field).toBe('readinessNumerator');
    const member = await addMember(t, s, 'PROJECT_OWNER');
    await as(t, member).patch(`/api/orgs/${s.orgId}/settings`, { stallDaysPoc: 10 }).expect(403);
  });
});
