import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageLoader } from '../../../ui/FullPageLoader';
import { useSession } from '../api/use-session';

/** Routes below need a session; without one, go to sign-in and come back afterwards. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <FullPageLoader />;
  if (session.status === 'anonymous') {
    const here = `${location.pathname}${location.search}`;
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  return <Outlet />;
}
