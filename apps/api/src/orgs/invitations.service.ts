import type { Role } from '@gapline/domain';
import {
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { isUuid, newOpaqueToken, parseOpaqueToken, secretMatches } from '../auth/tokens.js';
import type { Actor } from '../common/request-context.js';
import { CONFIG, type Config } from '../config.js';
import { asOrgId, type OrgId, TenantDb, type TenantScope } from '../db/tenant.js';
import type { Invitation } from '../generated/prisma/client.js';
import { JobQueue } from '../jobs/job-queue.js';
import { OrgsRepository } from './orgs.repository.js';

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  createdAt: Date;
}

const view = (i: Invitation): InvitationView => ({
  id: i.id,
  email: i.email,
  role: i.role,
  expiresAt: i.expiresAt,
  createdAt: i.createdAt,
});

const INVALID = 'This invitation link is not valid. Ask an admin of the organisation for a new one.';

@Injectable()
export class InvitationsService {
  private readonly log = new Logger('Invitations');

  constructor(
    private readonly db: TenantDb,
    private readonly repo: OrgsRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async list(orgId: OrgId): Promise<InvitationView[]> {
    const rows = await this.db.run(orgId, (scope) => this.repo.pendingInvitations(scope, new Date()));
    return rows.map(view);
  }

  /** Creates a single-use invitation and e-mails its link; the link is returned once, to the admin. */
  async create(
    orgId: OrgId,
    actor: Actor,
    input: { email: string; role: Role },
  ): Promise<InvitationView & { acceptUrl: string }> {
    const { id, token, hash } = newOpaqueToken(orgId);
    const acceptUrl = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/invite/${encodeURIComponent(token)}`;
    const invitation = await this.db.run(orgId, async (scope) => {
      const members = await this.repo.listMembers(scope);
      if (members.some((m) => m.user.email === input.email)) {
        throw new ConflictException(`${input.email} is already a member of this organisation`);
      }
      const created = await this.repo.createInvitation(scope, {
        id,
        email: input.email,
        role: input.role,
        tokenHash: hash,
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + this.config.INVITATION_TTL_DAYS * 86_400_000),
      });
      await this.audit.record(scope, actor, {
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: id,
        after: { email: input.email, role: input.role },
      });
      return created;
    });
    // Best effort: the invitation stands and its link is returned below even when mail cannot be queued.
    try {
      await this.jobs.enqueue('invitation.email', {
        orgId,
        invitationId: id,
        acceptUrl,
        invitedBy: actor.label,
      });
    } catch (err) {
      this.log.warn(`invitation e-mail for ${input.email} not queued: ${(err as Error).message}`);
    }
    return { ...view(invitation), acceptUrl };
  }

  revoke(orgId: OrgId, actor: Actor, id: string): Promise<void> {
    return this.db.run(orgId, async (scope) => {
      const invitation = isUuid(id) ? await this.repo.findInvitation(scope, id) : null;
      if (!invitation || !(await this.repo.closeInvitation(scope, id, 'revokedAt'))) {
        throw new NotFoundException('No open invitation with this id');
      }
      await this.audit.record(scope, actor, {
        action: 'invitation.revoked',
        entityType: 'invitation',
        entityId: id,
        before: { email: invitation.email, role: invitation.role },
      });
    });
  }

  /** What an invitation link offers, shown before the invitee signs in or registers. */
  async preview(token: string): Promise<{ orgName: string; email: string; role: Role; expiresAt: Date }> {
    const { orgId, invitationId, secret } = this.parse(token);
    return this.db.run(orgId, async (scope) => {
      const invitation = await this.openInvitation(scope, invitationId, secret);
      const org = await this.repo.get(scope);
      return {
        orgName: org?.name ?? '',
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
      };
    });
  }

  /** Joins the invitation's organisation inside the caller's transaction (used by accept and register). */
  async acceptIn(
    scope: TenantScope,
    secret: string,
    invitationId: string,
    actor: Actor,
    email: string,
  ): Promise<void> {
    const invitation = await this.openInvitation(scope, invitationId, secret);
    if (invitation.email !== email) {
      throw new ConflictException(
        `This invitation was sent to ${invitation.email}; sign in with that address`,
      );
    }
    if (await this.repo.roleOf(scope, actor.userId)) {
      throw new ConflictException('You are already a member of this organisation');
    }
    if (!(await this.repo.closeInvitation(scope, invitationId, 'acceptedAt')))
      throw new GoneException(INVALID);
    await this.repo.addMember(scope, actor.userId, invitation.role);
    await this.audit.record(scope, actor, {
      action: 'member.joined',
      entityType: 'membership',
      entityId: actor.userId,
      after: { email, role: invitation.role, invitationId },
    });
  }

  async accept(token: string, actor: Actor, email: string): Promise<{ orgId: string }> {
    const { orgId, invitationId, secret } = this.parse(token);
    await this.db.run(orgId, (scope) => this.acceptIn(scope, secret, invitationId, actor, email));
    return { orgId };
  }

  parse(token: string): { orgId: OrgId; invitationId: string; secret: string } {
    const parsed = parseOpaqueToken(token, 3);
    const [orgId, invitationId] = parsed?.ids ?? [];
    if (!parsed || !orgId || !invitationId) {
      throw new NotFoundException(INVALID);
    }
    return { orgId: asOrgId(orgId), invitationId, secret: parsed.secret };
  }

  private async openInvitation(scope: TenantScope, id: string, secret: string): Promise<Invitation> {
    const invitation = await this.repo.findInvitation(scope, id);
    if (!invitation || !secretMatches(secret, invitation.tokenHash)) throw new NotFoundException(INVALID);
    if (invitation.acceptedAt || invitation.revokedAt)
      throw new GoneException('This invitation has already been used or revoked');
    if (invitation.expiresAt <= new Date())
      throw new GoneException('This invitation has expired. Ask an admin for a new one.');
    return invitation;
  }
}
