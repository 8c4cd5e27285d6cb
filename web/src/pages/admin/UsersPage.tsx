import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { ROLE_LABELS, type Role } from '../../auth';
import { ErrorMessage, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import type { UserPage } from '../../types';

export const STATUS_LABELS: Record<string, string> = { invited: 'Inbjuden, har inte valt lösenord', active: 'Aktiv', disabled: 'Avstängd' };
export const ALL_ROLES = Object.keys(ROLE_LABELS) as Role[];

/** Administrator: every account, filtered by role, status or a search text. */
export function UsersPage() {
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [users] = useLoad(() => api.get<UserPage>(`/users?${query}${query ? '&' : ''}page=${page}&pageSize=50`), [query, page]);

  function search(e: FormEvent) {
    e.preventDefault();
    const p = new URLSearchParams();
    if (role) p.set('role', role);
    if (status) p.set('status', status);
    if (q.trim()) p.set('q', q.trim());
    setPage(1);
    setQuery(p.toString());
  }

  return (
    <Page title="Användare" intro={<p>Alla konton i tjänsten. Öppna en användare för att ändra roller och behörighet eller stänga av kontot.</p>}>
      <p>
        <Link className="button" to="/administration/anvandare/ny">
          Bjud in en användare
        </Link>
      </p>
      <form className="filters" onSubmit={search} role="search" aria-label="Sök användare">
        <div className="field">
          <label htmlFor="sok-roll">Roll</label>
          <select id="sok-roll" className="input input-medium" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">Alla roller</option>
            {ALL_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sok-status">Status</label>
          <select id="sok-status" className="input input-medium" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Alla</option>
            {Object.entries(STATUS_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sok-text">Namn eller e-post</label>
          <input id="sok-text" className="input input-medium" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <button type="submit" className="button button-secondary">
            Sök
          </button>
        </div>
      </form>
      {users.status === 'loading' && <Working>Hämtar användarna …</Working>}
      {users.status === 'error' && <ErrorMessage error={users.error} title="Användarna kunde inte hämtas" />}
      {users.status === 'ok' && (
        <>
          <div className="table-wrap" role="region" aria-labelledby="anvandartabell" tabIndex={0}>
            <table>
              <caption id="anvandartabell">{users.data.total} användare</caption>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">Roller</th>
                  <th scope="col">Status</th>
                  <th scope="col">Senast inloggad</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      <Link to={`/administration/anvandare/${u.id}`}>{u.displayName}</Link>
                      <br />
                      <span className="small">{u.email}</span>
                    </th>
                    <td>{u.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</td>
                    <td>{STATUS_LABELS[u.status] ?? u.status}</td>
                    <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Aldrig'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions">
            {page > 1 && (
              <button type="button" className="button button-secondary" onClick={() => setPage(page - 1)}>
                Föregående sida
              </button>
            )}
            {users.data.total > users.data.page * users.data.pageSize && (
              <button type="button" className="button button-secondary" onClick={() => setPage(page + 1)}>
                Nästa sida
              </button>
            )}
          </div>
        </>
      )}
    </Page>
  );
}
