import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, itemsOf } from '../../api';
import { Deadline } from '../../components/Deadline';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { DurationField, Form, RadioGroup, sendChecked, TextArea, TextField, toMinutes } from '../../components/Form';
import { Page } from '../../components/Page';
import { downloadFile } from '../../download';
import { formatDate, formatOre, oreToInput, parseKronor, parseWhole } from '../../format';
import { type Loaded, useLoad } from '../../hooks';
import { ACTIVITY_KIND_LABELS, label, PARTICIPATION_LABELS } from '../../labels';
import type { ActivityPage, ActivityView, TimeReportAmounts, TimeReportView, WorkingGroupView } from '../../types';
import { ActivityFacts } from './TimeReportForm';
import { FiguresList, reportTitle } from './TimeReportPage';

/** Coordinator: the group's time reports that wait for attestation; confirm, adjust (with a reason) or reject (with a reason). */
export function AttestPage() {
  const { id = '' } = useParams();
  const [data, reload] = useLoad(
    () =>
      Promise.all([
        api.get<WorkingGroupView>(`/working-groups/${encodeURIComponent(id)}`),
        api.get<TimeReportView[]>(`/working-groups/${encodeURIComponent(id)}/time-reports?state=submitted`),
        // The group's activities, to show each report's activity next to it (the list may carry only its id).
        api.get<ActivityPage | ActivityView[]>(`/working-groups/${encodeURIComponent(id)}/activities`).then(
          (a) => itemsOf<ActivityView>(a),
          () => [] as ActivityView[],
        ),
      ]).then(([group, reports, activities]) => {
        const byId = new Map(activities.map((a) => [a.id, a]));
        return [group, reports.map((r) => ({ ...r, activity: r.activity ?? (r.activityId ? (byId.get(r.activityId) ?? null) : null) }))] as const;
      }),
    [id],
  );
  const [confirmation, setConfirmation] = useState('');
  if (data.status !== 'ok')
    return (
      <Page title="Attestera tidrapporter">
        {data.status === 'loading' ? <Working>Hämtar rapporterna …</Working> : <ErrorMessage error={data.error} title="Rapporterna kunde inte hämtas" />}
      </Page>
    );
  const [group, reports] = data.data;
  return (
    <Page title={`Attestera tidrapporter – ${group.group.name}`} intro={<p>Kontrollera att mötena har ägt rum och att tiderna och kostnaderna stämmer. Företrädaren ser ditt beslut och ditt skäl.</p>}>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      {reports.length === 0 ? (
        <NextStep>
          <p>Inga rapporter väntar på attest. När en företrädare skickar in en rapport visas den här och under Att göra nu.</p>
        </NextStep>
      ) : (
        <>
          <p>
            {reports.length} {reports.length === 1 ? 'rapport väntar' : 'rapporter väntar'} på attest.
          </p>
          {reports.map((r) => (
            <AttestOne
              key={r.id}
              report={r}
              onDone={async (msg) => {
                await reload();
                setConfirmation(msg);
              }}
            />
          ))}
        </>
      )}
    </Page>
  );
}

function AttestOne({ report: r, onDone }: { report: TimeReportView; onDone: (msg: string) => Promise<void> }) {
  const f = r.reported;
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const [adj, setAdj] = useState({
    dh: String(Math.floor(f.durationMinutes / 60)),
    dm: String(f.durationMinutes % 60),
    th: String(Math.floor(f.travelMinutes / 60)),
    tm: String(f.travelMinutes % 60),
    ticket: oreToInput(f.ticketCostOre),
    other: oreToInput(f.otherTravelCostOre),
    km: String(f.carKm),
  });
  const title = reportTitle(r);
  const headingId = `rapport-${r.id}`;
  // Who reported, from the amounts (the payout's own calculation names the person): in the heading and the form's
  // name, so that two people's reports of the same meeting are two different cards, also to a screen reader.
  const [amounts] = useLoad(() => api.get<TimeReportAmounts>(`/time-reports/${encodeURIComponent(r.id)}/amounts`), [r.id]);
  const who = amounts.status === 'ok' ? amounts.data.personName : '';
  return (
    <section className="group-box" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {r.activity ? title : `Möte ${title}`}
        {who && ` – ${who}`}
      </h2>
      <ReportAmounts amounts={amounts} />
      {r.activity && <ActivityFacts activity={r.activity} />}
      <p>
        {r.activity ? 'Deltog' : `${label(ACTIVITY_KIND_LABELS, r.kind)},`} {label(PARTICIPATION_LABELS, r.participation).toLowerCase()}. Sista dag för anspråket:{' '}
        <Deadline date={r.claimDeadline} prefix="" />
      </p>
      {r.description && <p>Företrädarens kommentar: {r.description}</p>}
      <FiguresList f={f} />
      {r.receipts.length > 0 && (
        <>
          <h3>Kvitton</h3>
          <ul>
            {r.receipts.map((k) => (
              <li key={k.id}>
                <ReceiptViewer reportId={r.id} receipt={k} />
              </li>
            ))}
          </ul>
        </>
      )}
      <Form
        idPrefix={`${r.id.slice(0, 8)}-`}
        label={`Beslut om mötet ${title}${who ? ` för ${who}` : ''}`}
        submitLabel="Spara beslutet"
        sendingLabel="Sparar beslutet …"
        onSubmit={async () => {
          const checks = {
            decision: !decision && 'Välj ett beslut.',
            reason: decision !== 'confirm' && decision !== '' && !reason.trim() && 'Skriv ett skäl. Företrädaren ser det.',
          };
          const num = (v: number) => (Number.isNaN(v) ? null : v);
          const body =
            decision === 'adjust'
              ? {
                  decision,
                  reason: reason.trim(),
                  durationMinutes: num(toMinutes(adj.dh, adj.dm)),
                  travelMinutes: num(toMinutes(adj.th, adj.tm)),
                  ticketCostOre: num(parseKronor(adj.ticket || '0')),
                  otherTravelCostOre: num(parseKronor(adj.other || '0')),
                  carKm: num(parseWhole(adj.km || '0')),
                }
              : { decision, ...(reason.trim() ? { reason: reason.trim() } : {}) };
          await sendChecked(checks, (extra) => api.post(`/time-reports/${r.id}/attestation`, { ...body, ...extra }));
          await onDone(
            decision === 'confirm'
              ? `Mötet ${title} är attesterat och kommer med i nästa utbetalning.`
              : decision === 'adjust'
                ? `Mötet ${title} är attesterat med justering. Företrädaren ser skälet.`
                : `Rapporten för mötet ${title} är avslagen. Företrädaren kan ändra och skicka in den igen.`,
          );
        }}
      >
        <RadioGroup
          name="decision"
          label="Beslut"
          value={decision}
          onChange={setDecision}
          options={[
            { value: 'confirm', label: 'Godkänn som rapporterad' },
            { value: 'adjust', label: 'Godkänn med justering' },
            { value: 'reject', label: 'Avslå' },
          ]}
        />
        {decision === 'adjust' && (
          <fieldset className="group-box">
            <legend>Justerade uppgifter</legend>
            <DurationField name="durationMinutes" label="Mötets längd" hours={adj.dh} minutes={adj.dm} onChange={(h, m) => setAdj({ ...adj, dh: h, dm: m })} />
            <DurationField name="travelMinutes" label="Restid" hours={adj.th} minutes={adj.tm} onChange={(h, m) => setAdj({ ...adj, th: h, tm: m })} />
            <TextField name="ticketCostOre" label="Biljetter, kronor" inputMode="decimal" width="short" value={adj.ticket} onChange={(v) => setAdj({ ...adj, ticket: v })} />
            <TextField name="otherTravelCostOre" label="Andra resekostnader, kronor" inputMode="decimal" width="short" value={adj.other} onChange={(v) => setAdj({ ...adj, other: v })} />
            <TextField name="carKm" label="Egen bil, km" inputMode="numeric" width="short" value={adj.km} onChange={(v) => setAdj({ ...adj, km: v })} />
          </fieldset>
        )}
        {decision && decision !== 'confirm' && <TextArea name="reason" label="Skäl" hint="Skriv så att företrädaren förstår varför." rows={3} value={reason} onChange={setReason} />}
      </Form>
    </section>
  );
}

/**
 * Who reported and what attesting the report as reported pays (GET /time-reports/:id/amounts, the payout's own
 * calculation): fee, travel and the employer contributions the payer pays on top (issue 17 #6).
 */
function ReportAmounts({ amounts }: { amounts: Loaded<TimeReportAmounts> }) {
  if (amounts.status === 'loading') return <Working>Räknar ut beloppen …</Working>;
  if (amounts.status === 'error') return <ErrorMessage error={amounts.error} title="Beloppen kunde inte räknas ut" />;
  const a = amounts.data;
  return (
    <>
      <p className="big-number">Företrädare: {a.personName}</p>
      <div className="info-box">
        <p>Om du godkänner rapporten som den är betalas:</p>
        <dl className="facts">
          <div>
            <dt>Arvode</dt>
            <dd>{formatOre(a.feeOre)} före skatt</dd>
          </div>
          <div>
            <dt>Reseersättning</dt>
            <dd>{formatOre(a.travelOre)}</dd>
          </div>
          <div>
            <dt>Arbetsgivaravgifter</dt>
            <dd>
              {a.contributionsOre === null
                ? 'Kan inte räknas ut ännu: företrädarens personuppgifter saknas.'
                : `${formatOre(a.contributionsOre)}, som betalaren betalar utöver arvodet`}
            </dd>
          </div>
        </dl>
        <p className="small">
          Samma beräkning som utbetalningen{a.rateTable ? ` (taxetabell ${a.rateTable})` : ''}, räknad {formatDate(a.asOf)}. Utbetalningen räknar om med sin egen dag och årets tidigare utbetalningar.
        </p>
      </div>
    </>
  );
}

/** A receipt opened in the page (a PDF in a frame, a picture as an image), with a download next to it. */
function ReceiptViewer({ reportId, receipt }: { reportId: string; receipt: TimeReportView['receipts'][number] }) {
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const path = `/time-reports/${reportId}/receipts/${receipt.id}`;
  useEffect(() => {
    if (!open) return;
    let made: string | null = null;
    let cancelled = false;
    setError(null);
    api
      .blob(path)
      .then((blob) => {
        if (cancelled) return;
        made = URL.createObjectURL(new Blob([blob], { type: receipt.contentType }));
        setUrl(made);
      })
      .catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [open, path, receipt.contentType]);
  const title = `Kvittot ${receipt.fileName}`;
  return (
    <>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Dölj' : 'Visa'} kvittot {receipt.fileName}
      </button>{' '}
      <button type="button" className="link-button" onClick={() => void downloadFile(path, receipt.fileName)}>
        Ladda ner<span className="visually-hidden"> kvittot {receipt.fileName}</span>
      </button>
      {open && error !== null && <ErrorMessage error={error} title="Kvittot kunde inte visas" />}
      {open && error === null && !url && <Working>Hämtar kvittot …</Working>}
      {open &&
        url &&
        (receipt.contentType.startsWith('image/') ? (
          <img className="receipt-image" src={url} alt={title} />
        ) : (
          <iframe className="document-frame" src={url} title={title} />
        ))}
    </>
  );
}
