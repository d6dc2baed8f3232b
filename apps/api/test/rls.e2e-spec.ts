import { bootApp, newOrg, type TestApp, type TestOrg } from './app.js';
import { inTransaction } from './db.js';

const TENANT_TABLES = [
  'organizations',
  'memberships',
  'invitations',
  'audit_events',
  'projects',
  'project_transitions',
  'capabilities',
  'checklist_items',
  'evidence',
  'checklist_changes',
  'readiness_snapshots',
];

let t: TestApp;
let a: TestOrg;
let b: TestOrg;
beforeAll(async () => {
  t = await bootApp();
  a = await newOrg(t, 'RLS A');
  b = await newOrg(t, 'RLS B');
  for (const org of [a, b]) {
    const p = await t.http
      .post(`/api/orgs/${org.orgId}/projects`)
      .auth(org.admin.token, { type: 'bearer' })
      .send({ name: 'RLS project' })
      .expect(201);
    await t.http
      .post(`/api/orgs/${org.orgId}/projects/${p.body.id}/checklist/ci-cd/evidence`)
      .auth(org.admin.token, { type: 'bearer' })
      .send({ url: 'https://ci.example', title: 'CI' })
      .expect(201);
  }
  await t.http
    .post(`/api/orgs/${a.orgId}/invitations`)
    .auth(a.admin.token, { type: 'bearer' })
    .send({ email: 'rls@test.gapline.dev', role: 'VIEWER' })
    .expect(201);
});
afterAll(() => t.close());

describe('row-level security (wall two)', () => {
  it('the owner sees rows of both organisations (the data is there)', async () => {
    await inTransaction(async (db) => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM memberships WHERE org_id = ANY($1)', [
        [a.orgId, b.orgId],
      ]);
      expect(rows[0].n).toBe(2);
    });
  });

  it.each(TENANT_TABLES)('as the app role without an organisation set, %s reads as empty', async (table) => {
    await inTransaction(async (db) => {
      await db.query('SET LOCAL ROLE gapline_app');
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(rows[0].n).toBe(0);
    });
  });

  it.each(TENANT_TABLES)('as the app role with organisation A set, %s shows only A', async (table) => {
    await inTransaction(async (db) => {
      await db.query('SET LOCAL ROLE gapline_app');
      await db.query(`SELECT set_config('app.org_id', $1, true)`, [a.orgId]);
      const column = table === 'organizations' ? 'id' : 'org_id';
      const { rows } = await db.query(`SELECT DISTINCT ${column}::text AS org FROM ${table}`);
      expect(rows.map((r) => r.org)).toEqual([a.orgId]);
    });
  });

  it('refuses to write a row into another organisation', async () => {
    await inTransaction(async (db) => {
      await db.query('SET LOCAL ROLE gapline_app');
      await db.query(`SELECT set_config('app.org_id', $1, true)`, [a.orgId]);
      await expect(
        db.query(
          `INSERT INTO memberships (org_id, user_id, role, updated_at) VALUES ($1, $2, 'ADMIN', now())`,
          [b.orgId, a.admin.userId],
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it('refuses UPDATE and DELETE on the audit trail, even to the owner', async () => {
    await inTransaction(async (db) => {
      await expect(
        db.query('UPDATE audit_events SET action = action WHERE org_id = $1', [a.orgId]),
      ).rejects.toThrow(/append-only/);
    });
    await inTransaction(async (db) => {
      await expect(db.query('DELETE FROM audit_events WHERE org_id = $1', [a.orgId])).rejects.toThrow(
        /append-only/,
      );
    });
    await inTransaction(async (db) => {
      await db.query('SET LOCAL ROLE gapline_app');
      await db.query(`SELECT set_config('app.org_id', $1, true)`, [a.orgId]);
      await expect(db.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
    });
  });
});
