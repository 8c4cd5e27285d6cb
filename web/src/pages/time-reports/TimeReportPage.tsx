import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api';
import { hasRole, useUser } from '../../auth';
import { Deadline } from '../../components/Deadline';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { FileField, Form, requireFields, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { downloadFile } from '../../download';
import { formatDate, formatDateTime, formatOre } from '../../format';
import { useLoad } from '../../hooks';
import { ACTIVITY_KIND_LABELS, ATTESTATION_LABELS, label, LINE_PAYOUT_STATE_LABELS, PARTICIPATION_LABELS, TIME_REPORT_STATE_LABELS } from '../../labels';
import type { Figures, TimeReportView } from '../../types';
import { activityTitle } from '../activities/activityText';
import { ActivityFacts, draftFromReport, reportBody, TimeReportFields, type ReportDraft } from './TimeReportForm';

/** What a report is about: its activity ("Arbetsmöte 3, 14 september 2026"), or the date and meeting of an older report. */
export function reportTitle(r: Pick<TimeReportView, 'activity' | 'activityDate' | 'meetingRef'>): string {
  if (r.activity) return r.activity.agreementActivity ? `${r.activity.title}, ${formatDate(r.activityDate)}` : activityTitle(r.activity);
  return `${formatDate(r.activityDate)}${r.meetingRef ? `, ${r.meetingRef}` : ''}`;
}

export function minutesText(m: number): string {
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return [h ? `${h} ${h === 1 ? 'timme' : 'timmar'}` : '', rest ? `${rest} minuter` : ''].filter(Boolean).join(' ') || '0 minuter';
}

export function FiguresList({ f }: { f: Figures }) {
  return (
    <dl className="facts">
      <div>
        <dt>Mötets längd</dt>
        <dd>{minutesText(f.durationMinutes)}</dd>
      </div>
      <div>
        <dt>Restid</dt>
        <dd>{minutesText(f.travelMinutes)}</dd>
      </div>
      <div>
        <dt>Biljetter</dt>
        <dd>{formatOre(f.ticketCostOre)}</dd>
      </div>
      <div>
        <dt>Andra resekostnader</dt>
        <dd>{formatOre(f.otherTravelCostOre)}</dd>
      </div>
      <div>
        <dt>Egen bil</dt>
        <dd>{f.carKm} km</dd>
      </div>
    </dl>
  );
}

/** One time report: what was reported, receipts, sending it in, and what became of it. */
export function TimeReportPage() {
  const { id = '' } = useParams();
  const me = useUser();
  const navigate = useNavigate();
  const [report, reload] = useLoad(() => api.get<TimeReportView>(`/time-reports/${encodeURIComponent(id)}`), [id]);
  const [confirmation, setConfirmation] = useState('');
  const [editing, setEditing] = useState(false);

  if (report.status !== 'ok')
    return (
      <Page title="Tidrapport">
        {report.status === 'loading' ? <Working>Hämtar rapporten …</Working> : <ErrorMessage error={report.error} title="Rapporten kunde inte visas" />}
      </Page>
    );
  const r = report.data;
  const mine = hasRole(me, 'representative') && me.personId === r.personId;
  const changeable = mine && (r.state === 'draft' || r.state === 'rejected' || r.state === 'submitted');
  const done = async (msg: string) => {
    await reload();
    setEditing(false);
    setConfirmation(msg);
  };

  return (
    <Page title={r.activity ? reportTitle(r) : `Möte ${reportTitle(r)}`}>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <p>
        <strong>{label(TIME_REPORT_STATE_LABELS, r.state)}</strong>
      </p>
      {r.activity && <ActivityFacts activity={r.activity} />}
      <dl className="facts">
        {!r.activity && (
          <div>
            <dt>Slag</dt>
            <dd>{label(ACTIVITY_KIND_LABELS, r.kind)}</dd>
          </div>
        )}
        <div>
          <dt>Deltog</dt>
          <dd>{label(PARTICIPATION_LABELS, r.participation)}</dd>
        </div>
        {r.description && (
          <div>
            <dt>Beskrivning</dt>
            <dd>{r.description}</dd>
          </div>
        )}
        {r.submittedAt && (
          <div>
            <dt>Inskickad</dt>
            <dd>{formatDateTime(r.submittedAt)}</dd>
          </div>
        )}
      </dl>
      <h2>Det du rapporterade</h2>
      <FiguresList f={r.reported} />

      {r.attestation.decision && (
        <section aria-labelledby="attest">
          <h2 id="attest">Samordnarens attest</h2>
          <p>
            <strong>{label(ATTESTATION_LABELS, r.attestation.decision)}</strong>
            {r.attestation.attestedAt ? `, ${formatDateTime(r.attestation.attestedAt)}` : ''}
          </p>
          {r.attestation.reason && <p>Skäl: {r.attestation.reason}</p>}
          {r.attestation.decision === 'adjusted' && r.attestation.attested && <FiguresList f={r.attestation.attested} />}
        </section>
      )}

      {r.payout && (
        <section aria-labelledby="utbetalning">
          <h2 id="utbetalning">Utbetalning</h2>
          <p>
            {label(LINE_PAYOUT_STATE_LABELS, r.payout.state)} ({r.payout.period}).
            {r.payout.holdReason ? ` Skäl: ${r.payout.holdReason}` : ''}
          </p>
        </section>
      )}

      <Receipts report={r} mine={changeable} onChange={done} />

      {changeable && !editing && (
        <p className="actions">
          <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
            Ändra rapporten
          </button>
        </p>
      )}
      {changeable && editing && <EditReport report={r} onSaved={() => done('Ändringarna är sparade.')} onCancel={() => setEditing(false)} />}

      {mine && (r.state === 'draft' || r.state === 'rejected') && !editing && (
        <section aria-labelledby="skicka">
          <h2 id="skicka">Skicka in</h2>
          <Form
            submitLabel="Skicka in rapporten"
            sendingLabel="Skickar in …"
            onSubmit={async () => {
              await api.post(`/time-reports/${r.id}/submit`);
              await done('Rapporten är inskickad till samordnaren för attest.');
            }}
          >
            <p>
              Skicka in <Deadline date={r.claimDeadline} />. Kontrollera att uppgifterna stämmer och att kvittona finns med.
            </p>
          </Form>
          <Form
            submitLabel="Ta bort rapporten"
            sendingLabel="Tar bort …"
            onSubmit={async () => {
              await api.delete(`/time-reports/${r.id}`);
              void navigate('/tidrapporter', { state: { confirmation: 'Rapporten är borttagen.' } });
            }}
          >
            <p>Rapporterade du fel möte? Då kan du ta bort rapporten.</p>
          </Form>
        </section>
      )}

      <NextStep>
        {r.state === 'draft' && (
          <p>
            Rapporten är inte inskickad. Skicka in den <Deadline date={r.claimDeadline} />, annars kan ersättningen inte betalas ut.
          </p>
        )}
        {r.state === 'submitted' && <p>Samordnaren attesterar rapporten. Därefter kommer ersättningen med nästa utbetalning.</p>}
        {r.state === 'rejected' && (
          <p>
            Rapporten är avslagen. Läs skälet ovan, ändra och skicka in igen <Deadline date={r.claimDeadline} />.
          </p>
        )}
        {r.state === 'attested' && !r.payout && <p>Rapporten är attesterad och kommer med i nästa utbetalning från {r.payerCode}.</p>}
        {r.state === 'attested' && r.payout && <p>Se utbetalningen ovan. Du får ett utbetalningsbesked när den är gjord.</p>}
      </NextStep>
    </Page>
  );
}

function EditReport({ report, onSaved, onCancel }: { report: TimeReportView; onSaved: () => Promise<void>; onCancel: () => void }) {
  const [draft, setDraft] = useState<ReportDraft>(() => draftFromReport(report));
  const update = (p: Partial<ReportDraft>) => setDraft((d) => ({ ...d, ...p }));
  return (
    <section aria-labelledby="andra">
      <h2 id="andra">Ändra rapporten</h2>
      <Form
        submitLabel="Spara ändringarna"
        sendingLabel="Sparar …"
        secondary={
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Avbryt
          </button>
        }
        onSubmit={async () => {
          await api.patch(`/time-reports/${report.id}`, reportBody(draft, report.activity, { withActivityId: false }));
          await onSaved();
        }}
      >
        <TimeReportFields draft={draft} update={update} activity={report.activity} />
      </Form>
    </section>
  );
}

function Receipts({ report, mine, onChange }: { report: TimeReportView; mine: boolean; onChange: (msg: string) => Promise<void> }) {
  const file = useRef<HTMLInputElement>(null);
  const [receiptDate, setReceiptDate] = useState('');
  const [uploads, setUploads] = useState(0);
  return (
    <section aria-labelledby="kvitton">
      <h2 id="kvitton">Kvitton</h2>
      {report.receipts.length === 0 ? (
        <p>Inga kvitton är uppladdade.</p>
      ) : (
        <ul>
          {report.receipts.map((k) => (
            <li key={k.id}>
              <button type="button" className="link-button" onClick={() => void downloadFile(`/time-reports/${report.id}/receipts/${k.id}`, k.fileName)}>
                {k.fileName}
              </button>{' '}
              <span className="small">
                ({Math.ceil(k.sizeBytes / 1024)} kB, kvitto från {formatDate(k.receiptDate)})
              </span>
              {mine && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={async () => {
                      await api.delete(`/time-reports/${report.id}/receipts/${k.id}`);
                      await onChange(`Kvittot ${k.fileName} är borttaget.`);
                    }}
                  >
                    Ta bort<span className="visually-hidden"> {k.fileName}</span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {mine && (
        <Form
          label="Ladda upp kvitto"
          submitLabel="Ladda upp kvittot"
          sendingLabel="Laddar upp …"
          onSubmit={async () => {
            const f = file.current?.files?.[0];
            requireFields({ file: !f && 'Välj en fil med kvittot.' });
            const body = new FormData();
            body.append('file', f!);
            if (receiptDate) body.append('receiptDate', receiptDate);
            await api.post(`/time-reports/${report.id}/receipts`, body);
            setUploads((n) => n + 1);
            setReceiptDate('');
            await onChange(`Kvittot ${f!.name} är uppladdat.`);
          }}
        >
          <FileField
            key={uploads}
            name="file"
            label="Fil med kvittot"
            hint="En bild (JPEG eller PNG) eller en PDF, högst 10 MB. Du kan fotografera kvittot med mobilen."
            accept="application/pdf,image/jpeg,image/png"
            inputRef={file}
          />
          <TextField name="receiptDate" label="Datum på kvittot" hint="Frivilligt. Annars används mötets datum." type="date" width="medium" value={receiptDate} onChange={setReceiptDate} required={false} />
        </Form>
      )}
    </section>
  );
}
