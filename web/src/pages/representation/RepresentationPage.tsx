import { useState } from 'react';
import { api } from '../../api';
import { hasRole, useAuth } from '../../auth';
import { Confirmation, ErrorMessage, Working } from '../../components/Feedback';
import { Form, requireFields, SelectField, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDate } from '../../format';
import { useLoad } from '../../hooks';
import {
  BELOW_SINCE_REASON_LABELS,
  DIVERSITY_DIMENSION_LABELS,
  DIVERSITY_SCOPE_LABELS,
  DIVERSITY_VALUE_LABELS,
  GROUP_KIND_LABELS,
  label,
  ORGANISATION_PERSPECTIVE_LABELS,
  REGION_LABELS,
} from '../../labels';
import type { AvailablePerson, DiversityFigures, DiversityScopes, GroupStaffing, OrganisationLastAskedPage, RepresentationSettings, Workload } from '../../types';

/**
 * Coordinators and administrators (issue 19 #2): staffing against the minimum, how many assignments people and
 * organisations hold, who is free, organisations not asked for a while, and aggregate diversity figures.
 */
export function RepresentationPage() {
  const { state } = useAuth();
  const isAdmin = state.status === 'authenticated' && hasRole(state.user, 'admin');
  return (
    <Page
      title="Representativitet och belastning"
      intro={
        <p>
          Hur grupperna är bemannade, vilka personer och organisationer som har många uppdrag, vem som kan ta fler, vilka organisationer som inte har tillfrågats på
          länge, och sammanställda uppgifter om mångfald.
        </p>
      }
    >
      <Staffing />
      <WorkloadSection isAdmin={isAdmin} />
      <AvailableSection />
      <LastAskedSection />
      <DiversitySection />
    </Page>
  );
}

function Staffing() {
  const [groups] = useLoad(() => api.get<GroupStaffing[]>('/representation/groups'), []);
  return (
    <section aria-labelledby="bemanning">
      <h2 id="bemanning">Företrädare mot minimum</h2>
      {groups.status === 'loading' && <Working>Hämtar grupperna …</Working>}
      {groups.status === 'error' && <ErrorMessage error={groups.error} title="Grupperna kunde inte hämtas" />}
      {groups.status === 'ok' && groups.data.length === 0 && <p>Det finns inga pågående grupper att visa.</p>}
      {groups.status === 'ok' && groups.data.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="bemanning-tabell" tabIndex={0}>
          <table>
            <caption id="bemanning-tabell">Grupper med för få aktiva företrädare först</caption>
            <thead>
              <tr>
                <th scope="col">Grupp</th>
                <th scope="col">Aktiva av minst</th>
                <th scope="col">Tackat ja, inte aktiva än</th>
                <th scope="col">För få sedan</th>
              </tr>
            </thead>
            <tbody>
              {groups.data.map((g) => (
                <tr key={g.groupId}>
                  <th scope="row">
                    {g.name}
                    <span className="small"> ({label(GROUP_KIND_LABELS, g.kind)})</span>
                  </th>
                  <td className="number">
                    {g.active} av {g.minimum}
                  </td>
                  <td className="number">{g.onboarding}</td>
                  <td>
                    {g.belowMinimum ? (
                      <span className="urgent-note">
                        För få sedan {formatDate(g.belowMinimumSince)} – {label(BELOW_SINCE_REASON_LABELS, g.belowSinceReason)}
                      </span>
                    ) : (
                      'Tillräckligt många'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function WorkloadSection({ isAdmin }: { isAdmin: boolean }) {
  const [load, reload] = useLoad(() => api.get<Workload>('/representation/workload'), []);
  return (
    <section aria-labelledby="belastning">
      <h2 id="belastning">Antal uppdrag</h2>
      {load.status === 'loading' && <Working>Hämtar antal uppdrag …</Working>}
      {load.status === 'error' && <ErrorMessage error={load.error} title="Antalet uppdrag kunde inte hämtas" />}
      {load.status === 'ok' && (
        <>
          <p>
            En varning visas för en person med fler än {load.data.personThreshold} pågående uppdrag och för en organisation vars nominerade har fler än{' '}
            {load.data.organisationThreshold}. Uppdragen räknas i alla grupper.
          </p>
          <h3 id="per-person">Per person</h3>
          {load.data.people.length === 0 ? (
            <p>Ingen person har uppdrag eller nomineringar i dina grupper.</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="per-person-tabell" tabIndex={0}>
              <table>
                <caption id="per-person-tabell">Personer i dina grupper, flest uppdrag först</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Pågående uppdrag</th>
                    <th scope="col">Erbjudanden utan svar</th>
                    <th scope="col">Varning</th>
                  </tr>
                </thead>
                <tbody>
                  {load.data.people.map((p) => (
                    <tr key={p.personId}>
                      <th scope="row">
                        {p.fullName}
                        {p.availableForMore && <span className="small"> (kan ta fler uppdrag)</span>}
                      </th>
                      <td className="number">{p.assignments}</td>
                      <td className="number">{p.offers}</td>
                      <td>{p.warning ? <span className="urgent-note">{p.warning}</span> : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3 id="per-organisation">Per organisation</h3>
          {load.data.organisations.length === 0 ? (
            <p>Ingen organisations nominerade har pågående uppdrag.</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="per-org-tabell" tabIndex={0}>
              <table>
                <caption id="per-org-tabell">Organisationer, flest uppdrag först</caption>
                <thead>
                  <tr>
                    <th scope="col">Organisation</th>
                    <th scope="col">Pågående uppdrag</th>
                    <th scope="col">Varning</th>
                  </tr>
                </thead>
                <tbody>
                  {load.data.organisations.map((o) => (
                    <tr key={o.organisationId}>
                      <th scope="row">{o.name}</th>
                      <td className="number">{o.assignments}</td>
                      <td>{o.warning ? <span className="urgent-note">{o.warning}</span> : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {isAdmin && <ThresholdsForm onSaved={reload} />}
        </>
      )}
    </section>
  );
}

function ThresholdsForm({ onSaved }: { onSaved: () => Promise<void> }) {
  const [settings, reload] = useLoad(() => api.get<RepresentationSettings>('/representation/settings'), []);
  const [person, setPerson] = useState<string | null>(null);
  const [organisation, setOrganisation] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState('');
  if (settings.status !== 'ok') return settings.status === 'error' ? <ErrorMessage error={settings.error} title="Gränserna kunde inte hämtas" /> : null;
  const personValue = person ?? String(settings.data.personThreshold);
  const organisationValue = organisation ?? String(settings.data.organisationThreshold);
  return (
    <section aria-labelledby="granser">
      <h3 id="granser">Gränser för varning</h3>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <Form
        idPrefix="granser-"
        submitLabel="Spara gränserna"
        sendingLabel="Sparar …"
        onSubmit={async () => {
          const saved = await api.patch<RepresentationSettings>('/representation/settings', {
            personThreshold: Number(personValue),
            organisationThreshold: Number(organisationValue),
          });
          setPerson(null);
          setOrganisation(null);
          await reload();
          await onSaved();
          setConfirmation(`Klart. Varning för fler än ${saved.personThreshold} uppdrag per person och ${saved.organisationThreshold} per organisation.`);
        }}
      >
        <TextField name="personThreshold" label="Högsta antal uppdrag per person utan varning" type="number" inputMode="numeric" width="short" value={personValue} onChange={setPerson} required />
        <TextField
          name="organisationThreshold"
          label="Högsta antal uppdrag per organisation utan varning"
          type="number"
          inputMode="numeric"
          width="short"
          value={organisationValue}
          onChange={setOrganisation}
          required
        />
      </Form>
    </section>
  );
}

function AvailableSection() {
  const [people] = useLoad(() => api.get<AvailablePerson[]>('/representation/available'), []);
  return (
    <section aria-labelledby="lediga">
      <h2 id="lediga">Kan ta fler uppdrag</h2>
      {people.status === 'loading' && <Working>Hämtar …</Working>}
      {people.status === 'error' && <ErrorMessage error={people.error} title="Listan kunde inte hämtas" />}
      {people.status === 'ok' && people.data.length === 0 && <p>Ingen har just nu sagt att hen kan ta ett uppdrag till.</p>}
      {people.status === 'ok' && people.data.length > 0 && (
        <ul>
          {people.data.map((p) => (
            <li key={p.personId}>
              {p.fullName}, {p.email} – sedan {formatDate(p.availableSince)}, {p.assignments} pågående uppdrag
              {p.aboveThreshold && <span className="urgent-note"> (fler än gränsen)</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LastAskedSection() {
  const [orgs] = useLoad(() => api.get<OrganisationLastAskedPage>('/representation/organisations-by-last-request?pageSize=50'), []);
  return (
    <section aria-labelledby="senast-tillfragade">
      <h2 id="senast-tillfragade">Organisationer som inte tillfrågats på länge</h2>
      {orgs.status === 'loading' && <Working>Hämtar organisationerna …</Working>}
      {orgs.status === 'error' && <ErrorMessage error={orgs.error} title="Organisationerna kunde inte hämtas" />}
      {orgs.status === 'ok' && (
        <div className="table-wrap" role="region" aria-labelledby="tillfragade-tabell" tabIndex={0}>
          <table>
            <caption id="tillfragade-tabell">Aldrig tillfrågade först, sedan de som tillfrågades för längst sedan ({orgs.data.total} organisationer)</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Företräder</th>
                <th scope="col">Senaste förfrågan</th>
                <th scope="col">Förfrågningar</th>
              </tr>
            </thead>
            <tbody>
              {orgs.data.items.map((o) => (
                <tr key={o.organisationId}>
                  <th scope="row">{o.name}</th>
                  <td>{label(ORGANISATION_PERSPECTIVE_LABELS, o.perspective)}</td>
                  <td>{o.lastRequestAt ? formatDate(o.lastRequestAt) : 'Aldrig'}</td>
                  <td className="number">{o.requests}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DiversitySection() {
  const [scopes] = useLoad(() => api.get<DiversityScopes>('/representation/diversity/scopes'), []);
  const [scope, setScope] = useState('national');
  const [region, setRegion] = useState('');
  const [npo, setNpo] = useState('');
  const [figures, setFigures] = useState<DiversityFigures | null>(null);
  return (
    <section aria-labelledby="mangfald">
      <h2 id="mangfald">Mångfald</h2>
      <p>
        Uppgifterna är frivilliga och lämnas med samtycke av företrädarna själva. De visas bara sammanställda, aldrig per person, och inte alls för färre än 5
        personer. Grupper med färre än 5 döljs. En enskild arbetsgrupp har för få företrädare för egna siffror.
      </p>
      <Form
        idPrefix="mangfald-"
        label="Välj vad siffrorna ska gälla"
        submitLabel="Visa siffrorna"
        sendingLabel="Hämtar …"
        onSubmit={async () => {
          requireFields({
            region: scope === 'region' && !region && 'Välj en sjukvårdsregion.',
            groupId: scope === 'npo' && !npo && 'Välj ett programområde.',
          });
          const path = scope === 'region' ? `regions/${encodeURIComponent(region)}` : scope === 'npo' ? `npos/${encodeURIComponent(npo)}` : 'national';
          setFigures(await api.get<DiversityFigures>(`/representation/diversity/${path}`));
        }}
      >
        <SelectField name="scope" label="Siffror för" value={scope} onChange={setScope} options={Object.entries(DIVERSITY_SCOPE_LABELS).map(([value, l]) => ({ value, label: l }))} />
        {scope === 'region' && (
          <SelectField
            name="region"
            label="Sjukvårdsregion"
            value={region}
            onChange={setRegion}
            placeholder="Välj en region"
            options={Object.entries(REGION_LABELS).map(([value, l]) => ({ value, label: l }))}
          />
        )}
        {scope === 'npo' && scopes.status === 'ok' && (
          <SelectField
            name="groupId"
            label="Programområde"
            value={npo}
            onChange={setNpo}
            placeholder="Välj ett programområde"
            options={scopes.data.npos.map((n) => ({ value: n.groupId, label: n.name }))}
          />
        )}
      </Form>
      {figures && <FiguresView figures={figures} />}
    </section>
  );
}

function FiguresView({ figures }: { figures: DiversityFigures }) {
  return (
    <div role="status" className="info-box">
      <h3>{figures.scopeName}</h3>
      {!figures.figuresShown ? (
        <p>{figures.reason}</p>
      ) : (
        <>
          <p>{figures.people} personer med uppdrag har samtyckt och lämnat uppgifter.</p>
          {figures.warnings.map((w) => (
            <p key={w} className="urgent-note">
              {w}
            </p>
          ))}
          {figures.dimensions.map((d) => (
            <div key={d.dimension}>
              <h4>{label(DIVERSITY_DIMENSION_LABELS, d.dimension)}</h4>
              {!d.shown ? (
                <p>{d.note}</p>
              ) : (
                <>
                  <ul>
                    {d.cells.map((c) => (
                      <li key={c.value}>
                        {label(DIVERSITY_VALUE_LABELS, c.value)}: {c.count === null ? 'visas inte' : c.count}
                      </li>
                    ))}
                  </ul>
                  {d.note && <p className="small">{d.note}</p>}
                </>
              )}
            </div>
          ))}
        </>
      )}
    </div>
  );
}
