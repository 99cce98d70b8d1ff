import { createBrowserRouter, type RouteObject } from 'react-router';
import { AnyoneLayout, PublicOnly, RequireAuth, RequireRole } from './layout/guards.js';
import { lazyPage } from './lib/lazy-page.js';
import { paths } from './lib/paths.js';
import { oauthPaths } from './pages/oauth/oauth-api.js';
import { RouteErrorPage } from './pages/public/RouteErrorPage.js';

// Each role's pages. A new page goes in its role's list (and in layout/navigation.ts if the
// sidebar should show it); the role guard and the app frame come with the list.
const workerRoutes: RouteObject[] = [
  {
    path: paths.worker.findWork,
    element: lazyPage(() => import('./pages/worker/FindWorkPage.js'), 'FindWorkPage'),
  },
  {
    path: paths.worker.myWork,
    element: lazyPage(() => import('./pages/worker/MyWorkPage.js'), 'MyWorkPage'),
  },
  {
    path: paths.worker.earnings,
    element: lazyPage(() => import('./pages/worker/EarningsPage.js'), 'EarningsPage'),
  },
  {
    path: paths.worker.projectPreviewPattern,
    element: lazyPage(() => import('./pages/worker/ProjectPreviewPage.js'), 'ProjectPreviewPage'),
  },
  {
    path: paths.worker.qualificationTestPattern,
    element: lazyPage(() => import('./pages/worker/TakeTestPage.js'), 'TakeTestPage'),
  },
  {
    path: paths.worker.assignmentPattern,
    element: lazyPage(() => import('./pages/work/WorkPage.js'), 'WorkPage'),
  },
];

const requesterRoutes: RouteObject[] = [
  {
    path: paths.requester.projects,
    element: lazyPage(() => import('./pages/requester/ProjectsPage.js'), 'ProjectsPage'),
  },
  {
    path: paths.requester.newProject,
    element: lazyPage(() => import('./pages/requester/NewProjectPage.js'), 'NewProjectPage'),
  },
  {
    path: paths.requester.projectPattern,
    element: lazyPage(() => import('./pages/requester/ProjectPage.js'), 'ProjectPage'),
  },
  {
    path: paths.requester.qualifications,
    element: lazyPage(
      () => import('./pages/requester/QualificationsPage.js'),
      'QualificationsPage',
    ),
  },
  {
    path: paths.requester.qualificationTestPattern,
    element: lazyPage(
      () => import('./pages/requester/QualificationTestPage.js'),
      'QualificationTestPage',
    ),
  },
  {
    path: paths.requester.funds,
    element: lazyPage(() => import('./pages/requester/FundsPage.js'), 'FundsPage'),
  },
  {
    path: paths.requester.spending,
    element: lazyPage(() => import('./pages/requester/SpendingPage.js'), 'SpendingPage'),
  },
];

const adminRoutes: RouteObject[] = [
  {
    path: paths.admin.users,
    element: lazyPage(() => import('./pages/admin/UsersPage.js'), 'UsersPage'),
  },
  {
    path: paths.admin.deposits,
    element: lazyPage(() => import('./pages/admin/DepositsPage.js'), 'DepositsPage'),
  },
  {
    path: paths.admin.payouts,
    element: lazyPage(() => import('./pages/admin/PayoutsPage.js'), 'PayoutsPage'),
  },
  {
    path: paths.admin.audit,
    element: lazyPage(() => import('./pages/admin/AuditPage.js'), 'AuditPage'),
  },
];

export const routes: RouteObject[] = [
  {
    // Not lazy: it is what shows when loading a page's chunk fails (offline, or a new release).
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicOnly />,
        children: [
          {
            path: paths.landing,
            element: lazyPage(() => import('./pages/public/LandingPage.js'), 'LandingPage'),
          },
          {
            path: paths.signIn,
            element: lazyPage(() => import('./pages/auth/SignInPage.js'), 'SignInPage'),
          },
          {
            path: paths.signUp,
            element: lazyPage(() => import('./pages/auth/SignUpPage.js'), 'SignUpPage'),
          },
          {
            path: paths.forgotPassword,
            element: lazyPage(
              () => import('./pages/auth/ForgotPasswordPage.js'),
              'ForgotPasswordPage',
            ),
          },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            path: paths.settings,
            element: lazyPage(
              () => import('./pages/account/ProfileSettingsPage.js'),
              'ProfileSettingsPage',
            ),
          },
          {
            path: paths.notifications,
            element: lazyPage(
              () => import('./pages/account/NotificationsPage.js'),
              'NotificationsPage',
            ),
          },
          {
            path: paths.messagesPattern,
            element: lazyPage(() => import('./pages/account/MessagesPage.js'), 'MessagesPage'),
          },
          {
            path: oauthPaths.connectedApps,
            element: lazyPage(
              () => import('./pages/oauth/ConnectedAppsPage.js'),
              'ConnectedAppsPage',
            ),
          },
          {
            path: oauthPaths.developerApps,
            element: lazyPage(
              () => import('./pages/oauth/DeveloperAppsPage.js'),
              'DeveloperAppsPage',
            ),
          },
          { element: <RequireRole role="worker" />, children: workerRoutes },
          { element: <RequireRole role="requester" />, children: requesterRoutes },
          { element: <RequireRole role="admin" />, children: adminRoutes },
        ],
      },
      {
        element: <AnyoneLayout />,
        children: [
          {
            path: paths.publicProfilePattern,
            element: lazyPage(
              () => import('./pages/public/PublicProfilePage.js'),
              'PublicProfilePage',
            ),
          },
          {
            path: paths.rules,
            element: lazyPage(() => import('./pages/public/RulesPage.js'), 'RulesPage'),
          },
          {
            path: paths.proposalPattern,
            element: lazyPage(() => import('./pages/public/ProposalPage.js'), 'ProposalPage'),
          },
          // The authorization server sends people here; they may still have to sign in.
          {
            path: oauthPaths.consentPattern,
            element: lazyPage(() => import('./pages/oauth/ConsentPage.js'), 'ConsentPage'),
          },
          // Links from emails: they work whoever is signed in here, or nobody.
          {
            path: paths.resetPassword,
            element: lazyPage(
              () => import('./pages/auth/ResetPasswordPage.js'),
              'ResetPasswordPage',
            ),
          },
          {
            path: paths.verifyEmail,
            element: lazyPage(() => import('./pages/auth/VerifyEmailPage.js'), 'VerifyEmailPage'),
          },
          {
            path: paths.setupPattern,
            element: lazyPage(() => import('./pages/auth/SetupPage.js'), 'SetupPage'),
          },
          {
            path: '*',
            element: lazyPage(() => import('./pages/public/NotFoundPage.js'), 'NotFoundPage'),
          },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
