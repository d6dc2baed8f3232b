import type { Role } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import type { TenantScope, Tx } from '../db/tenant.js';
import type { Invitation, Organization } from '../generated/prisma/client.js';

const memberSelect = {
  userId: true,
  role: true,
  createdAt: true,
  user: { select: { email: true, name: true } },
} as const;

export type MemberRow = {
  userId: string;
  role: Role;
  createdAt: Date;
  user: { email: string; name: string };
};

/** Organisations, their memberships and invitations: every method is scoped to one organisation. */
@Injectable()
export class OrgsRepository {
  create(scope: TenantScope, name: string): Promise<Organization> {
    return scope.tx.organization.create({ data: { id: scope.orgId, name } });
  }

  get(scope: TenantScope): Promise<Organization | null> {
    return scope.tx.organization.findUnique({ where: { id: scope.orgId } });
  }

  update(scope: TenantScope, data: { name?: string }): Promise<Organization> {
    return scope.tx.organization.update({ where: { id: scope.orgId }, data });
  }

  /** Serialises membership changes of one organisation (the last-admin rule reads, then writes). */
  async lock(scope: TenantScope): Promise<void> {
    await scope.tx.$queryRaw`SELECT 1 FROM organizations WHERE id = ${scope.orgId}::uuid FOR UPDATE`;
  }

  async roleOf(scope: TenantScope, userId: string): Promise<Role | null> {
    const m = await scope.tx.membership.findUnique({
      where: { orgId_userId: { orgId: scope.orgId, userId } },
      select: { role: true },
    });
    return m?.role ?? null;
  }

  listMembers(scope: TenantScope): Promise<MemberRow[]> {
    return scope.tx.membership.findMany({
      where: { orgId: scope.orgId },
      select: memberSelect,
      orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
    });
  }

  findMember(scope: TenantScope, userId: string): Promise<MemberRow | null> {
    return scope.tx.membership.findUnique({
      where: { orgId_userId: { orgId: scope.orgId, userId } },
      select: memberSelect,
    });
  }

  memberRoles(scope: TenantScope): Promise<{ userId: string; role: Role }[]> {
    return scope.tx.membership.findMany({
      where: { orgId: scope.orgId },
      select: { userId: true, role: true },
    });
  }

  async addMember(scope: TenantScope, userId: string, role: Role): Promise<void> {
    await scope.tx.membership.create({ data: { orgId: scope.orgId, userId, role } });
  }

  async setRole(scope: TenantScope, userId: string, role: Role): Promise<void> {
    await scope.tx.membership.update({
      where: { orgId_userId: { orgId: scope.orgId, userId } },
      data: { role },
    });
  }

  async removeMember(scope: TenantScope, userId: string): Promise<void> {
    await scope.tx.membership.delete({ where: { orgId_userId: { orgId: scope.orgId, userId } } });
  }

  createInvitation(
    scope: TenantScope,
    data: { id: string; email: string; role: Role; tokenHash: string; invitedById: string; expiresAt: Date },
  ): Promise<Invitation> {
    return scope.tx.invitation.create({ data: { ...data, orgId: scope.orgId } });
  }

  findInvitation(scope: TenantScope, id: string): Promise<Invitation | null> {
    return scope.tx.invitation.findUnique({ where: { orgId_id: { orgId: scope.orgId, id } } });
  }

  pendingInvitations(scope: TenantScope, now: Date): Promise<Invitation[]> {
    return scope.tx.invitation.findMany({
      where: { orgId: scope.orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: 'desc' },
    });
  }

  /** Closes an open invitation; false when it was already accepted or revoked (single use). */
  async closeInvitation(scope: TenantScope, id: string, how: 'acceptedAt' | 'revokedAt'): Promise<boolean> {
    const { count } = await scope.tx.invitation.updateMany({
      where: { orgId: scope.orgId, id, acceptedAt: null, revokedAt: null },
      data: { [how]: new Date() },
    });
    return count === 1;
  }

  /** The organisations one user belongs to (read under that user's own row-level policy). */
  membershipsOfUser(tx: Tx, userId: string): Promise<{ orgId: string; role: Role; org: { name: string } }[]> {
    return tx.membership.findMany({
      where: { userId },
      select: { orgId: true, role: true, org: { select: { name: true } } },
      orderBy: { createdAt: 'asc' },
    });
  }
}
