import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { hasRole, ROLE_LABELS, useUser, type Role } from '../../auth';
import { Confirmation, NextStep } from '../../components/Feedback';
import { Form, requireFields, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../format';
import { useDraft } from '../../hooks';
import type { InvitationResult } from '../../types';
import { AccessFields, accessBody, type AccessDraft } from './AccessFields';
import { ALL_ROLES } from './UsersPage';

interface Draft extends AccessDraft {
  email: string;
  displayName: string;
}

const DELIVERY: Record<string, string> = {
  smtp: 'Inbjudan är skickad med e-post.',
  outbox: 'Inbjudan är sparad i tjänstens utkorg (e-post skickas inte i den här miljön). Lämna över länken nedan på ett säkert sätt.',
  failed: 'E-postservern tog inte emot brevet. Lämna över länken nedan på ett säkert sätt, eller försök igen senare.',
  none: 'Inget e-postbrev skickades. Lämna över länken nedan på ett säkert sätt.',
};

/**
 * Invite someone (POST /users for an administrator; POST /auth/invitations for a coordinator, who may invite
 * representatives and organisation contacts). The person gets a one-time link to choose a password.
 */
export function InviteUserPage() {
  const me = useUser();
  const isAdmin = hasRole(me, 'admin');
  const roles: Role[] = isAdmin ? ALL_ROLES : ['representative', 'org-contact'];
  const [draft, update, clear] = useDraft<Draft>('bjud-in', () => ({ email: '', displayName: '', roles: [], organisationId: '', payerCode: '', groupIds: [] }));
  const [result, setResult] = useState<InvitationResult | null>(null);

  async function submit() {
    requireFields({
      displayName: !draft.displayName.trim() && 'Skriv personens namn.',
      email: !draft.email.trim() && 'Skriv personens e-postadress.',
      roles: draft.roles.length === 0 && 'Välj minst en roll.',
    });
    const body = { email: draft.email.trim(), displayName: draft.displayName.trim(), ...accessBody(draft) };
    const res = await api.post<InvitationResult>(isAdmin ? '/users' : '/auth/invitations', body);
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

  return (
    <Page title="Bjud in en användare" intro={<p>Personen får ett e-postbrev med en länk för att välja lösenord.</p>}>
      <Form onSubmit={submit} submitLabel="Skicka inbjudan" sendingLabel="Skickar inbjudan …">
        <TextField name="displayName" label="Namn" value={draft.displayName} onChange={(v) => update({ displayName: v })} autoComplete="off" required />
        <TextField name="email" label="E-postadress" type="email" value={draft.email} onChange={(v) => update({ email: v })} autoComplete="off" required />
        <AccessFields draft={draft} update={update} roles={roles} />
      </Form>
    </Page>
  );
}
