import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { hasRole, ROLE_LABELS, useAuth, useUser } from '../../auth';
import { Confirmation, NextStep } from '../../components/Feedback';
import { Form, sendChecked, SelectField, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../format';
import { useDraft, useLoad } from '../../hooks';
import type { InvitationResult, NominationView, WorkingGroup } from '../../types';
import { AccessFields, accessBody, type AccessDraft } from './AccessFields';
import { ALL_ROLES } from './UsersPage';

interface Draft extends AccessDraft {
  email: string;
  displayName: string;
  personId: string;
}

const DELIVERY: Record<string, string> = {
  smtp: 'Inbjudan är skickad med e-post.',
  outbox: 'Inbjudan är sparad i tjänstens utkorg (e-post skickas inte i den här miljön). Lämna över länken nedan på ett säkert sätt.',
  failed: 'E-postservern tog inte emot brevet. Lämna över länken nedan på ett säkert sätt, eller försök igen senare.',
  none: 'Inget e-postbrev skickades. Lämna över länken nedan på ett säkert sätt.',
};

/**
 * Invite someone. An administrator invites anyone (POST /users). A coordinator invites a representative of their
 * own groups: a person nominated to or appointed in a group they coordinate (POST /auth/invitations with the
 * person; the link goes to the person's registered address). An organisation contact invites another contact of
 * their own organisation. The person gets a one-time link to choose a password (src/auth/README.md).
 */
export function InviteUserPage() {
  const me = useUser();
  const { state } = useAuth();
  const isAdmin = hasRole(me, 'admin');
  const mode: 'admin' | 'coordinator' | 'org-contact' = isAdmin ? 'admin' : hasRole(me, 'coordinator') ? 'coordinator' : 'org-contact';
  const coordinated = state.status === 'authenticated' ? state.coordinatedGroupIds : [];
  const [people] = useLoad(() => (mode === 'coordinator' ? peopleOfGroups(coordinated) : Promise.resolve([])), [mode, coordinated.join(',')]);
  const [draft, update, clear] = useDraft<Draft>('bjud-in', () => ({ email: '', displayName: '', personId: '', roles: [], organisationId: '', payerCode: '', groupIds: [] }));
  const [result, setResult] = useState<InvitationResult | null>(null);

  async function submit() {
    let body: Record<string, unknown>;
    let checks: Record<string, string | false>;
    if (mode === 'coordinator') {
      checks = { personId: !draft.personId && 'Välj vem du bjuder in.' };
      body = { roles: ['representative'], personId: draft.personId };
    } else {
      checks = {
        displayName: !draft.displayName.trim() && 'Skriv personens namn.',
        email: !draft.email.trim() && 'Skriv personens e-postadress.',
        roles: mode === 'admin' && draft.roles.length === 0 && 'Välj minst en roll.',
      };
      const access = mode === 'admin' ? accessBody(draft) : { roles: ['org-contact'], organisationId: me.organisationId };
      body = { email: draft.email.trim(), displayName: draft.displayName.trim(), ...access };
    }
    const res = await sendChecked(checks, (extra) => api.post<InvitationResult>(isAdmin ? '/users' : '/auth/invitations', { ...body, ...extra }));
    clear();
    setResult(res);
  }

  if (result)
    return (
      <Page title="Inbjudan är klar">
        <Confirmation>
          <p>
            {result.user.displayName} ({result.user.email}) är inbjuden som {result.user.roles.map((r) => ROLE_LABELS[r]).join(', ')}.
          </p>
          <p>{DELIVERY[result.invitation.delivery] ?? ''}</p>
        </Confirmation>
        {result.invitation.acceptUrl && (
          <div className="info-box">
            <p>
              <strong>Inbjudningslänk:</strong> <span className="break">{result.invitation.acceptUrl}</span>
            </p>
          </div>
        )}
        <NextStep>
          <p>
            Personen väljer ett lösenord via länken. Länken gäller till och med {formatDateTime(result.invitation.expiresAt)} och kan bara användas en gång.
          </p>
        </NextStep>
        <p className="actions">
          <button type="button" className="button" onClick={() => setResult(null)}>
            Bjud in en till
          </button>
          {isAdmin && <Link to="/administration/anvandare">Till alla användare</Link>}
        </p>
      </Page>
    );

  if (mode === 'coordinator')
    return (
      <Page
        title="Bjud in en företrädare"
        intro={
          <p>
            Du kan bjuda in personer som är nominerade till eller utsedda i grupper du samordnar. Inbjudan går till personens registrerade e-postadress.
            Den som utses får en inbjudan automatiskt; här skickar du en ny länk.
          </p>
        }
      >
        <Form onSubmit={submit} submitLabel="Skicka inbjudan" sendingLabel="Skickar inbjudan …">
          <SelectField
            name="personId"
            label="Person"
            hint={people.status === 'ok' && people.data.length === 0 ? 'Ingen är nominerad till dina grupper ännu.' : undefined}
            value={draft.personId}
            onChange={(v) => update({ personId: v })}
            placeholder="Välj person"
            options={people.status === 'ok' ? people.data : []}
            required
          />
        </Form>
      </Page>
    );

  return (
    <Page
      title="Bjud in en användare"
      intro={
        <p>
          Personen får ett e-postbrev med en länk för att välja lösenord.
          {mode === 'org-contact' && ' Du kan bjuda in fler kontaktpersoner för din egen organisation.'}
        </p>
      }
    >
      <Form onSubmit={submit} submitLabel="Skicka inbjudan" sendingLabel="Skickar inbjudan …">
        <TextField name="displayName" label="Namn" value={draft.displayName} onChange={(v) => update({ displayName: v })} autoComplete="off" required />
        <TextField name="email" label="E-postadress" type="email" value={draft.email} onChange={(v) => update({ email: v })} autoComplete="off" required />
        {mode === 'admin' && <AccessFields draft={draft} update={update} roles={ALL_ROLES} />}
      </Form>
    </Page>
  );
}

/** The people nominated to or appointed in these groups (not rejected), one option per person. */
async function peopleOfGroups(groupIds: string[]): Promise<{ value: string; label: string }[]> {
  const groups = await api.get<WorkingGroup[]>('/working-groups');
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const options = new Map<string, { value: string; label: string }>();
  for (const id of groupIds) {
    const nominations = await api.get<NominationView[]>(`/working-groups/${encodeURIComponent(id)}/nominations`);
    for (const n of nominations) {
      if (n.state === 'rejected' || options.has(n.nominee.personId)) continue;
      options.set(n.nominee.personId, { value: n.nominee.personId, label: `${n.nominee.fullName} (${n.nominee.email}), ${names.get(id) ?? 'grupp'}` });
    }
  }
  return [...options.values()].sort((a, b) => a.label.localeCompare(b.label, 'sv'));
}
