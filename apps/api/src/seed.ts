import type { Role } from '@gapline/domain';
import type { INestApplicationContext } from '@nestjs/common';
import { AuthService } from './auth/auth.service.js';
import { PrismaService } from './db/prisma.service.js';
import { asOrgId } from './db/tenant.js';
import { InvitationsService } from './orgs/invitations.service.js';

export const DEMO_PASSWORD = 'gapline-demo';
const DEMO_USERS: { role: Role; email: string; name: string }[] = [
  { role: 'ADMIN', email: 'admin@demo.gapline.dev', name: 'Ada Admin' },
  { role: 'PROJECT_OWNER', email: 'owner@demo.gapline.dev', name: 'Owen Owner' },
  { role: 'FINANCE', email: 'finance@demo.gapline.dev', name: 'Fiona Finance' },
  { role: 'VIEWER', email: 'viewer@demo.gapline.dev', name: 'Vic Viewer' },
];

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
}

/**
 * Seeds a demo organisation with one user per role when the database has no users, through the
 * same services the API uses (so the audit trail starts out complete). Returns the demo logins.
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoLogin[]> {
  const logins = DEMO_USERS.map((u) => ({ role: u.role, email: u.email, password: DEMO_PASSWORD }));
  if ((await app.get(PrismaService).user.count()) > 0) return logins;
  const auth = app.get(AuthService);
  const invitations = app.get(InvitationsService);
  const client = { ip: null, userAgent: 'seed', requestId: 'seed' };
  const [admin, ...others] = DEMO_USERS as [(typeof DEMO_USERS)[0], ...typeof DEMO_USERS];
  const created = await auth.register(
    {
      email: admin.email,
      password: DEMO_PASSWORD,
      name: admin.name,
      organizationName: 'Demo Insurance Group',
    },
    client,
  );
  const orgId = asOrgId(created.body.orgId as string);
  const actor = { userId: created.body.user.id, label: admin.email, ...client };
  for (const u of others) {
    const inv = await invitations.create(orgId, actor, { email: u.email, role: u.role });
    const token = decodeURIComponent(inv.acceptUrl.split('/invite/')[1] as string);
    await auth.register(
      { email: u.email, password: DEMO_PASSWORD, name: u.name, invitationToken: token },
      client,
    );
  }
  console.log('» Seeded the demo organisation "Demo Insurance Group"');
  return logins;
}
