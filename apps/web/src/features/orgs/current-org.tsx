import type { Schemas } from '@gapline/api-client';
import { can, type Permission } from '@gapline/domain';
import { createContext, useContext } from 'react';

export type Membership = Schemas['MembershipSummaryDto'];

export const CurrentOrgContext = createContext<Membership | null>(null);

/** The organisation of the current `/orgs/:orgId` route and the user's membership in it. */
export function useCurrentOrg(): Membership {
  const membership = useContext(CurrentOrgContext);
  if (!membership) throw new Error('useCurrentOrg used outside an organisation route');
  return membership;
}

/** Whether the user's role in the current organisation allows `permission` (the same rule as the API). */
export function useCan(permission: Permission): boolean {
  return can(useCurrentOrg().role, permission);
}
