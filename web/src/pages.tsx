import { lazy, type ReactElement } from 'react';

const DashboardPage = lazy(() => import('./pages/dashboard/dashboard-page'));
const UsersPage = lazy(() => import('./pages/users/users-page'));
const UserPage = lazy(() => import('./pages/users/user-page'));
const FilesPage = lazy(() => import('./pages/files/files-page'));
const LicensesPage = lazy(() => import('./pages/licenses/licenses-page'));
const RulesPage = lazy(() => import('./pages/rules/rules-page'));
const RuleEditorPage = lazy(() => import('./pages/rules/rule-editor-page'));
const RuleHoldsPage = lazy(() => import('./pages/rules/rule-holds-page'));
const RuleConflictsPage = lazy(() => import('./pages/rules/rule-conflicts-page'));
const NumbersPage = lazy(() => import('./pages/numbers/numbers-page'));
const DirectoryPage = lazy(() => import('./pages/directory/directory-page'));
const ActivityPage = lazy(() => import('./pages/activity/activity-page'));
const SettingsPage = lazy(() => import('./pages/settings/settings-page'));

/**
 * The console's pages: where each lives, its entry in the navigation (if any) and the roles that see it. Each
 * page is loaded when first visited, so the first load carries only the shell and the page it opens on.
 */
export interface ConsolePage {
  label: string;
  /** The navigation link; a page without one is reached from another page (a user's detail). */
  nav?: string;
  routes: Array<{ path: string; element: ReactElement }>;
}

export const consolePages: ConsolePage[] = [
  { label: 'Overview', nav: '/', routes: [{ path: '/', element: <DashboardPage /> }] },
  {
    label: 'Users',
    nav: '/users',
    routes: [
      { path: '/users', element: <UsersPage /> },
      { path: '/users/:id', element: <UserPage /> },
    ],
  },
  { label: 'Import and export', nav: '/files', routes: [{ path: '/files', element: <FilesPage /> }] },
  { label: 'Licenses', nav: '/licenses', routes: [{ path: '/licenses', element: <LicensesPage /> }] },
  {
    label: 'Rules',
    nav: '/rules',
    routes: [
      { path: '/rules', element: <RulesPage /> },
      { path: '/rules/new', element: <RuleEditorPage /> },
      { path: '/rules/holds', element: <RuleHoldsPage /> },
      { path: '/rules/holds/:id', element: <RuleHoldsPage /> },
      { path: '/rules/conflicts', element: <RuleConflictsPage /> },
      { path: '/rules/:id', element: <RuleEditorPage /> },
    ],
  },
  { label: 'Numbers', nav: '/numbers', routes: [{ path: '/numbers', element: <NumbersPage /> }] },
  { label: 'Directory', nav: '/directory', routes: [{ path: '/directory', element: <DirectoryPage /> }] },
  { label: 'Activity', nav: '/activity', routes: [{ path: '/activity', element: <ActivityPage /> }] },
  { label: 'Settings', nav: '/settings', routes: [{ path: '/settings', element: <SettingsPage /> }] },
];
