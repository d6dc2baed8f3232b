import { can } from '@gapline/domain';
import {
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { isUuid } from '../auth/tokens.js';
import { actorOf, type GaplineRequest } from '../common/request-context.js';
import { asOrgId } from '../db/tenant.js';
import { MembersService } from '../orgs/members.service.js';
import { ACCESS_KEY, type Access } from './authorized.decorator.js';

/**
 * The single guard of the API. It authenticates (passport JWT), then, for organisation routes,
 * resolves the caller's membership: a non-member learns nothing (404), a member without the
 * permission gets 403. A route without a declaration is refused, so none is left open by mistake.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly members: MembersService,
  ) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (!access) throw new ForbiddenException('This route declares no access rule');
    if (access.kind === 'public') return true;
    await super.canActivate(ctx);
    if (access.kind === 'user') return true;

    const req = ctx.switchToHttp().getRequest<GaplineRequest>();
    const orgParam = req.params.orgId;
    if (!isUuid(orgParam)) throw new NotFoundException('Organisation not found');
    const orgId = asOrgId(orgParam.toLowerCase());
    const actor = actorOf(req);
    const role = await this.members.roleOf(orgId, actor.userId);
    if (!role) throw new NotFoundException('Organisation not found');
    if (!can(role, access.permission)) {
      throw new ForbiddenException(`Your role (${role}) does not allow ${access.permission}`);
    }
    req.org = { orgId, role, actor };
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user)
      throw new UnauthorizedException('Sign in to continue: the access token is missing or expired');
    return user;
  }
}
