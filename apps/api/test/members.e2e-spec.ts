import { as } from './api.js';
import {
  addMember,
  bootApp,
  newOrg,
  PASSWORD,
  type Session,
  type TestApp,
  type TestOrg,
  uniqueEmail,
} from './app.js';
import { ownerQuery } from './db.js';

let t: TestApp;
beforeAll(async () => {
  t = await bootApp();
});
afterAll(() => t.close());

const api = (s: Session) => as(t, s);

async function auditActions(org: TestOrg): Promise<string[]> {
  const res = await api(org.admin).get(`/api/orgs/${org.orgId}/audit?limit=200`).expect(200);
  return res.body.items.map((e: { action: string }) => e.action).reverse();
}

describe('members and the last-admin rule', () => {
  let org: TestOrg;
  let owner: Session;
  beforeAll(async () => {
    org = await newOrg(t);
    owner = await addMember(t, org, 'PROJECT_OWNER');
  });

  it('lists members with their roles', async () => {
    const res = await api(owner).get(`/api/orgs/${org.orgId}/members`).expect(200);
    expect(res.body.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [org.admin.email, 'ADMIN'],
      [owner.email, 'PROJECT_OWNER'],
    ]);
  });

  it('refuses to demote or remove the last admin', async () => {
    const demote = await api(org.admin)
      .patch(`/api/orgs/${org.orgId}/members/${org.admin.userId}`, { role: 'VIEWER' })
      .expect(409);
    expect(demote.body.message).toMatch(/last admin/);
    const remove = await api(org.admin)
      .delete(`/api/orgs/${org.orgId}/members/${org.admin.userId}`)
      .expect(409);
    expect(remove.body.message).toMatch(/last admin/);
  });

  it('allows it once another admin exists, and records every change', async () => {
    await api(org.admin)
      .patch(`/api/orgs/${org.orgId}/members/${owner.userId}`, { role: 'ADMIN' })
      .expect(200);
    await api(owner)
      .patch(`/api/orgs/${org.orgId}/members/${org.admin.userId}`, { role: 'FINANCE' })
      .expect(200);
    // The old admin is now FINANCE and may no longer manage members.
    await api(org.admin).delete(`/api/orgs/${org.orgId}/members/${owner.userId}`).expect(403);
    await api(owner).delete(`/api/orgs/${org.orgId}/members/${owner.userId}`).expect(409);
    await api(owner).delete(`/api/orgs/${org.orgId}/members/${org.admin.userId}`).expect(204);
    await api(org.admin).get(`/api/orgs/${org.orgId}/members`).expect(404);

    const events = await api(owner)
      .get(`/api/orgs/${org.orgId}/audit?entityType=membership&limit=10`)
      .expect(200);
    const [removed, demoted, promoted] = events.body.items;
    expect(removed).toMatchObject({
      action: 'member.removed',
      entityId: org.admin.userId,
      actorId: owner.userId,
    });
    expect(demoted).toMatchObject({
      action: 'member.role_changed',
      before: { role: 'ADMIN' },
      after: { role: 'FINANCE' },
    });
    expect(promoted).toMatchObject({
      action: 'member.role_changed',
      actorLabel: org.admin.email,
      after: { role: 'ADMIN' },
    });
    expect(promoted.requestId).toEqual(expect.any(String));
    expect(promoted.ip).toEqual(expect.any(String));
  });

  it('answers 404 for a member who is not in the organisation', async () => {
    const other = await newOrg(t);
    await api(owner)
      .patch(`/api/orgs/${org.orgId}/members/${other.admin.userId}`, { role: 'VIEWER' })
      .expect(404);
  });
});

describe('invitations', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await newOrg(t, 'Inviting Org');
  });

  it('is single use', async () => {
    const email = uniqueEmail('invitee');
    const inv = await api(org.admin)
      .post(`/api/orgs/${org.orgId}/invitations`, { email, role: 'FINANCE' })
      .expect(201);
    const token = decodeURIComponent(inv.body.acceptUrl.split('/invite/')[1]);
    const preview = await t.http.post('/api/invitations/preview').send({ token }).expect(200);
    expect(preview.body).toMatchObject({ orgName: 'Inviting Org', email, role: 'FINANCE' });
    await t.http
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, name: 'Fin', invitationToken: token })
      .expect(201);
    await t.http.post('/api/invitations/preview').send({ token }).expect(410);
    const again = await t.http
      .post('/api/auth/register')
      .send({ email: uniqueEmail('thief'), password: PASSWORD, name: 'Thief', invitationToken: token })
      .expect(410);
    expect(again.body.message).toMatch(/already been used/);
  });

  it('rejects a forged token and a token for another address', async () => {
    const inv = await api(org.admin)
      .post(`/api/orgs/${org.orgId}/invitations`, { email: uniqueEmail('x'), role: 'VIEWER' })
      .expect(201);
    const token = decodeURIComponent(inv.body.acceptUrl.split('/invite/')[1]);
    const forged = `${token.slice(0, -4)}AAAA`;
    await t.http.post('/api/invitations/preview').send({ token: forged }).expect(404);
    const stranger = await newOrg(t);
    const res = await api(stranger.admin).post('/api/invitations/accept', { token }).expect(409);
    expect(res.body.message).toMatch(/was sent to/);
  });

  it('can be revoked, after which it no longer works', async () => {
    const email = uniqueEmail('revoked');
    const inv = await api(org.admin)
      .post(`/api/orgs/${org.orgId}/invitations`, { email, role: 'VIEWER' })
      .expect(201);
    const list = await api(org.admin).get(`/api/orgs/${org.orgId}/invitations`).expect(200);
    expect(list.body.map((i: { email: string }) => i.email)).toContain(email);
    await api(org.admin).delete(`/api/orgs/${org.orgId}/invitations/${inv.body.id}`).expect(204);
    await api(org.admin).delete(`/api/orgs/${org.orgId}/invitations/${inv.body.id}`).expect(404);
    const token = decodeURIComponent(inv.body.acceptUrl.split('/invite/')[1]);
    await t.http.post('/api/invitations/preview').send({ token }).expect(410);
  });

  it('expires', async () => {
    const email = uniqueEmail('late');
    const inv = await api(org.admin)
      .post(`/api/orgs/${org.orgId}/invitations`, { email, role: 'VIEWER' })
      .expect(201);
    await ownerQuery(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      inv.body.id,
    ]);
    const token = decodeURIComponent(inv.body.acceptUrl.split('/invite/')[1]);
    const res = await t.http.post('/api/invitations/preview').send({ token }).expect(410);
    expect(res.body.message).toMatch(/expired/);
  });

  it('refuses inviting an existing member', async () => {
    await api(org.admin)
      .post(`/api/orgs/${org.orgId}/invitations`, { email: org.admin.email, role: 'VIEWER' })
      .expect(409);
  });
});

describe('audit trail', () => {
  it('records every mutation, newest first, with filters and a cursor', async () => {
    const org = await newOrg(t, 'Audited');
    const viewer = await addMember(t, org, 'VIEWER');
    await api(org.admin).patch(`/api/orgs/${org.orgId}`, { name: 'Audited & Renamed' }).expect(200);
    await api(org.admin)
      .patch(`/api/orgs/${org.orgId}/members/${viewer.userId}`, { role: 'FINANCE' })
      .expect(200);
    const inv = await api(org.admin)
      .post(`/api/orgs/${org.orgId}/invitations`, { email: uniqueEmail('a'), role: 'VIEWER' })
      .expect(201);
    await api(org.admin).delete(`/api/orgs/${org.orgId}/invitations/${inv.body.id}`).expect(204);
    await api(org.admin).delete(`/api/orgs/${org.orgId}/members/${viewer.userId}`).expect(204);

    expect(await auditActions(org)).toEqual([
      'organization.created',
      'member.added',
      'invitation.created',
      'member.joined',
      'organization.updated',
      'member.role_changed',
      'invitation.created',
      'invitation.revoked',
      'member.removed',
    ]);

    const page1 = await api(org.admin).get(`/api/orgs/${org.orgId}/audit?limit=4`).expect(200);
    expect(page1.body.items).toHaveLength(4);
    const page2 = await api(org.admin)
      .get(`/api/orgs/${org.orgId}/audit?limit=4&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body.items[0].seq).toBe(String(Number(page1.body.items[3].seq) - 1));
    const byActor = await api(org.admin)
      .get(`/api/orgs/${org.orgId}/audit?actorId=${viewer.userId}`)
      .expect(200);
    expect(byActor.body.items.map((e: { action: string }) => e.action)).toEqual(['member.joined']);
    const future = await api(org.admin)
      .get(
        `/api/orgs/${org.orgId}/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      )
      .expect(200);
    expect(future.body.items).toEqual([]);
    await api(org.admin).get(`/api/orgs/${org.orgId}/audit?limit=0`).expect(400);
  });

  it('verifies an intact chain and exports it as NDJSON', async () => {
    const org = await newOrg(t);
    await addMember(t, org, 'VIEWER');
    const ok = await api(org.admin).get(`/api/orgs/${org.orgId}/audit/verify`).expect(200);
    expect(ok.body).toEqual({ valid: true, checked: 4 });
    const exported = await api(org.admin).get(`/api/orgs/${org.orgId}/audit/export`).expect(200);
    expect(exported.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = exported.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((e) => e.seq)).toEqual(['1', '2', '3', '4']);
  });

  async function tamper(orgId: string, sql: string): Promise<void> {
    await ownerQuery(
      `BEGIN; ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only; ${sql};
       ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only; COMMIT;`.replaceAll(
        '$ORG',
        `'${orgId}'`,
      ),
    );
  }

  it('catches a row changed behind the API’s back', async () => {
    const org = await newOrg(t);
    await addMember(t, org, 'VIEWER');
    await tamper(
      org.orgId,
      `UPDATE audit_events SET after = '{"role":"VIEWER"}' WHERE org_id = $ORG AND seq = 2`,
    );
    const res = await api(org.admin).get(`/api/orgs/${org.orgId}/audit/verify`).expect(200);
    expect(res.body).toMatchObject({ valid: false, checked: 1, brokenAtSeq: '2' });
    expect(res.body.problem).toMatch(/changed after it was recorded/);
  });

  it('catches a deleted row, in the middle or at the end', async () => {
    const org = await newOrg(t);
    await addMember(t, org, 'VIEWER');
    await tamper(org.orgId, 'DELETE FROM audit_events WHERE org_id = $ORG AND seq = 4');
    const tail = await api(org.admin).get(`/api/orgs/${org.orgId}/audit/verify`).expect(200);
    expect(tail.body).toMatchObject({ valid: false, brokenAtSeq: '4' });
    await tamper(org.orgId, 'DELETE FROM audit_events WHERE org_id = $ORG AND seq = 2');
    const middle = await api(org.admin).get(`/api/orgs/${org.orgId}/audit/verify`).expect(200);
    expect(middle.body).toMatchObject({ valid: false, brokenAtSeq: '2', problem: 'event 2 is missing' });
  });
});
