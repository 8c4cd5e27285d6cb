import { NavLink, Outlet } from 'react-router';
import { hasRole, ROLE_LABELS, useAuth, useUser, type Role } from '../auth';
import { SITE_NAME } from './Page';

export interface NavItem {
  to: string;
  label: string;
  /** Who sees the link; empty: everyone logged in. */
  roles: Role[];
}

/** Skip link, banner, main menu, main content and footer: the same landmarks on every page. */
export function Layout({ nav }: { nav: NavItem[] }) {
  const user = useUser();
  const { logout } = useAuth();
  const items = nav.filter((n) => n.roles.length === 0 || hasRole(user, ...n.roles));
  return (
    <>
      <a className="skip-link" href="#huvudinnehall">
        Hoppa till huvudinnehållet
      </a>
      <header className="site-header">
        <div className="container header-row">
          <p className="site-name">
            <NavLink to="/att-gora">{SITE_NAME}</NavLink>
            <span className="site-tagline">Patient- och närståendemedverkan</span>
          </p>
          <div className="user-box">
            <p>
              Inloggad som <strong>{user.displayName}</strong>
              <br />
              <span className="roles">{user.roles.map((r) => ROLE_LABELS[r]).join(', ')}</span>
            </p>
            <button type="button" className="button button-secondary" onClick={() => void logout()}>
              Logga ut
            </button>
          </div>
        </div>
        <nav aria-label="Huvudmeny" className="main-nav">
          <ul className="container">
            {items.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.to === '/att-gora'}>
                  {n.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="huvudinnehall" tabIndex={-1} className="container">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>Har du frågor om ditt uppdrag? Kontakta samordnaren för din grupp.</p>
          <p>Medverkan följer Rutin för patientmedverkan (NSG metoder för kunskapsstöd, 2021).</p>
        </div>
      </footer>
    </>
  );
}
