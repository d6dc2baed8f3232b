import type { Permission, Role } from '@gapline/domain';
import { can } from '@gapline/domain';
import {
  IconBell,
  IconBulb,
  IconHistory,
  IconLayoutDashboard,
  IconReportMoney,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';

export interface Section {
  path: string;
  label: string;
  icon: typeof IconUsers;
  permission: Permission;
}

/** The sections of an organisation, in navigation order. */
export const SECTIONS: readonly Section[] = [
  { path: 'overview', label: 'Overview', icon: IconLayoutDashboard, permission: 'org.read' },
  { path: 'projects', label: 'Initiatives', icon: IconBulb, permission: 'projects.read' },
  { path: 'alerts', label: 'Alerts', icon: IconBell, permission: 'projects.read' },
  { path: 'finance', label: 'Finance', icon: IconReportMoney, permission: 'exports.read' },
  { path: 'members', label: 'Members', icon: IconUsers, permission: 'members.read' },
  { path: 'audit', label: 'Audit trail', icon: IconHistory, permission: 'audit.read' },
  { path: 'settings', label: 'Settings', icon: IconSettings, permission: 'org.manage' },
];

export function sectionsFor(role: Role): Section[] {
  return SECTIONS.filter((s) => can(role, s.permission));
}

/** Where to go when switching organisation: the same section if the role there allows it, else the overview. */
export function sectionPathFor(role: Role, currentPath: string): string {
  const section = SECTIONS.find((s) => s.path === currentPath);
  return section && can(role, section.permission) ? section.path : 'overview';
}
