import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api';
import { ROLE_LABELS, useUser } from '../../auth';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import type { UserView } from '../../types';
import { AccessFields, accessBody, type AccessDraft } from './AccessFields';
import { ALL_ROLES, STATUS_LABELS } from './UsersPage';

/** Administrator: one account: its roles and scope, and turning it off or on. */
export function UserPage() {
  const { id = '' } = useParams();
  const me = useUser();
  const [user, reload] = useLoad(() => api.get<UserView>(`/users/${encodeURIComponent(id)}`), [id]);
  const [confirmation, setConfirmation] = useState('');

  if (user.status === 'loading')
    return (
      <Page title="Användare">
        <Working>Hämtar användaren …</Working>
      </Page>
    );
  if (user.status === 'error')
    return (
      <Page title="Användare">
        <ErrorMessage error={user.error} title="Användaren kunde inte visas" />
      </Page>
    );
  const u = user.data;
  return (
    <Page title={u.displayName}>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <dl className="facts">
        <div>
          <dt>E-post</dt>
          <dd>{u.email}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{STATUS_LABELS[u.status] ?? u.status}</dd>
        </div>
        <div>
          <dt>Roller</dt>
          <dd>{u.roles.map((r) => ROLE_LABELS[r]).join(', ') || 'Inga'}</dd>
        </div>
        {u.payerCode && (
          <div>
            <dt>Betalare</dt>
            <dd>{u.payerCode}</dd>
          </div>
        )}
        {u.lockedUntil && (
          <div>
            <dt>Spärrad till</dt>
            <dd>{formatDateTime(u.lockedUntil)} (efter för många felaktiga inloggningar)</dd>
          </div>
        )}
        <div>
          <dt>Senast inloggad</dt>
          <dd>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Aldrig'}</dd>
        </div>
      </dl>
      <h2>Roller och behörighet</h2>
      <AccessForm
        key={u.id + u.roles.join()}
        user={u}
        onSaved={async (msg) => {
          await reload();
          setConfirmation(msg);
        }}
      />
      <h2>Konto</h2>
      {u.id === me.id ? (
        <p>Du kan inte stänga av ditt eget konto.</p>
      ) : u.status === 'disabled' ? (
        <Form
          submitLabel="Öppna kontot igen"
          sendingLabel="Öppnar kontot …"
          onSubmit={async () => {
            await api.post(`/users/${u.id}/enable`);
            await reload();
            setConfirmation(`Kontot för ${u.displayName} är öppnat igen.`);
          }}
        >
          <p>Kontot är avstängt sedan {formatDateTime(u.disabledAt)}.</p>
        </Form>
      ) : (
        <Form
          submitLabel="Stäng av kontot"
          sendingLabel="Stänger av kontot …"
          onSubmit={async () => {
            await api.post(`/users/${u.id}/disable`);
            await reload();
            setConfirmation(`Kontot för ${u.displayName} är avstängt. Personen är utloggad och kan inte logga in.`);
          }}
        >
          <p>När kontot är avstängt kan personen inte logga in, och alla pågående inloggningar avslutas. Du kan öppna kontot igen senare.</p>
        </Form>
      )}
      <NextStep>
        <p>Ändringar av roller gäller från personens nästa anrop till tjänsten. Allt du ändrar sparas i ändringsloggen.</p>
      </NextStep>
    </Page>
  );
}

function AccessForm({ user, onSaved }: { user: UserView; onSaved: (msg: string) => Promise<void> }) {
  const [draft, setDraft] = useState<AccessDraft>({
    roles: user.roles,
    organisationId: user.organisationId ?? '',
    payerCode: user.payerCode ?? '',
    groupIds: user.coordinatedGroupIds,
  });
  const update = (p: Partial<AccessDraft>) => setDraft((d) => ({ ...d, ...p }));
  return (
    <Form
      submitLabel="Spara roller och behörighet"
      sendingLabel="Sparar …"
      onSubmit={async () => {
        await api.put(`/users/${user.id}/access`, { ...accessBody(draft), ...(draft.roles.includes('representative') ? { personId: user.personId } : {}) });
        await onSaved(`Roller och behörighet för ${user.displayName} är sparade.`);
      }}
    >
      <AccessFields draft={draft} update={update} roles={ALL_ROLES} />
    </Form>
  );
}
