import type { Permission } from '@gapline/domain';
import type { ReactNode } from 'react';
import { NotFoundState } from '../../../ui/NotFound';
import { useCan } from '../current-org';

/** Render the page only when the role allows it (navigation already hides it; this covers typed URLs). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  if (!allowed) {
    return (
      <NotFoundState
        title="Not available for your role"
        description="Your role in this organisation does not include this page. An admin can change your role."
      />
    );
  }
  return children;
}
