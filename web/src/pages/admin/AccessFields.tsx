import { api } from '../../api';
import { ROLE_LABELS, type Role } from '../../auth';
import { CheckboxGroup, SelectField } from '../../components/Form';
import { useLoad } from '../../hooks';
import type { OrganisationPage, PayingBody, WorkingGroup } from '../../types';

export interface AccessDraft {
  roles: Role[];
  organisationId: string;
  payerCode: string;
  groupIds: string[];
}

const ROLE_HINTS: Record<Role, string> = {
  admin: 'Taxetabeller, betalare, mallar och användare.',
  coordinator: 'Skapar grupper, utser företrädare, attesterar tidrapporter.',
  'org-contact': 'Tar emot förfrågningar om nominering från en patient- eller närståendeorganisation.',
  representative: 'Patient- eller närståendeföreträdare i en arbetsgrupp.',
  finance: 'Godkänner utbetalningar för en betalare.',
};

/** The roles of an account and the scope that goes with each (the API checks that they fit together). */
export function AccessFields({ draft, update, roles }: { draft: AccessDraft; update: (p: Partial<AccessDraft>) => void; roles: Role[] }) {
  const [payers] = useLoad(() => api.get<PayingBody[]>('/paying-bodies'), []);
  const wantsOrg = draft.roles.includes('org-contact');
  const [orgs] = useLoad(() => (wantsOrg ? api.get<OrganisationPage>('/organisations?pageSize=200') : Promise.resolve({ items: [], total: 0, page: 1, pageSize: 200 })), [wantsOrg]);
  const [groups] = useLoad(() => (draft.roles.includes('coordinator') ? api.get<WorkingGroup[]>('/working-groups') : Promise.resolve([] as WorkingGroup[])), [draft.roles.includes('coordinator')]);
  return (
    <>
      <CheckboxGroup
        name="roles"
        label="Roller"
        hint="Välj en eller flera."
        values={draft.roles}
        onChange={(v) => update({ roles: v as Role[] })}
        options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
      />
      {draft.roles.includes('org-contact') && (
        <SelectField
          name="organisationId"
          label="Organisation"
          hint="Den patient- eller närståendeorganisation som kontaktpersonen företräder."
          value={draft.organisationId}
          onChange={(v) => update({ organisationId: v })}
          placeholder="Välj organisation"
          options={orgs.status === 'ok' ? orgs.data.items.map((o) => ({ value: o.id, label: o.name })) : []}
        />
      )}
      {draft.roles.includes('finance') && (
        <SelectField
          name="payerCode"
          label="Betalare"
          hint="Den betalare vars utbetalningar personen godkänner."
          value={draft.payerCode}
          onChange={(v) => update({ payerCode: v })}
          placeholder="Välj betalare"
          options={payers.status === 'ok' ? payers.data.map((p) => ({ value: p.code, label: p.name })) : []}
        />
      )}
      {draft.roles.includes('coordinator') && groups.status === 'ok' && (
        <CheckboxGroup
          name="groupIds"
          label="Grupper som personen samordnar"
          hint={groups.data.length ? undefined : 'Det finns inga grupper ännu. En samordnare som skapar en grupp blir dess samordnare.'}
          values={draft.groupIds}
          onChange={(v) => update({ groupIds: v })}
          options={groups.data.map((g) => ({ value: g.id, label: `${g.name} (${g.kind})` }))}
        />
      )}
    </>
  );
}

/** The body of an access change: only the scope that goes with the chosen roles. */
export function accessBody(d: AccessDraft) {
  return {
    roles: d.roles,
    ...(d.roles.includes('org-contact') ? { organisationId: d.organisationId.trim() } : {}),
    ...(d.roles.includes('finance') ? { payerCode: d.payerCode } : {}),
    ...(d.roles.includes('coordinator') ? { groupIds: d.groupIds } : {}),
  };
}
