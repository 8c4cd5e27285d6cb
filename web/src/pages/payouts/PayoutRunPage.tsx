import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { Deadline } from '../../components/Deadline';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Checkbox, Form, requireFields, TextArea } from '../../components/Form';
import { Page } from '../../components/Page';
import { downloadFile } from '../../download';
import { formatDate, formatDateTime, formatOre } from '../../format';
import { useLoad } from '../../hooks';
import { ACTIVITY_KIND_LABELS, BATCH_STATE_LABELS, FEE_TIER_LABELS, label, LINE_PAYOUT_STATE_LABELS } from '../../labels';
import type { BatchView } from '../../types';
import { minutesText } from '../time-reports/TimeReportPage';

interface AgiPerson {
  personId: string;
  name: string;
  field215: string;
  field011: number | null;
  field131: number | null;
  field001: number;
  field050: boolean;
  correctEarlierPeriodsTo011: string[];
}

interface Agi {
  period: string;
  dueDate: string;
  persons: AgiPerson[];
  totals: { field011: number; field131: number; field001: number };
  note?: string;
}

/** "fee.full-day.pbb-percent" → " (heldag)"; the rule's own code when it is not a tier. */
function feeRuleText(rule: string | null): string {
  if (!rule) return '';
  const tier = /^fee\.([a-z-]+)/.exec(rule)?.[1];
  return tier && FEE_TIER_LABELS[tier] ? ` (${FEE_TIER_LABELS[tier].toLowerCase()})` : ` (${rule})`;
}

/** Finance: one payout run: people, lines with the rule and table used, hold a line, approve or reject, and the files. */
export function PayoutRunPage() {
  const { id = '' } = useParams();
  const [view, reload] = useLoad(() => api.get<BatchView>(`/payout-runs/${encodeURIComponent(id)}`), [id]);
  const [confirmation, setConfirmation] = useState('');
  const [agi, setAgi] = useState<Agi | null>(null);
  const [fileError, setFileError] = useState<unknown>(null);
  const computing = view.status === 'ok' && view.data.run.status?.phase === 'gathering';

  useEffect(() => {
    if (!computing) return;
    const t = setInterval(() => void reload(), 1500);
    return () => clearInterval(t);
  }, [computing, reload]);

  if (view.status !== 'ok')
    return (
      <Page title="Utbetalning">
        {view.status === 'loading' ? <Working>Hämtar utbetalningen …</Working> : <ErrorMessage error={view.error} title="Utbetalningen kunde inte visas" />}
      </Page>
    );
  const { batch: b, run, persons, lines, warnings } = view.data;
  const draft = b.state === 'draft';
  const approved = b.state === 'approved';
  // The employer return is per payment month (all the payer's approved runs paid in it), not per run.
  const paymentMonth = b.paymentDate ? b.paymentDate.slice(0, 7) : null;
  const done = async (msg: string) => {
    await reload();
    setConfirmation(msg);
  };
  const file = (path: string, name: string) => async () => {
    setFileError(null);
    try {
      await downloadFile(path, name);
    } catch (e) {
      setFileError(e);
    }
  };

  return (
    <Page title={`Utbetalning ${b.label}`}>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      {computing && <Working>Utbetalningen räknas fram. Sidan uppdateras av sig själv.</Working>}
      {warnings.length > 0 && (
        <div className="error-box" role="status">
          <h2>Ändrade betalningsuppgifter</h2>
          <ul>
            {warnings.map((w) => (
              <li key={w.personId}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className="facts">
        <div>
          <dt>Läge</dt>
          <dd>{label(BATCH_STATE_LABELS, b.state)}</dd>
        </div>
        <div>
          <dt>Referens</dt>
          <dd>{b.reference}</dd>
        </div>
        <div>
          <dt>Utbetalningsdag</dt>
          <dd>{b.paymentDate ? formatDate(b.paymentDate) : 'Bestäms när utbetalningen godkänns'}</dd>
        </div>
        <div>
          <dt>Personer och rader</dt>
          <dd>
            {b.personCount} {b.personCount === 1 ? 'person' : 'personer'}, {b.lineCount} {b.lineCount === 1 ? 'rad' : 'rader'}
            {b.heldCount ? `, ${b.heldCount} inne­hållna` : ''}
          </dd>
        </div>
        <div>
          <dt>Till mottagarna (netto)</dt>
          <dd>
            <strong>{formatOre(b.netOre)}</strong>
          </dd>
        </div>
        <div>
          <dt>Skatteavdrag</dt>
          <dd>{formatOre(b.taxWithheldOre)}</dd>
        </div>
        <div>
          <dt>Arbetsgivaravgifter</dt>
          <dd>{formatOre(b.contributionsOre)}</dd>
        </div>
        <div>
          <dt>Kostnad för betalaren</dt>
          <dd>{formatOre(b.costOre)}</dd>
        </div>
        {b.approvedAt && (
          <div>
            <dt>Godkänd</dt>
            <dd>{formatDateTime(b.approvedAt)}</dd>
          </div>
        )}
        {b.cancelReason && (
          <div>
            <dt>Skäl för avslag</dt>
            <dd>{b.cancelReason}</dd>
          </div>
        )}
      </dl>

      <NextStep>
        {draft && (
          <p>
            Granska raderna och godkänn utbetalningen
            {run.status?.approveBy ? (
              <>
                {' '}
                <Deadline date={run.status.approveBy} />. Godkänns den inte i tid avslås den, och raderna följer med nästa utbetalning
              </>
            ) : null}
            .
          </p>
        )}
        {approved && <p>Utbetalningen är godkänd. Ladda ner betalfilen till banken och uppgifterna till arbetsgivardeklarationen, som lämnas senast den 12:e månaden efter utbetalningen.</p>}
        {b.state === 'cancelled' && <p>Utbetalningen är avslagen. Raderna följer med nästa utbetalning.</p>}
        {b.state === 'empty' && <p>Det fanns inget att betala ut för perioden.</p>}
      </NextStep>

      {persons.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="personer" tabIndex={0}>
          <table>
            <caption id="personer">Per person</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col" className="number">
                  Arvoden
                </th>
                <th scope="col" className="number">
                  Resor
                </th>
                <th scope="col" className="number">
                  Skatt
                </th>
                <th scope="col" className="number">
                  Netto
                </th>
                <th scope="col" className="number">
                  Avgifter
                </th>
                {approved && <th scope="col">Besked</th>}
              </tr>
            </thead>
            <tbody>
              {persons.map((p) => (
                <tr key={p.personId}>
                  <th scope="row">{p.personName}</th>
                  <td className="number">{formatOre(p.feesOre)}</td>
                  <td className="number">{formatOre(p.taxFreeTravelOre + p.taxableTravelOre)}</td>
                  <td className="number">{formatOre(p.taxWithheldOre)}</td>
                  <td className="number">{formatOre(p.netOre)}</td>
                  <td className="number">{formatOre(p.contributionsOre)}</td>
                  {approved && (
                    <td>
                      <button type="button" className="link-button" onClick={file(`/payout-runs/${b.id}/slips/${p.personId}`, `utbetalningsbesked-${b.period}.pdf`)}>
                        Ladda ner<span className="visually-hidden"> utbetalningsbesked för {p.personName}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {lines.length > 0 && (
        <section aria-labelledby="rader-rubrik">
          <h2 id="rader-rubrik">Rader</h2>
          {lines.map((l) => (
            <div className="group-box" key={l.id}>
              <h3>
                {l.personName}, {formatDate(l.activityDate)}
              </h3>
              <p>
                {l.groupName}. {label(ACTIVITY_KIND_LABELS, l.kind)}, {minutesText(l.minutes ?? 0)} inklusive restid.
              </p>
              <p>
                Arvode {formatOre(l.feeOre)}
                {feeRuleText(l.feeRule)}, resor {formatOre(l.travelOre)}. {l.rateTable ? `Taxetabell ${l.rateTable}.` : ''}
              </p>
              <p>
                <strong>{label(LINE_PAYOUT_STATE_LABELS, l.state)}</strong>
                {l.holdReason ? `: ${l.holdReason}` : ''}
              </p>
              {draft && l.state === 'pending' && <HoldLine batchId={b.id} lineId={l.id} who={`${l.personName}, ${formatDate(l.activityDate)}`} onDone={done} />}
            </div>
          ))}
        </section>
      )}

      {draft && !computing && (
        <section aria-labelledby="beslut">
          <h2 id="beslut">Beslut</h2>
          <Approve batchId={b.id} net={formatOre(b.netOre)} onDone={done} />
          <Cancel batchId={b.id} onDone={done} />
        </section>
      )}

      {approved && (
        <section aria-labelledby="filer">
          <h2 id="filer">Filer</h2>
          {fileError ? <ErrorMessage error={fileError} title="Filen kunde inte hämtas" /> : null}
          <p className="actions">
            <button type="button" className="button button-secondary" onClick={file(`/payout-runs/${b.id}/payments.csv`, `betalfil-${b.payerCode}-${b.period}.csv`)}>
              Ladda ner betalfilen (CSV)
            </button>
            <button type="button" className="button button-secondary" onClick={file(`/payout-runs/${b.id}/payments.xml`, `betalfil-${b.payerCode}-${b.period}.xml`)}>
              Ladda ner betalfilen till banken (pain.001, XML)
            </button>
            {paymentMonth && (
              <button
                type="button"
                className="button button-secondary"
                onClick={file(`/payers/${encodeURIComponent(b.payerCode)}/agi/${paymentMonth}/file`, `arbetsgivardeklaration-${b.payerCode}-${paymentMonth}.xml`)}
              >
                Ladda ner arbetsgivardeklarationen för {paymentMonth} (XML till Skatteverket)
              </button>
            )}
            <button
              type="button"
              className="button button-secondary"
              onClick={async () => {
                setFileError(null);
                try {
                  setAgi(await api.get<Agi>(`/payout-runs/${b.id}/agi`));
                } catch (e) {
                  setFileError(e);
                }
              }}
            >
              Visa uppgifter till arbetsgivardeklarationen
            </button>
          </p>
          <p className="small">
            Arbetsgivardeklarationen gäller hela utbetalningsmånaden {paymentMonth}: alla godkända utbetalningar från betalaren med utbetalningsdag i
            månaden.{agi ? ` Den lämnas senast ${formatDate(agi.dueDate)}.` : ''} Betalfilerna och arbetsgivardeklarationen innehåller personnummer. Varje
            hämtning loggas.
          </p>
          {agi && <AgiTable agi={agi} />}
        </section>
      )}
      <p>
        <Link to="/utbetalningar">Alla utbetalningar</Link>
      </p>
    </Page>
  );
}

function HoldLine({ batchId, lineId, who, onDone }: { batchId: string; lineId: string; who: string; onDone: (msg: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Håll inne raden<span className="visually-hidden"> {who}</span>
      </button>
    );
  return (
    <Form
      idPrefix={`${lineId.slice(0, 8)}-`}
      label={`Håll inne raden ${who}`}
      submitLabel="Håll inne raden"
      sendingLabel="Håller inne …"
      secondary={
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Avbryt
        </button>
      }
      onSubmit={async () => {
        requireFields({ reason: !reason.trim() && 'Skriv varför raden hålls inne. Personen ser skälet.' });
        await api.post(`/payout-runs/${batchId}/lines/${lineId}/hold`, { reason: reason.trim() });
        await onDone(`Raden ${who} är inne­hållen och följer med nästa utbetalning.`);
      }}
    >
      <TextArea name="reason" label="Skäl" hint="Personen ser skälet." rows={2} value={reason} onChange={setReason} />
    </Form>
  );
}

function Approve({ batchId, net, onDone }: { batchId: string; net: string; onDone: (msg: string) => Promise<void> }) {
  const [sure, setSure] = useState(false);
  return (
    <Form
      idPrefix="godkann-"
      submitLabel="Godkänn utbetalningen"
      sendingLabel="Godkänner och tar fram utbetalningsbesked …"
      onSubmit={async () => {
        requireFields({ sure: !sure && 'Bekräfta att du har granskat utbetalningen.' });
        await api.post(`/payout-runs/${batchId}/approve`);
        await onDone(`Utbetalningen är godkänd (${net}). Utbetalningsbeskeden tas fram och mottagarna kan se dem.`);
      }}
    >
      <Checkbox name="sure" label={`Jag har granskat utbetalningen och godkänner att ${net} betalas ut`} checked={sure} onChange={setSure} />
    </Form>
  );
}

function Cancel({ batchId, onDone }: { batchId: string; onDone: (msg: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  return (
    <Form
      idPrefix="avsla-"
      submitLabel="Avslå hela utkastet"
      sendingLabel="Avslår …"
      onSubmit={async () => {
        requireFields({ reason: !reason.trim() && 'Skriv varför utkastet avslås.' });
        await api.post(`/payout-runs/${batchId}/cancel`, { reason: reason.trim() });
        await onDone('Utkastet är avslaget. Alla rader följer med nästa utbetalning.');
      }}
    >
      <TextArea name="reason" label="Skäl för att avslå hela utkastet" rows={2} value={reason} onChange={setReason} />
    </Form>
  );
}

function AgiTable({ agi }: { agi: Agi }) {
  const kr = (v: number | null) => (v === null ? '–' : `${v.toLocaleString('sv-SE')} kr`);
  return (
    <>
      <div className="table-wrap" role="region" aria-labelledby="agi" tabIndex={0}>
        <table>
          <caption id="agi">Arbetsgivardeklaration på individnivå (hela kronor)</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Fält 215</th>
              <th scope="col" className="number">
                Fält 011
              </th>
              <th scope="col" className="number">
                Fält 131
              </th>
              <th scope="col" className="number">
                Fält 001
              </th>
              <th scope="col">Ruta 050</th>
            </tr>
          </thead>
          <tbody>
            {agi.persons.map((p) => (
              <tr key={p.personId}>
                <th scope="row">
                  {p.name}
                  {p.correctEarlierPeriodsTo011.length > 0 && <span className="small"> Rätta tidigare perioder till fält 011: {p.correctEarlierPeriodsTo011.join(', ')}.</span>}
                </th>
                <td>{p.field215}</td>
                <td className="number">{kr(p.field011)}</td>
                <td className="number">{kr(p.field131)}</td>
                <td className="number">{kr(p.field001)}</td>
                <td>{p.field050 ? 'Ja' : 'Nej'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {agi.note && <p className="small">{agi.note}</p>}
    </>
  );
}
