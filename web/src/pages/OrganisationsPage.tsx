import { useState } from 'react';
import { api, newId } from '../api';
import { Confirmation, ErrorMessage, NextStep, Working } from '../components/Feedback';
import { Form, RadioGroup, sendChecked, TextField } from '../components/Form';
import { Page } from '../components/Page';
import { useDraft, useLoad } from '../hooks';
import { label, ORGANISATION_PERSPECTIVE_LABELS } from '../labels';
import type { Organisation, OrganisationPage } from '../types';

/** Coordinator and administrator: the patient and next-of-kin organisations that can be asked to nominate. */
export function OrganisationsPage() {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [orgs, reload] = useLoad(() => api.get<OrganisationPage>(`/organisations?pageSize=200${search ? `&name=${encodeURIComponent(search)}` : ''}`), [search]);
  const [draft, update, clear] = useDraft('ny-organisation', () => ({ id: newId(), name: '', perspective: '', contactEmail: '', orgNumber: '' }));
  const [confirmation, setConfirmation] = useState('');

  return (
    <Page title="Organisationer" intro={<p>Patient- och närståendeorganisationer som kan ombes nominera företrädare. Förfrågningar skickas till organisationens e-postadress.</p>}>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <form
        className="filters"
        role="search"
        aria-label="Sök organisation"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(query.trim());
        }}
      >
        <div className="field">
          <label htmlFor="sok-org">Del av namnet</label>
          <input id="sok-org" className="input input-medium" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="field">
          <button type="submit" className="button button-secondary">
            Sök
          </button>
        </div>
      </form>
      {orgs.status === 'loading' && <Working>Hämtar organisationerna …</Working>}
      {orgs.status === 'error' && <ErrorMessage error={orgs.error} title="Organisationerna kunde inte hämtas" />}
      {orgs.status === 'ok' && (
        <div className="table-wrap" role="region" aria-labelledby="org-tabell" tabIndex={0}>
          <table>
            <caption id="org-tabell">{orgs.data.total} organisationer</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Företräder</th>
                <th scope="col">E-post för förfrågningar</th>
              </tr>
            </thead>
            <tbody>
              {orgs.data.items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    {o.name}
                    {o.orgNumber && <span className="small"> ({o.orgNumber})</span>}
                  </th>
                  <td>{label(ORGANISATION_PERSPECTIVE_LABELS, o.perspective)}</td>
                  <td>{o.contactEmail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="ny-org">
        <h2 id="ny-org">Lägg till en organisation</h2>
        <Form
          submitLabel="Lägg till organisationen"
          sendingLabel="Sparar …"
          onSubmit={async () => {
            const checks = {
              name: !draft.name.trim() && 'Skriv organisationens namn.',
              perspective: !draft.perspective && 'Välj vilka organisationen företräder.',
              contactEmail: !draft.contactEmail.trim() && 'Skriv organisationens e-postadress.',
            };
            const created = await sendChecked(checks, (extra) => api.post<Organisation>('/organisations', {
              id: draft.id,
              name: draft.name.trim(),
              perspective: draft.perspective,
              contactEmail: draft.contactEmail.trim(),
              ...(draft.orgNumber.trim() ? { orgNumber: draft.orgNumber.trim() } : {}),
              ...extra,
            }));
            update({ id: newId(), name: '', perspective: '', contactEmail: '', orgNumber: '' });
            clear();
            await reload();
            setConfirmation(`${created.name} är tillagd och kan nu ombes nominera.`);
          }}
        >
          <TextField name="name" label="Organisationens namn" value={draft.name} onChange={(v) => update({ name: v })} required />
          <RadioGroup
            name="perspective"
            label="Vilka företräder organisationen?"
            value={draft.perspective}
            onChange={(v) => update({ perspective: v })}
            options={Object.entries(ORGANISATION_PERSPECTIVE_LABELS).map(([value, l]) => ({ value, label: l }))}
          />
          <TextField name="contactEmail" label="E-post för nomineringsförfrågningar" type="email" value={draft.contactEmail} onChange={(v) => update({ contactEmail: v })} required />
          <TextField name="orgNumber" label="Organisationsnummer" hint="Tio siffror, till exempel 802012-3454." width="medium" value={draft.orgNumber} onChange={(v) => update({ orgNumber: v })} required={false} />
        </Form>
      </section>
      <NextStep>
        <p>En organisation som är tillagd kan väljas när du ber organisationer nominera till en grupp.</p>
      </NextStep>
    </Page>
  );
}
