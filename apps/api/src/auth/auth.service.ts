import { randomUUID } from 'node:crypto';
import { ROLE_PERMISSIONS } from '@gapline/domain';
import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hash, verify } from '@node-rs/argon2';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/request-context.js';
import { CONFIG, type Config } from '../config.js';
import { asOrgId, TenantDb } from '../db/tenant.js';
import type { User } from '../generated/prisma/client.js';
import { InvitationsService } from '../orgs/invitations.service.js';
import { OrgsRepository } from '../orgs/orgs.repository.js';
import { ChecklistRepository } from '../projects/checklist.repository.js';
import type { LoginDto, MeDto, RegisterDto, SessionDto } from './dto/auth.dto.js';
import { SessionsRepository } from './sessions.repository.js';
import { ThrottleRepository } from './throttle.repository.js';
import { newOpaqueToken, parseOpaqueToken, secretMatches } from './tokens.js';
import { UsersRepository } from './users.repository.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface IssuedSession {
  body: SessionDto;
  refreshToken: string;
  refreshExpires: Date;
}

export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

// Verified against when the e-mail is unknown, so a wrong address costs the same time as a wrong password.
const DUMMY_HASH = hash('gapline-timing-equaliser');
const BAD_CREDENTIALS = 'E-mail or password is incorrect';
const SESSION_ENDED = 'Your session has ended. Sign in again.';

@Injectable()
export class AuthService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly throttle: ThrottleRepository,
    private readonly db: TenantDb,
    private readonly orgs: OrgsRepository,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    private readonly checklist: ChecklistRepository,
  ) {}

  async register(dto: RegisterDto, client: ClientInfo): Promise<IssuedSession> {
    const passwordHash = await hash(dto.password);
    const invite = dto.invitationToken ? this.invitations.parse(dto.invitationToken) : null;
    const orgId = invite?.orgId ?? asOrgId(randomUUID());
    const user = await this.db.run(orgId, async (scope) => {
      if (await this.users.findByEmail(dto.email, scope.tx)) {
        throw new HttpException(
          'An account with this e-mail already exists. Sign in instead.',
          HttpStatus.CONFLICT,
        );
      }
      const created = await this.users.create(scope.tx, { email: dto.email, name: dto.name, passwordHash });
      const actor: Actor = { userId: created.id, label: created.email, ...client };
      if (invite) {
        await this.invitations.acceptIn(scope, invite.secret, invite.invitationId, actor, created.email);
        return created;
      }
      const org = await this.orgs.create(scope, dto.organizationName ?? '');
      await this.orgs.addMember(scope, created.id, 'ADMIN');
      await this.checklist.createDefaultTemplate(scope);
      await this.audit.record(scope, actor, {
        action: 'organization.created',
        entityType: 'organization',
        entityId: org.id,
        after: { name: org.name, currency: org.currency },
      });
      await this.audit.record(scope, actor, {
        action: 'member.added',
        entityType: 'membership',
        entityId: created.id,
        after: { email: created.email, role: 'ADMIN' },
      });
      return created;
    });
    return this.issue(user, randomUUID(), client, orgId);
  }

  async login(dto: LoginDto, client: ClientInfo): Promise<IssuedSession> {
    const key = `login:${dto.email}:${client.ip ?? '-'}`;
    const { LOGIN_MAX_FAILURES: max, LOGIN_WINDOW_SECONDS: window } = this.config;
    const wait = await this.throttle.blockedFor(key, max, window);
    if (wait > 0) throw new TooManyAttemptsException(wait);
    const user = await this.users.findByEmail(dto.email);
    const ok = await verify(user?.passwordHash ?? (await DUMMY_HASH), dto.password);
    if (!user || !ok) {
      await this.throttle.recordFailure(key, window);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.throttle.clear(key);
    return this.issue(user, randomUUID(), client);
  }

  /** Rotates a refresh token. Presenting one that was already rotated revokes its whole family. */
  async refresh(token: unknown, client: ClientInfo): Promise<IssuedSession> {
    const parsed = parseOpaqueToken(token, 2);
    const session = parsed ? await this.sessions.find(parsed.ids[0] as string) : null;
    if (!parsed || !session || !secretMatches(parsed.secret, session.tokenHash)) {
      throw new UnauthorizedException(SESSION_ENDED);
    }
    if (session.revokedAt || session.expiresAt <= new Date()) throw new UnauthorizedException(SESSION_ENDED);
    if (session.rotatedAt || !(await this.sessions.markRotated(session.id))) {
      await this.sessions.revokeFamily(session.familyId);
      throw new UnauthorizedException(
        'This sign-in was used twice, so it was ended for safety. Sign in again.',
      );
    }
    const user = await this.users.findById(session.userId);
    if (!user) throw new UnauthorizedException(SESSION_ENDED);
    return this.issue(user, session.familyId, client);
  }

  async logout(token: unknown): Promise<void> {
    const parsed = parseOpaqueToken(token, 2);
    const session = parsed ? await this.sessions.find(parsed.ids[0] as string) : null;
    if (parsed && session && secretMatches(parsed.secret, session.tokenHash)) {
      await this.sessions.revokeFamily(session.familyId);
    }
  }

  async me(userId: string): Promise<MeDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedException(SESSION_ENDED);
    const memberships = await this.db.asUser(userId, (tx) => this.orgs.membershipsOfUser(tx, userId));
    return {
      user: { id: user.id, email: user.email, name: user.name },
      memberships: memberships.map((m) => ({
        orgId: m.orgId,
        orgName: m.org.name,
        role: m.role,
        permissions: [...ROLE_PERMISSIONS[m.role]],
      })),
    };
  }

  private async issue(
    user: User,
    familyId: string,
    client: ClientInfo,
    orgId?: string,
  ): Promise<IssuedSession> {
    const { id, token, hash: tokenHash } = newOpaqueToken();
    const refreshExpires = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await this.sessions.create({
      id,
      familyId,
      userId: user.id,
      tokenHash,
      expiresAt: refreshExpires,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
      ip: client.ip,
    });
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, email: user.email },
      { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, issuer: 'gapline', audience: 'gapline-api' },
    );
    return {
      body: {
        accessToken,
        expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
        user: { id: user.id, email: user.email, name: user.name },
        ...(orgId ? { orgId } : {}),
      },
      refreshToken: token,
      refreshExpires,
    };
  }
}
