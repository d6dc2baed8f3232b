import { lastAdminViolation, type Role } from '@gapline/domain';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/request-context.js';
import { type OrgId, TenantDb } from '../db/tenant.js';
import { type MemberRow, OrgsRepository } from './orgs.repository.js';

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
}

const view = (m: MemberRow): MemberView => ({
  userId: m.userId,
  email: m.user.email,
  name: m.user.name,
  role: m.role,
  joinedAt: m.createdAt,
});

@Injectable()
export class MembersService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: OrgsRepository,
    private readonly audit: AuditService,
  ) {}

  roleOf(orgId: OrgId, userId: string): Promise<Role | null> {
    return this.db.run(orgId, (scope) => this.repo.roleOf(scope, userId));
  }

  async list(orgId: OrgId): Promise<MemberView[]> {
    const rows = await this.db.run(orgId, (scope) => this.repo.listMembers(scope));
    return rows.map(view);
  }

  changeRole(orgId: OrgId, actor: Actor, userId: string, role: Role): Promise<MemberView> {
    return this.db.run(orgId, async (scope) => {
      await this.repo.lock(scope);
      const before = await this.repo.findMember(scope, userId);
      if (!before) throw new NotFoundException('Member not found');
      if (before.role === role) return view(before);
      const refusal = lastAdminViolation(await this.repo.memberRoles(scope), {
        kind: 'changeRole',
        userId,
        role,
      });
      if (refusal) throw new ConflictException(refusal);
      await this.repo.setRole(scope, userId, role);
      await this.audit.record(scope, actor, {
        action: 'member.role_changed',
        entityType: 'membership',
        entityId: userId,
        before: { role: before.role },
        after: { role },
      });
      return { ...view(before), role };
    });
  }

  remove(orgId: OrgId, actor: Actor, userId: string): Promise<void> {
    return this.db.run(orgId, async (scope) => {
      await this.repo.lock(scope);
      const before = await this.repo.findMember(scope, userId);
      if (!before) throw new NotFoundException('Member not found');
      const refusal = lastAdminViolation(await this.repo.memberRoles(scope), { kind: 'remove', userId });
      if (refusal) throw new ConflictException(refusal);
      await this.repo.removeMember(scope, userId);
      await this.audit.record(scope, actor, {
        action: 'member.removed',
        entityType: 'membership',
        entityId: userId,
        before: { email: before.user.email, role: before.role },
      });
    });
  }
}
