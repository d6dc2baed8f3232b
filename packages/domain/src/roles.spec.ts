import { can, canEditProject, isRole, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from './roles.js';

describe('role permissions', () => {
  it('gives admins every permission', () => {
    for (const p of PERMISSIONS) expect(can('ADMIN', p)).toBe(true);
  });
  it('keeps management permissions to admins', () => {
    for (const role of ROLES.filter((r) => r !== 'ADMIN')) {
      expect(can(role, 'members.manage')).toBe(false);
      expect(can(role, 'org.manage')).toBe(false);
      expect(can(role, 'audit.read')).toBe(false);
      expect(can(role, 'org.read')).toBe(true);
    }
  });
  it('is stable (a diff here changes who may do what)', () => {
    expect(ROLE_PERMISSIONS).toMatchSnapshot();
  });
  it('lets project owners edit only their own projects, admins every project', () => {
    expect(canEditProject('ADMIN', 'u1', { ownerId: 'u2' })).toBe(true);
    expect(canEditProject('PROJECT_OWNER', 'u1', { ownerId: 'u1' })).toBe(true);
    expect(canEditProject('PROJECT_OWNER', 'u1', { ownerId: 'u2' })).toBe(false);
    expect(canEditProject('FINANCE', 'u1', { ownerId: 'u1' })).toBe(false);
    expect(canEditProject('VIEWER', 'u1', { ownerId: 'u1' })).toBe(false);
  });
  it('recognises roles', () => {
    expect(isRole('FINANCE')).toBe(true);
    expect(isRole('OWNER')).toBe(false);
    expect(isRole(3)).toBe(false);
  });
});
