import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/request-context.js';
import { type OrgId, TenantDb } from '../db/tenant.js';
import type { Organization } from '../generated/prisma/client.js';
import type { OrganizationDto } from './dto/orgs.dto.js';
import { OrgsRepository } from './orgs.repository.js';

const view = (o: Organization): OrganizationDto => ({
  id: o.id,
  name: o.name,
  currency: o.currency,
  createdAt: o.createdAt,
});

@Injectable()
export class OrgsService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: OrgsRepository,
    private readonly audit: AuditService,
  ) {}

  get(orgId: OrgId): Promise<OrganizationDto> {
    return this.db.run(orgId, async (scope) => {
      const org = await this.repo.get(scope);
      if (!org) throw new NotFoundException('Organisation not found');
      return view(org);
    });
  }

  update(orgId: OrgId, actor: Actor, patch: { name?: string }): Promise<OrganizationDto> {
    return this.db.run(orgId, async (scope) => {
      const before = await this.repo.get(scope);
      if (!before) throw new NotFoundException('Organisation not found');
      if (patch.name === undefined || patch.name === before.name) return view(before);
      const after = await this.repo.update(scope, patch);
      await this.audit.record(scope, actor, {
        action: 'organization.updated',
        entityType: 'organization',
        entityId: orgId,
        before: { name: before.name },
        after: { name: after.name },
      });
      return view(after);
    });
  }
}
