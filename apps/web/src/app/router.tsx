import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { LoginPage } from '../features/auth/routes/LoginPage';
import { RegisterPage } from '../features/auth/routes/RegisterPage';
import { InvitePage } from '../features/invitations/routes/InvitePage';
import { MembersPage } from '../features/members/routes/MembersPage';
import { AppLayout } from '../features/orgs/components/AppLayout';
import { RequirePermission } from '../features/orgs/components/RequirePermission';
import { HomeRedirect } from '../features/orgs/routes/HomeRedirect';
import { NotFoundPage, NotFoundState } from '../ui/NotFound';
import { RouteError } from '../ui/RouteError';

const projectPage = async () => ({
  Component: (await import('../features/projects/routes/ProjectPage')).ProjectPage,
});

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <RouteError />,
    children: [
      { path: 'login', element: <LoginPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'invite/:token', element: <InvitePage /> },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            path: 'orgs/:orgId',
            element: <AppLayout />,
            children: [
              {
                // Errors inside a section keep the header and navigation usable.
                errorElement: <RouteError />,
                children: [
                  { index: true, element: <Navigate to="overview" replace /> },
                  {
                    path: 'overview',
                    // The overview carries the charts: load it (and Recharts) on demand.
                    lazy: async () => ({
                      Component: (await import('../features/orgs/routes/OverviewPage')).OverviewPage,
                    }),
                  },
                  {
                    element: (
                      <RequirePermission permission="projects.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        path: 'projects',
                        lazy: async () => ({
                          Component: (await import('../features/projects/routes/ProjectsPage')).ProjectsPage,
                        }),
                      },
                      {
                        element: (
                          <RequirePermission permission="projects.create">
                            <Outlet />
                          </RequirePermission>
                        ),
                        children: [
                          {
                            path: 'projects/new',
                            lazy: async () => ({
                              Component: (await import('../features/projects/routes/ProjectFormPage'))
                                .ProjectCreatePage,
                            }),
                          },
                        ],
                      },
                      {
                        path: 'projects/:projectId/edit',
                        lazy: async () => ({
                          Component: (await import('../features/projects/routes/ProjectFormPage'))
                            .ProjectEditPage,
                        }),
                      },
                      // Overview, checklist and costs are tabs of one page (the charts load on demand).
                      { path: 'projects/:projectId', lazy: projectPage },
                      { path: 'projects/:projectId/checklist', lazy: projectPage },
                      { path: 'projects/:projectId/costs', lazy: projectPage },
                      {
                        path: 'alerts',
                        lazy: async () => ({
                          Component: (await import('../features/alerts/routes/AlertsPage')).AlertsPage,
                        }),
                      },
                    ],
                  },
                  { path: 'members', element: <MembersPage /> },
                  {
                    element: (
                      <RequirePermission permission="exports.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        path: 'finance',
                        lazy: async () => ({
                          Component: (await import('../features/finance/routes/FinancePage')).FinancePage,
                        }),
                      },
                    ],
                  },
                  {
                    element: (
                      <RequirePermission permission="audit.read">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        path: 'audit',
                        lazy: async () => ({
                          Component: (await import('../features/audit/routes/AuditPage')).AuditPage,
                        }),
                      },
                    ],
                  },
                  {
                    element: (
                      <RequirePermission permission="org.manage">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        path: 'settings',
                        lazy: async () => ({
                          Component: (await import('../features/orgs/routes/SettingsPage')).SettingsPage,
                        }),
                      },
                    ],
                  },
                  { path: '*', element: <NotFoundState /> },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
