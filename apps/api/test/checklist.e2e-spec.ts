import { as } from './api.js';
import { addMember, bootApp, newOrg, type Session, type TestApp, type TestOrg } from './app.js';

let t: TestApp;
let org: TestOrg;
let owner: Session;
let other: Session;
let viewer: Session;
beforeAll(async () => {
  t = await bootApp();
  org = await newOrg(t, 'Checklist Org');
  owner = await addMember(t, org, 'PROJECT_OWNER');
  other = await addMember(t, org, 'PROJECT_OWNER');
  viewer = await addMember(t, org, 'VIEWER');
});
afterAll(() => t.close());

const projects = () => `/api/orgs/${org.orgId}/projects`;
async function newProject(who: Session, body: object = {}): Promise<string> {
  return (
    await as(t, who)
      .post(projects(), { name: 'Checklist project', stage: 'POC', ...body })
      .expect(201)
  ).body.id;
}
const REQUIRED = ['model-versioning', 'ci-cd', 'drift-detection', 'monitoring-alerting', 'incident-runbooks'];
const OTHERS = [
  'dataset-versioning',
  'reproducible-environments',
  'automated-rollback',
  'load-tested-serving',
  'data-pipelines',
  'data-quality-checks',
  'automated-retraining',
];

describe('the checklist', () => {
  it('loads in one round trip: 17 items grouped with required marks, evidence and readiness', async () => {
    const id = await newProject(owner, { personalData: true });
    const res = await as(t, viewer).get(`${projects()}/${id}/checklist`).expect(200);
    expect(res.body.items).toHaveLength(17);
    expect(res.body.canEdit).toBe(false);
    const byKey = Object.fromEntries(res.body.items.map((i: { key: string }) => [i.key, i]));
    expect(byKey['drift-detection']).toMatchObject({
      required: true,
      alwaysRequired: true,
      status: 'NOT_STARTED',
      group: 'monitoring',
    });
    expect(byKey['encrypted-storage']).toMatchObject({ required: true, alwaysRequired: false });
    expect(byKey['cost-monitoring']).toMatchObject({ required: false, evidence: [] });
    expect(res.body.readiness).toMatchObject({ done: 0, applicable: 17, threshold: 12, ready: false });
  });

  it('a project owner updates their own checklist, not another’s; a viewer cannot', async () => {
    const mine = await newProject(owner);
    const res = await as(t, owner)
      .patch(`${projects()}/${mine}/checklist/ci-cd`, {
        status: 'DONE',
        notes: 'GitHub Actions',
        dueDate: '2026-12-01',
        assigneeId: owner.userId,
      })
      .expect(200);
    expect(res.body.items.find((i: { key: string }) => i.key === 'ci-cd')).toMatchObject({
      status: 'DONE',
      notes: 'GitHub Actions',
      dueDate: '2026-12-01',
      assigneeName: 'PROJECT_OWNER',
    });
    expect(res.body.readiness.done).toBe(1);
    await as(t, other).patch(`${projects()}/${mine}/checklist/ci-cd`, { status: 'IN_PROGRESS' }).expect(403);
    await as(t, viewer).patch(`${projects()}/${mine}/checklist/ci-cd`, { status: 'IN_PROGRESS' }).expect(403);
    await as(t, owner).patch(`${projects()}/${mine}/checklist/no-such-thing`, { status: 'DONE' }).expect(404);
    const history = await as(t, viewer).get(`${projects()}/${mine}/checklist/ci-cd/history`).expect(200);
    expect(
      history.body
        .map((h: { field: string; fromValue: string | null; toValue: string | null }) => [
          h.field,
          h.fromValue,
          h.toValue,
        ])
        .sort(),
    ).toEqual([
      ['assigneeId', null, owner.userId],
      ['dueDate', null, '2026-12-01'],
      ['notes', '', 'GitHub Actions'],
      ['status', 'NOT_STARTED', 'DONE'],
    ]);
  });

  it('not applicable needs a justification and never applies to the always-required five', async () => {
    const id = await newProject(owner);
    const noReason = await as(t, owner)
      .patch(`${projects()}/${id}/checklist/explainability`, { status: 'NOT_APPLICABLE' })
      .expect(400);
    expect(noReason.body.message).toMatch(/justification/);
    const required = await as(t, owner)
      .patch(`${projects()}/${id}/checklist/drift-detection`, {
        status: 'NOT_APPLICABLE',
        naJustification: 'no drift here',
      })
      .expect(400);
    expect(required.body.message).toMatch(/always required/);
    const ok = await as(t, owner)
      .patch(`${projects()}/${id}/checklist/explainability`, {
        status: 'NOT_APPLICABLE',
        naJustification: 'Batch scoring only',
      })
      .expect(200);
    expect(ok.body.readiness).toMatchObject({ applicable: 16, threshold: 12 });
  });

  it('bulk update is all or nothing, naming the bad item', async () => {
    const id = await newProject(owner);
    const bad = await as(t, owner)
      .patch(`${projects()}/${id}/checklist`, {
        items: [
          { key: 'ci-cd', status: 'DONE' },
          { key: 'incident-runbooks', status: 'NOT_APPLICABLE', naJustification: 'none' },
          { key: 'model-versioning', status: 'DONE' },
        ],
      })
      .expect(400);
    expect(bad.body.details).toEqual([
      { field: 'items[1].status', problems: [expect.stringMatching(/always required/)] },
    ]);
    const unchanged = await as(t, owner).get(`${projects()}/${id}/checklist`).expect(200);
    expect(unchanged.body.readiness.done).toBe(0);
    const shape = await as(t, owner)
      .patch(`${projects()}/${id}/checklist`, { items: [{ key: 'ci-cd', status: 'FINISHED' }] })
      .expect(400);
    expect(shape.body.details[0].field).toBe('items[0].status');

    const ok = await as(t, owner)
      .patch(`${projects()}/${id}/checklist`, {
        items: [
          { key: 'ci-cd', status: 'DONE' },
          { key: 'model-versioning', status: 'DONE' },
        ],
      })
      .expect(200);
    expect(ok.body.readiness.done).toBe(2);
    const audit = await as(t, org.admin)
      .get(`/api/orgs/${org.orgId}/audit?entityType=checklist_item&limit=5`)
      .expect(200);
    expect(
      audit.body.items
        .slice(0, 2)
        .map((e: { entityId: string }) => e.entityId)
        .sort(),
    ).toEqual([`${id}/ci-cd`, `${id}/model-versioning`]);
  });

  it('adds evidence links with who and when', async () => {
    const id = await newProject(owner);
    const e = await as(t, owner)
      .post(`${projects()}/${id}/checklist/incident-runbooks/evidence`, {
        url: 'https://wiki.example/runbook',
        title: 'On-call runbook',
      })
      .expect(201);
    expect(e.body).toMatchObject({ title: 'On-call runbook', addedById: owner.userId });
    const bad = await as(t, owner)
      .post(`${projects()}/${id}/checklist/incident-runbooks/evidence`, {
        url: 'javascript:alert(1)',
        title: 'x',
      })
      .expect(400);
    expect(bad.body.details[0].field).toBe('url');
    const list = await as(t, viewer).get(`${projects()}/${id}/checklist`).expect(200);
    expect(list.body.items.find((i: { key: string }) => i.key === 'incident-runbooks').evidence).toEqual([
      expect.objectContaining({ url: 'https://wiki.example/runbook', addedByName: 'PROJECT_OWNER' }),
    ]);
  });

  it('keeps a readiness snapshot on every checklist change', async () => {
    const id = await newProject(owner);
    await as(t, owner).patch(`${projects()}/${id}/checklist/ci-cd`, { status: 'DONE' }).expect(200);
    await as(t, owner)
      .patch(`${projects()}/${id}/checklist/model-versioning`, { status: 'DONE' })
      .expect(200);
    const history = await as(t, viewer).get(`${projects()}/${id}/readiness-history`).expect(200);
    expect(history.body.map((h: { done: number }) => h.done)).toEqual([0, 1, 2]);
  });
});

describe('the production gate', () => {
  async function productionizing(): Promise<string> {
    const id = await newProject(owner);
    await as(t, owner).post(`${projects()}/${id}/transitions`, { to: 'PRODUCTIONIZING' }).expect(200);
    return id;
  }

  it('refuses a project that is not ready, listing what is missing', async () => {
    const id = await productionizing();
    await as(t, owner)
      .patch(`${projects()}/${id}/checklist`, { items: OTHERS.map((key) => ({ key, status: 'DONE' })) })
      .expect(200);
    const res = await as(t, owner).post(`${projects()}/${id}/transitions`, { to: 'PRODUCTION' }).expect(422);
    expect(res.body.message).toBe(
      'The project is not production-ready. Missing: 5 more capabilities done (7 of 12 needed); ' +
        'model-versioning (required); ci-cd (required); drift-detection (required); monitoring-alerting (required); ' +
        'incident-runbooks (required). An admin may override with a reason.',
    );
  });

  it('lets a ready project through', async () => {
    const id = await productionizing();
    await as(t, owner)
      .patch(`${projects()}/${id}/checklist`, {
        items: [...REQUIRED, ...OTHERS].map((key) => ({ key, status: 'DONE' })),
      })
      .expect(200);
    const res = await as(t, owner).post(`${projects()}/${id}/transitions`, { to: 'PRODUCTION' }).expect(200);
    expect(res.body).toMatchObject({ stage: 'PRODUCTION', readiness: { done: 12, ready: true } });
  });

  it('accepts an admin override with a reason, and audits it', async () => {
    const id = await productionizing();
    await as(t, owner)
      .post(`${projects()}/${id}/transitions`, { to: 'PRODUCTION', override: true, reason: 'Please' })
      .expect(422);
    const res = await as(t, org.admin)
      .post(`${projects()}/${id}/transitions`, {
        to: 'PRODUCTION',
        override: true,
        reason: 'Regulator deadline; gaps tracked in JIRA-12',
      })
      .expect(200);
    expect(res.body.stage).toBe('PRODUCTION');
    const audit = await as(t, org.admin)
      .get(`/api/orgs/${org.orgId}/audit?entityId=${id}&limit=1`)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'project.stage_overridden',
      before: { stage: 'PRODUCTIONIZING' },
      after: { stage: 'PRODUCTION', override: true, reason: 'Regulator deadline; gaps tracked in JIRA-12' },
    });
  });
});

describe('the template', () => {
  it('admins add a capability (it reaches open projects) and retire one (it leaves checklists, history kept)', async () => {
    const o = await newOrg(t, 'Template Org');
    const api = as(t, o.admin);
    const id = (await api.post(`/api/orgs/${o.orgId}/projects`, { name: 'Open' }).expect(201)).body.id;
    const template = await api.get(`/api/orgs/${o.orgId}/capabilities`).expect(200);
    expect(template.body).toHaveLength(17);
    await api
      .post(`/api/orgs/${o.orgId}/capabilities`, {
        key: 'fairness-review',
        name: 'Fairness review',
        group: 'governance',
      })
      .expect(201);
    await api
      .post(`/api/orgs/${o.orgId}/capabilities`, {
        key: 'fairness-review',
        name: 'Again',
        group: 'governance',
      })
      .expect(409);
    let checklist = await api.get(`/api/orgs/${o.orgId}/projects/${id}/checklist`).expect(200);
    expect(checklist.body.items).toHaveLength(18);
    expect(checklist.body.readiness).toMatchObject({ applicable: 18, threshold: 13 });

    await api.patch(`/api/orgs/${o.orgId}/capabilities/cost-monitoring`, { retired: true }).expect(200);
    checklist = await api.get(`/api/orgs/${o.orgId}/projects/${id}/checklist`).expect(200);
    expect(checklist.body.items.map((i: { key: string }) => i.key)).not.toContain('cost-monitoring');
    expect(checklist.body.readiness.applicable).toBe(17);
    const all = await api.get(`/api/orgs/${o.orgId}/capabilities?includeRetired=true`).expect(200);
    expect(all.body.find((c: { key: string }) => c.key === 'cost-monitoring').retiredAt).not.toBeNull();

    const refused = await api.patch(`/api/orgs/${o.orgId}/capabilities/ci-cd`, { retired: true }).expect(422);
    expect(refused.body.message).toMatch(/always required/);
    const bad = await api
      .post(`/api/orgs/${o.orgId}/capabilities`, { key: 'Bad Key', name: 'x', group: 'magic' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['group', 'key']);
  });
});
