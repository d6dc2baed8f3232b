import { lastAdminViolation } from './memberships.js';

const admin = { userId: 'a', role: 'ADMIN' as const };
const admin2 = { userId: 'b', role: 'ADMIN' as const };
const viewer = { userId: 'v', role: 'VIEWER' as const };

describe('lastAdminViolation', () => {
  it('refuses removing the only admin', () => {
    expect(lastAdminViolation([admin, viewer], { kind: 'remove', userId: 'a' })).toMatch(/cannot be removed/);
  });
  it('refuses demoting the only admin', () => {
    expect(lastAdminViolation([admin, viewer], { kind: 'changeRole', userId: 'a', role: 'VIEWER' })).toMatch(
      /cannot be demoted/,
    );
  });
  it('allows removing or demoting an admin when another admin remains', () => {
    expect(lastAdminViolation([admin, admin2], { kind: 'remove', userId: 'a' })).toBeNull();
    expect(
      lastAdminViolation([admin, admin2], { kind: 'changeRole', userId: 'a', role: 'FINANCE' }),
    ).toBeNull();
  });
  it('allows changes to non-admins and no-op admin re-assignments', () => {
    expect(lastAdminViolation([admin, viewer], { kind: 'remove', userId: 'v' })).toBeNull();
    expect(lastAdminViolation([admin], { kind: 'changeRole', userId: 'a', role: 'ADMIN' })).toBeNull();
    expect(lastAdminViolation([admin], { kind: 'remove', userId: 'unknown' })).toBeNull();
  });
});
