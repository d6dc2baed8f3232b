import type { Permission } from '@gapline/domain';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiParam, ApiResponse } from '@nestjs/swagger';

export const ACCESS_KEY = 'gapline:access';

/** What a route requires: nothing, a signed-in user, or a permission inside the route's organisation. */
export type Access = { kind: 'public' } | { kind: 'user' } | { kind: 'org'; permission: Permission };

const errors = (...codes: number[]) =>
  codes.map((status) => ApiResponse({ status, description: STATUS_TEXT[status] }));

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input; `details` names each field',
  401: 'Not signed in, or the token expired',
  403: 'Your role in this organisation does not allow this',
  404: 'Not found, or not in an organisation you belong to',
};

/**
 * The one authorization declaration of a route. It feeds the access guard and the OpenAPI
 * document (`x-permission`), so the permission snapshot test reads what the server enforces.
 */
export function Authorized(permission: Permission) {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'org', permission } satisfies Access),
    ApiParam({
      name: 'orgId',
      type: String,
      format: 'uuid',
      description: 'The organisation (you must be a member)',
    }),
    ApiBearerAuth(),
    ApiExtension('x-permission', permission),
    ...errors(400, 401, 403, 404),
  );
}

/** Any signed-in user, outside an organisation (e.g. `/api/me`). */
export function Authenticated() {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'user' } satisfies Access),
    ApiBearerAuth(),
    ApiExtension('x-permission', 'authenticated'),
    ...errors(401),
  );
}

export function Public() {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies Access),
    ApiExtension('x-permission', 'public'),
  );
}
