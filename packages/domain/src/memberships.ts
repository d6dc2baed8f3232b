import type { Role } from './roles.js';

export interface MemberRole {
  userId: string;
  role: Role;
}

export type MembershipChange =
  | { kind: 'remove'; userId: string }
  | { kind: 'changeRole'; userId: string; role: Role };

/**
 * An organisation must always keep an admin: refuse a change that would leave it with none.
 * Returns the reason for refusal, or null when the change is allowed.
 */
export function lastAdminViolation(members: readonly MemberRole[], change: MembershipChange): string | null {
  const target = members.find((m) => m.userId === change.userId);
  if (target?.role !== 'ADMIN') return null;
  if (change.kind === 'changeRole' && change.role === 'ADMIN') return null;
  const admins = members.filter((m) => m.role === 'ADMIN').length;
  if (admins > 1) return null;
  return change.kind === 'remove'
    ? 'The last admin of an organisation cannot be removed. Make another member an admin first.'
    : 'The last admin of an organisation cannot be demoted. Make another member an admin first.';
}
