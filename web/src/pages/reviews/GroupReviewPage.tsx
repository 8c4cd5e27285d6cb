import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form, RadioGroup, TextArea } from '../../components/Form';
import { Page } from '../../components/Page';
import { downloadFile } from '../../download';
import { formatDate, formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import {
  ACTIVITY_MODE_LABELS,
  ASSIGNMENT_STATE_LABELS,
  GROUP_ACTIVITY_KIND_LABELS,
  label,
  PERSPECTIVE_LABELS,
  REPRESENTATION_LABELS,
  REVIEW_DECISION_LABELS,
} from '../../labels';
import type { GroupReviewView, ReviewPolicyView } from '../../types';

type Decision = 'continue' | 'change' | 'end';

/**
 * The group's yearly review by its NPO (§3.2): staffing against the minimum, the year's activities and the
 * representatives' participation, the yearly report as a PDF, and the decision — continue, change (with what), or end
 * (behind a dialog: it ends the group and every assignment in it). `/grupper/:id/oversyn` shows the review open now.
 */
export function GroupReviewPage() {
  const { id = '', year: yearParam } = useParams();
  const [confirmation, setConfirmation] = useState('');
  const [view, reload] = useLoad(async () => {
    const year = yearParam ?? String((await api.get<ReviewPolicyView>('/group-review-policy')).openYear);
    return api.get<GroupReviewView>(`/working-groups/${encodeURIComponent(id)}/reviews/${encodeURIComponent(year)}`);
  }, [id, yearParam]);

  if (view.status === 'loading')
    return (
      <Page title="Årlig översyn">
        <Working>Hämtar översynen …</Working>
      </Page>
    );
  if (view.status === 'error')
    return (
      <Page title="Årlig översyn">
        <ErrorMessage error={view.error} title="Översynen kunde inte visas" />
      </Page>
    );
  const v = view.data;
  return (
    <Page
      title={`Årlig översyn ${v.year}: ${v.groupName}`}
      intro={
        <p>
          Arbetsgrupperna ses över varje år av sitt nationella programområde (rutinen, avsnitt 3.2). Här ser du gruppens bemanning, årets aktiviteter och företrädarnas
          deltagande, och registrerar beslutet: gruppen fortsätter, fortsätter med förändringar eller avslutas.
        </p>
      }
    >
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <p>
        <Link to={`/grupper/${v.groupId}`}>Till gruppens sida</Link>
      </p>

      <section aria-labelledby="oversyn-lage">
        <h2 id="oversyn-lage">Översynen</h2>
        <dl className="facts">
          <div>
            <dt>Görs av</dt>
            <dd>{v.reviewedBy.name}</dd>
          </div>
          <div>
            <dt>Ska vara klar</dt>
            <dd>Senast {formatDate(v.dueOn)}</dd>
          </div>
          {v.parentName && (
            <div>
              <dt>Hör till</dt>
              <dd>{v.parentName}</dd>
            </div>
          )}
        </dl>
        {v.overdue && <p className="urgent-note">Översynen är försenad: sista dagen var {formatDate(v.dueOn)}.</p>}
      </section>

      <section aria-labelledby="oversyn-bemanning">
        <h2 id="oversyn-bemanning">Bemanning</h2>
        <p className="big-number">
          {v.staffing.active} av minst {v.staffing.minimum} patient- och närståendeföreträdare har ett aktivt uppdrag.
        </p>
        {v.staffing.belowMinimumSince && <p>Under minimum sedan {formatDate(v.staffing.belowMinimumSince)}.</p>}
        {v.staffing.representatives.length === 0 ? (
          <p>Gruppen har inga företrädare under året.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="oversyn-foretradare" tabIndex={0}>
            <table>
              <caption id="oversyn-foretradare">Företrädare under {v.year}</caption>
              <thead>
                <tr>
                  <th scope="col">Företrädare</th>
                  <th scope="col">Perspektiv</th>
                  <th scope="col">Företräder</th>
                  <th scope="col">Sedan</th>
                  <th scope="col">Läge</th>
                </tr>
              </thead>
              <tbody>
                {v.staffing.representatives.map((r) => (
                  <tr key={r.assignmentId}>
                    <th scope="row">{r.name}</th>
                    <td>{r.perspective ? label(PERSPECTIVE_LABELS, r.perspective) : 'Inte angivet'}</td>
                    <td>
                      {label(REPRESENTATION_LABELS, r.representation)}
                      {r.organisationName && <span className="small"> ({r.organisationName})</span>}
                    </td>
                    <td>{formatDate(r.since)}</td>
                    <td>{r.state === 'ended' && r.endedOn ? `Avslutat ${formatDate(r.endedOn)}` : label(ASSIGNMENT_STATE_LABELS, r.state)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="oversyn-aktiviteter">
        <h2 id="oversyn-aktiviteter">Aktiviteter {v.year}</h2>
        {v.activities.length === 0 ? (
          <p>Gruppen har inga aktiviteter registrerade under {v.year}.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="oversyn-aktivitetstabell" tabIndex={0}>
            <table>
              <caption id="oversyn-aktivitetstabell">
                {v.activities.length} {v.activities.length === 1 ? 'aktivitet' : 'aktiviteter'}, med kallade och inskickade tidrapporter
              </caption>
              <thead>
                <tr>
                  <th scope="col">Aktivitet</th>
                  <th scope="col">Datum</th>
                  <th scope="col">Slag</th>
                  <th scope="col">Kallade</th>
                  <th scope="col">Rapporter</th>
                  <th scope="col">Material skickat</th>
                </tr>
              </thead>
              <tbody>
                {v.activities.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.title}</th>
                    <td>{formatDate(a.date)}</td>
                    <td>
                      {label(GROUP_ACTIVITY_KIND_LABELS, a.kind)}
                      {a.mode && <span className="small">, {label(ACTIVITY_MODE_LABELS, a.mode).toLowerCase()}</span>}
                    </td>
                    <td className="number">{a.called}</td>
                    <td className="number">{a.reports}</td>
                    <td>{a.materialSentOn ? formatDate(a.materialSentOn) : 'Inte angivet'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="oversyn-deltagande">
        <h2 id="oversyn-deltagande">Företrädarnas deltagande</h2>
        {v.participation.length === 0 ? (
          <p>Ingen företrädare har kallats till någon aktivitet under året.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="oversyn-deltagandetabell" tabIndex={0}>
            <table>
              <caption id="oversyn-deltagandetabell">Årets aktiviteter som varje företrädare kallades till och rapporterade tid för</caption>
              <thead>
                <tr>
                  <th scope="col">Företrädare</th>
                  <th scope="col">Kallad till</th>
                  <th scope="col">Rapporterat</th>
                </tr>
              </thead>
              <tbody>
                {v.participation.map((p) => (
                  <tr key={p.assignmentId}>
                    <th scope="row">{p.name}</th>
                    <td className="number">{p.called}</td>
                    <td className="number">{p.reported}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="oversyn-rapport">
        <h2 id="oversyn-rapport">Årsrapport</h2>
        <p>
          {v.decision
            ? 'Årsrapporten sparades med beslutet. Det du laddar ner är exakt den sparade rapporten.'
            : 'Rapporten är ett utkast tills beslutet är registrerat. Då sparas den med sin kontrollsumma.'}
        </p>
        {v.decision?.document && <p className="small">Kontrollsumma (SHA-256): {v.decision.document.sha256}</p>}
        <ReportDownload groupId={v.groupId} year={v.year} name={v.groupName} />
      </section>

      <section aria-labelledby="oversyn-beslut">
        <h2 id="oversyn-beslut">Beslut</h2>
        {v.decision ? (
          <>
            <p>
              <strong>{label(REVIEW_DECISION_LABELS, v.decision.decision)}.</strong>
            </p>
            {v.decision.changes && (
              <div className="prose">
                <p>Förändringar: {v.decision.changes}</p>
              </div>
            )}
            <p>
              Beslutat av {v.decision.decidedByName ?? 'okänd'} {formatDateTime(v.decision.decidedAt)}.
            </p>
          </>
        ) : v.canDecide ? (
          <DecisionForm
            view={v}
            onDone={async (decision) => {
              await reload();
              setConfirmation(
                decision === 'end'
                  ? `Beslutet är registrerat och ${v.groupName} avslutas. Rekryteringen stängs och gruppens uppdrag avslutas.`
                  : `Beslutet är registrerat: ${label(REVIEW_DECISION_LABELS, decision).toLowerCase()}. Årsrapporten är sparad.`,
              );
            }}
          />
        ) : (
          <NextStep>
            <p>{v.cannotDecideReason}</p>
          </NextStep>
        )}
      </section>
    </Page>
  );
}

function ReportDownload({ groupId, year, name }: { groupId: string; year: number; name: string }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <p>
        <button
          type="button"
          className="button button-secondary"
          onClick={async () => {
            setError(null);
            try {
              await downloadFile(`/working-groups/${groupId}/reviews/${year}/report`, `Årsrapport-${year}-${name}.pdf`);
            } catch (e) {
              setError(e);
            }
          }}
        >
          Ladda ner årsrapporten (PDF)
        </button>
      </p>
      {error ? <ErrorMessage error={error} title="Rapporten kunde inte hämtas" /> : null}
    </>
  );
}

function DecisionForm({ view, onDone }: { view: GroupReviewView; onDone: (decision: Decision) => Promise<void> }) {
  const [decision, setDecision] = useState<Decision>('continue');
  const [changes, setChanges] = useState('');
  const path = `/working-groups/${view.groupId}/reviews/${view.year}/decision`;
  const options = (['continue', 'change', 'end'] as const).map((d) => ({
    value: d,
    label: REVIEW_DECISION_LABELS[d],
    hint:
      d === 'change'
        ? 'Beskriv vad som ändras, till exempel uppdraget, sammansättningen eller mötesformerna.'
        : d === 'end'
          ? 'Gruppen avslutas: rekryteringen stängs och alla uppdrag i gruppen avslutas.'
          : undefined,
  }));
  return (
    <>
      <RadioGroup name="decision" label="Vad beslutar programområdet om gruppen?" value={decision} onChange={(d) => setDecision(d as Decision)} options={options} />
      {decision === 'end' ? (
        <ConfirmAction
          buttonLabel="Registrera beslutet att avsluta gruppen"
          title={`Avsluta ${view.groupName}?`}
          confirmLabel="Ja, avsluta gruppen"
          sendingLabel="Registrerar beslutet …"
          onConfirm={async () => {
            await api.post(path, { decision: 'end', confirmEnd: true });
            await onDone('end');
          }}
        >
          <p>Beslutet registreras och gruppen avslutas. Rekryteringen stängs och alla uppdrag i gruppen avslutas; företrädarna får besked. Det går inte att ångra.</p>
        </ConfirmAction>
      ) : (
        <Form
          label="Översynens beslut"
          submitLabel="Registrera beslutet"
          sendingLabel="Registrerar beslutet …"
          onSubmit={async () => {
            await api.post(path, decision === 'change' ? { decision, changes } : { decision });
            await onDone(decision);
          }}
        >
          {decision === 'change' && <TextArea name="changes" label="Vilka förändringar?" value={changes} onChange={setChanges} rows={5} />}
          <p className="small">Ett beslut kan inte ändras i efterhand. Årsrapporten sparas med beslutet.</p>
        </Form>
      )}
    </>
  );
}
