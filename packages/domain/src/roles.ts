/**
 * Who may do what. The API's guard and the dashboard both read this map, so a button is hidden
 * exactly when the server would refuse the request.
 */
export const ROLES = ['ADMIN', 'PROJECT_OWNER', 'FINANCE', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'members.read',
  'members.manage',
  'audit.read',
  'projects.read',
  'projects.create',
  /** Edit details, stage and checklist: a project owner only on the projects they own. */
  'projects.edit',
  'projects.restore',
  'capabilities.manage',
  /** Budgets, estimates and cost entries: a project owner only on the projects they own. */
  'costs.write',
  'exports.read',
  /** Acknowledge, snooze, resolve: a project owner only on the projects they own. */
  'alerts.manage',
  'webhooks.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;
const READ: readonly Permission[] = ['org.read', 'members.read', 'projects.read'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  ADMIN: ALL,
  PROJECT_OWNER: [...READ, 'projects.create', 'projects.edit', 'costs.write', 'alerts.manage'],
  FINANCE: [...READ, 'costs.write', 'exports.read'],
  VIEWER: READ,
};

/** Object rule on top of the permission: a project owner edits only the projects they own. */
export function canEditProject(role: Role, userId: string, project: { ownerId: string }): boolean {
  if (!can(role, 'projects.edit')) return false;
  return role === 'ADMIN' || project.ownerId === userId;
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  ADMIN: 'Admin (head of AI)',
  PROJECT_OWNER: 'Project owner',
  FINANCE: 'Finance',
  VIEWER: 'Viewer',
};
