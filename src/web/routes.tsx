import { createBrowserRouter, type RouteObject } from 'react-router';
import { AnyoneLayout, PublicOnly, RequireAuth, RequireRole } from './layout/guards.js';
import { paths } from './lib/paths.js';
import { ProfileSettingsPage } from './pages/account/ProfileSettingsPage.js';
import { NotificationsPage } from './pages/account/NotificationsPage.js';
import { PayoutsPage } from './pages/admin/PayoutsPage.js';
import { UsersPage } from './pages/admin/UsersPage.js';
import { ConnectedAppsPage } from './pages/oauth/ConnectedAppsPage.js';
import { ConsentPage } from './pages/oauth/ConsentPage.js';
import { DeveloperAppsPage } from './pages/oauth/DeveloperAppsPage.js';
import { oauthPaths } from './pages/oauth/oauth-api.js';
import { SignInPage } from './pages/auth/SignInPage.js';
import { SignUpPage } from './pages/auth/SignUpPage.js';
import { LandingPage } from './pages/public/LandingPage.js';
import { NotFoundPage } from './pages/public/NotFoundPage.js';
import { PublicProfilePage } from './pages/public/PublicProfilePage.js';
import { RouteErrorPage } from './pages/public/RouteErrorPage.js';
import { FundsPage } from './pages/requester/FundsPage.js';
import { NewProjectPage } from './pages/requester/NewProjectPage.js';
import { ProjectPage } from './pages/requester/ProjectPage.js';
import { ProjectsPage } from './pages/requester/ProjectsPage.js';
import { QualificationsPage } from './pages/requester/QualificationsPage.js';
import { SpendingPage } from './pages/requester/SpendingPage.js';
import { EarningsPage } from './pages/worker/EarningsPage.js';
import { FindWorkPage } from './pages/worker/FindWorkPage.js';
import { MyWorkPage } from './pages/worker/MyWorkPage.js';
import { ProjectPreviewPage } from './pages/worker/ProjectPreviewPage.js';
import { WorkPage } from './pages/work/WorkPage.js';

// Each role's pages. A new page goes in its role's list (and in layout/navigation.ts if the
// sidebar should show it); the role guard and the app frame come with the list.
const workerRoutes: RouteObject[] = [
  { path: paths.worker.findWork, element: <FindWorkPage /> },
  { path: paths.worker.myWork, element: <MyWorkPage /> },
  { path: paths.worker.earnings, element: <EarningsPage /> },
  { path: paths.worker.projectPreviewPattern, element: <ProjectPreviewPage /> },
  { path: paths.worker.assignmentPattern, element: <WorkPage /> },
];

const requesterRoutes: RouteObject[] = [
  { path: paths.requester.projects, element: <ProjectsPage /> },
  { path: paths.requester.newProject, element: <NewProjectPage /> },
  { path: paths.requester.projectPattern, element: <ProjectPage /> },
  { path: paths.requester.qualifications, element: <QualificationsPage /> },
  { path: paths.requester.funds, element: <FundsPage /> },
  { path: paths.requester.spending, element: <SpendingPage /> },
];

const adminRoutes: RouteObject[] = [
  { path: paths.admin.users, element: <UsersPage /> },
  { path: paths.admin.payouts, element: <PayoutsPage /> },
];

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicOnly />,
        children: [
          { path: paths.landing, element: <LandingPage /> },
          { path: paths.signIn, element: <SignInPage /> },
          { path: paths.signUp, element: <SignUpPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          { path: paths.settings, element: <ProfileSettingsPage /> },
          { path: paths.notifications, element: <NotificationsPage /> },
          { path: oauthPaths.connectedApps, element: <ConnectedAppsPage /> },
          { path: oauthPaths.developerApps, element: <DeveloperAppsPage /> },
          { element: <RequireRole role="worker" />, children: workerRoutes },
          { element: <RequireRole role="requester" />, children: requesterRoutes },
          { element: <RequireRole role="admin" />, children: adminRoutes },
        ],
      },
      {
        element: <AnyoneLayout />,
        children: [
          { path: paths.publicProfilePattern, element: <PublicProfilePage /> },
          // The authorization server sends people here; they may still have to sign in.
          { path: oauthPaths.consentPattern, element: <ConsentPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
