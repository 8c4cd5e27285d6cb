import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, hasRole, useAuth, type Role } from './auth';
import { Working } from './components/Feedback';
import { Layout, type NavItem } from './components/Layout';
import { Page } from './components/Page';
import { DocumentPage } from './pages/DocumentPage';
import { FeePreviewPage } from './pages/FeePreviewPage';
import { GroupPage } from './pages/GroupPage';
import { GroupsPage } from './pages/GroupsPage';
import { InvitationPage } from './pages/InvitationPage';
import { LoginPage } from './pages/LoginPage';
import { InviteUserPage } from './pages/admin/InviteUserPage';
import { NewRateTablePage } from './pages/admin/NewRateTablePage';
import { PayingBodiesPage } from './pages/admin/PayingBodiesPage';
import { RateTablePage } from './pages/admin/RateTablePage';
import { RateTablesPage } from './pages/admin/RateTablesPage';
import { SupersedeRateTablePage } from './pages/admin/SupersedeRateTablePage';
import { PayingBodyPage } from './pages/admin/PayingBodyPage';
import { UserPage } from './pages/admin/UserPage';
import { UsersPage } from './pages/admin/UsersPage';
import { NewActivityPage } from './pages/activities/NewActivityPage';
import { AssignmentPage } from './pages/assignments/AssignmentPage';
import { MyAssignmentsPage } from './pages/assignments/MyAssignmentsPage';
import { MyPayoutsPage } from './pages/payouts/MyPayoutsPage';
import { PayoutRunPage } from './pages/payouts/PayoutRunPage';
import { PayoutRunsPage } from './pages/payouts/PayoutRunsPage';
import { YearlySummaryPage } from './pages/payouts/YearlySummaryPage';
import { NominationRequestPage } from './pages/recruitment/NominationRequestPage';
import { NominationRequestsPage } from './pages/recruitment/NominationRequestsPage';
import { AttestPage } from './pages/time-reports/AttestPage';
import { BudgetPage } from './pages/budget/BudgetPage';
import { PayerBudgetsPage } from './pages/budget/PayerBudgetsPage';
import { NewTimeReportPage } from './pages/time-reports/NewTimeReportPage';
import { TimeReportPage } from './pages/time-reports/TimeReportPage';
import { TimeReportsPage } from './pages/time-reports/TimeReportsPage';
import { NewGroupPage } from './pages/NewGroupPage';
import { OrganisationsPage } from './pages/OrganisationsPage';
import { TasksPage } from './pages/TasksPage';
import { MyParticipationPage } from './pages/representation/MyParticipationPage';
import { RepresentationPage } from './pages/representation/RepresentationPage';
import { GroupReviewPage } from './pages/reviews/GroupReviewPage';
import './styles.css';
import { GroupInputPage } from './pages/input/GroupInputPage';

/** The main menu. Each link is shown to the roles named (and pages check the same roles). */
const NAV: NavItem[] = [
  { to: '/att-gora', label: 'Att göra nu', roles: [] },
  { to: '/grupper', label: 'Arbetsgrupper', roles: ['coordinator', 'admin'] },
  { to: '/organisationer', label: 'Organisationer', roles: ['coordinator', 'admin'] },
  { to: '/representativitet', label: 'Representativitet', roles: ['coordinator', 'admin'] },
  { to: '/nomineringar', label: 'Förfrågningar om nominering', roles: ['org-contact'] },
  { to: '/mina-uppdrag', label: 'Mina uppdrag', roles: ['representative'] },
  { to: '/tidrapporter', label: 'Mina tidrapporter', roles: ['representative'] },
  { to: '/mina-utbetalningar', label: 'Mina utbetalningar', roles: ['representative'] },
  { to: '/min-medverkan', label: 'Min medverkan', roles: ['representative'] },
  { to: '/utbetalningar', label: 'Utbetalningar', roles: ['finance'] },
  { to: '/budgetar', label: 'Budgetar', roles: ['finance'] },
  { to: '/bjud-in', label: 'Bjud in', roles: ['coordinator', 'org-contact'] },
  { to: '/berakna-ersattning', label: 'Räkna ut ersättning', roles: ['coordinator', 'finance', 'admin'] },
  { to: '/administration/anvandare', label: 'Användare', roles: ['admin'] },
  { to: '/administration/taxetabeller', label: 'Taxetabeller', roles: ['admin'] },
  { to: '/administration/betalare', label: 'Betalare', roles: ['admin'] },
];

const ADMIN: Role[] = ['admin'];
const COORDINATION: Role[] = ['coordinator', 'admin'];

/** A page for some roles only. */
const only = (roles: Role[], page: ReactNode) => <RequireRole roles={roles}>{page}</RequireRole>;

function RequireLogin({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Working>Hämtar dina uppgifter …</Working>;
  if (state.status === 'anonymous') return <Navigate to="/logga-in" replace state={{ from: location.pathname + location.search, reason: state.reason }} />;
  return children;
}

function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { state } = useAuth();
  if (state.status === 'authenticated' && !hasRole(state.user, ...roles)) {
    return (
      <Page title="Du har inte tillgång till sidan">
        <p>Sidan är till för andra roller än din. Välj en sida i menyn ovan.</p>
      </Page>
    );
  }
  return children;
}

function NotFound() {
  return (
    <Page title="Sidan finns inte">
      <p>Adressen kan vara felskriven, eller så har sidan flyttats.</p>
      <p>
        <Link to="/att-gora">Gå till Att göra nu</Link>
      </p>
    </Page>
  );
}

function App() {
  return (
    <Routes>
      <Route path="/logga-in" element={<LoginPage />} />
      <Route path="/inbjudan" element={<InvitationPage />} />
      <Route
        element={
          <RequireLogin>
            <Layout nav={NAV} />
          </RequireLogin>
        }
      >
        <Route index element={<Navigate to="/att-gora" replace />} />
        <Route path="/att-gora" element={<TasksPage />} />
        <Route path="/grupper" element={only(COORDINATION, <GroupsPage />)} />
        <Route path="/grupper/ny" element={only(COORDINATION, <NewGroupPage />)} />
        <Route path="/grupper/:id" element={<GroupPage />} />
        <Route path="/grupper/:id/aktiviteter/ny" element={only(COORDINATION, <NewActivityPage />)} />
        <Route path="/grupper/:id/attestera" element={only(['coordinator'], <AttestPage />)} />
        <Route path="/grupper/:id/inspel" element={only(COORDINATION, <GroupInputPage />)} />
        <Route path="/grupper/:id/budget" element={only(['coordinator', 'finance'], <BudgetPage />)} />
        <Route path="/grupper/:id/oversyn" element={only(COORDINATION, <GroupReviewPage />)} />
        <Route path="/grupper/:id/oversyn/:year" element={only(COORDINATION, <GroupReviewPage />)} />
        <Route path="/budgetar" element={only(['finance'], <PayerBudgetsPage />)} />
        <Route path="/mina-uppdrag" element={only(['representative'], <MyAssignmentsPage />)} />
        <Route path="/tidrapporter" element={only(['representative'], <TimeReportsPage />)} />
        <Route path="/tidrapporter/:id" element={<TimeReportPage />} />
        <Route path="/uppdrag/:assignmentId/rapportera" element={only(['representative'], <NewTimeReportPage />)} />
        <Route path="/dokument/:id" element={<DocumentPage />} />
        <Route path="/uppdrag/:id" element={<AssignmentPage />} />
        <Route path="/organisationer" element={only(COORDINATION, <OrganisationsPage />)} />
        <Route path="/nomineringar" element={only(['org-contact'], <NominationRequestsPage />)} />
        <Route path="/nomineringar/:id" element={<NominationRequestPage />} />
        <Route path="/mina-utbetalningar" element={only(['representative'], <MyPayoutsPage />)} />
        <Route path="/utbetalningar" element={only(['finance'], <PayoutRunsPage />)} />
        <Route path="/utbetalningar/arssammanstallning" element={only(['finance'], <YearlySummaryPage />)} />
        <Route path="/utbetalningar/:id" element={only(['finance'], <PayoutRunPage />)} />
        <Route path="/bjud-in" element={only(['coordinator', 'org-contact', 'admin'], <InviteUserPage />)} />
        <Route path="/berakna-ersattning" element={only(['coordinator', 'finance', 'admin'], <FeePreviewPage />)} />
        <Route path="/administration/anvandare" element={only(ADMIN, <UsersPage />)} />
        <Route path="/administration/anvandare/ny" element={only(ADMIN, <InviteUserPage />)} />
        <Route path="/administration/anvandare/:id" element={only(ADMIN, <UserPage />)} />
        <Route path="/administration/taxetabeller" element={only(ADMIN, <RateTablesPage />)} />
        <Route path="/administration/taxetabeller/ny" element={only(ADMIN, <NewRateTablePage />)} />
        <Route path="/administration/taxetabeller/:code" element={only(ADMIN, <RateTablePage />)} />
        <Route path="/administration/taxetabeller/:code/ny-version" element={only(ADMIN, <SupersedeRateTablePage />)} />
        <Route path="/administration/betalare" element={only(ADMIN, <PayingBodiesPage />)} />
        <Route path="/administration/betalare/:code" element={only(ADMIN, <PayingBodyPage />)} />
        <Route path="/representativitet" element={only(COORDINATION, <RepresentationPage />)} />
        <Route path="/min-medverkan" element={only(['representative'], <MyParticipationPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <AuthProvider>
        <App />
      </AuthProvider>
    </BrowserRouter>
  </StrictMode>,
);
