import type { Role } from '@gapline/domain';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { OrgId } from '../db/tenant.js';

export interface AuthUser {
  id: string;
  email: string;
}

/** Who acts, from where: handed explicitly from controllers to services and into the audit trail. */
export interface Actor {
  userId: string;
  label: string;
  requestId: string | null;
  ip: string | null;
}

export interface OrgContext {
  orgId: OrgId;
  role: Role;
  actor: Actor;
}

export type GaplineRequest = Request & { user?: AuthUser; org?: OrgContext; id?: string };

export function actorOf(req: GaplineRequest): Actor {
  if (!req.user) throw new Error('actorOf called on an unauthenticated request');
  return {
    userId: req.user.id,
    label: req.user.email,
    requestId: typeof req.id === 'string' ? req.id : null,
    ip: req.ip ?? null,
  };
}

/** The verified organisation context that the access guard attached. */
export const Org = createParamDecorator((_: unknown, ctx: ExecutionContext): OrgContext => {
  const req = ctx.switchToHttp().getRequest<GaplineRequest>();
  if (!req.org) throw new Error('@Org() used on a route without an organisation permission');
  return req.org;
});

/** The authenticated caller, with request id and address for the audit trail. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return actorOf(ctx.switchToHttp().getRequest<GaplineRequest>());
});
