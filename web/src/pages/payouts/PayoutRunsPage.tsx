import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { useUser } from '../../auth';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Checkbox, Form, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDate, formatOre, todayInStockholm } from '../../format';
import { useLoad } from '../../hooks';
import { BATCH_STATE_LABELS, label } from '../../labels';
import type { BatchView, PayingBody, PayoutBatch, PayoutWorklist } from '../../types';

/** The period that ended most recently: last month (YYYY-MM) or last quarter (YYYY-Qn). */
export function previousPeriod(frequency: string, today = todayInStockholm()): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  if (frequency === 'quarterly') {
    const q = Math.floor((m - 1) / 3);
    return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
  }
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * What the run's page says when a run is opened after "Sammanställ": a new draft is put together ("Klart"), but a
 * run that was already approved (or cancelled) is only opened, and the page says so (issue 17 #3).
 */
export function openedState(b: Pick<PayoutBatch, 'label' | 'state'>): { confirmation: string } | { notice: string } {
  if (b.state === 'draft') return { confirmation: `Utbetalningen för ${b.label} är sammanställd.` };
  if (b.state === 'approved')
    return {
      notice: `Utbetalningen för ${b.label} var redan godkänd, så ingen ny har sammanställts. Här är den. Rader som har attesterats efter godkännandet betalas i en kompletteringsomgång.`,
    };
  return { notice: `Utbetalningen för ${b.label} är avslagen. Här är den; dess rader följer med nästa utbetalning.` };
}

/** Finance: the payer's payout runs, newest period first, and starting a run for a period by hand. */
export function PayoutRunsPage() {
  const user = useUser();
  const navigate = useNavigate();
  const payer = user.payerCode ?? '';
  const [data, reload] = useLoad(
    () =>
      Promise.all([
        api.get<PayoutBatch[]>(`/payers/${encodeURIComponent(payer)}/payout-runs`),
        api.get<PayingBody[]>('/paying-bodies'),
        api.get<PayoutWorklist>(`/payers/${encodeURIComponent(payer)}/payout-worklist`),
      ]),
    [payer],
  );
  const [period, setPeriod] = useState('');
  const [supplementary, setSupplementary] = useState(false);
  /** A run that was started but whose draft was not ready when the API answered: the page looks again until it is. */
  const [waitingFor, setWaitingFor] = useState<{ period: string; supplementary: boolean; workflowId: string } | null>(null);
  const ready = waitingFor && data.status === 'ok' ? data.data[0].find((b) => b.workflowId === waitingFor.workflowId) : undefined;

  useEffect(() => {
    if (!waitingFor) return;
    if (ready) {
      void navigate(`/utbetalningar/${ready.id}`, { state: openedState(ready) });
      return;
    }
    const t = setInterval(() => void reload(), 2000);
    return () => clearInterval(t);
  }, [waitingFor, ready, reload, navigate]);

  if (!payer)
    return (
      <Page title="Utbetalningar">
        <p>Ditt konto är inte kopplat till någon betalare. Be en administratör lägga till det.</p>
      </Page>
    );
  if (data.status !== 'ok')
    return (
      <Page title="Utbetalningar">
        {data.status === 'loading' ? <Working>Hämtar utbetalningarna …</Working> : <ErrorMessage error={data.error} title="Utbetalningarna kunde inte hämtas" />}
      </Page>
    );
  const [batches, payers, worklist] = data.data;
  const body = payers.find((p) => p.code.toUpperCase() === payer.toUpperCase());
  const frequency = body?.payoutFrequency ?? 'monthly';
  const drafts = batches.filter((b) => b.state === 'draft');
  return (
    <Page title={`Utbetalningar – ${body?.name ?? payer}`} intro={<p>Attesterade tidrapporter samlas i en utbetalning {frequency === 'quarterly' ? 'varje kvartal' : 'varje månad'}. Granska utkastet, håll inne rader som behöver utredas och godkänn.</p>}>
      <NextStep title="Att göra">
        {drafts.length === 0 ? (
          <p>Inga utkast väntar på godkännande.</p>
        ) : (
          <ul>
            {drafts.map((b) => (
              <li key={b.id}>
                <Link to={`/utbetalningar/${b.id}`}>Granska och godkänn {b.label}</Link> ({b.personCount} personer, {formatOre(b.netOre)} att betala ut)
              </li>
            ))}
          </ul>
        )}
      </NextStep>
      <Worklist
        worklist={worklist}
        onSupplementary={async (p) => {
          const res = await api.post<{ workflowId: string; batch: BatchView | null }>(`/payers/${encodeURIComponent(payer)}/payout-runs`, { period: p, supplementary: true });
          if (res.batch) {
            void navigate(`/utbetalningar/${res.batch.batch.id}`, { state: openedState(res.batch.batch) });
            return;
          }
          setWaitingFor({ period: p, supplementary: true, workflowId: res.workflowId });
        }}
      />
      <section aria-labelledby="starta">
        <h2 id="starta">Sammanställ en utbetalning</h2>
        <p>
          Utbetalningen sammanställs av sig själv när perioden är slut. Du kan också göra det för hand, från dagen efter periodens sista dag. Rader som attesteras
          efter att periodens utbetalning godkänts betalas i en kompletteringsomgång för perioden (eller med nästa periods utbetalning).
        </p>
        {waitingFor && (
          <Working>
            {waitingFor.supplementary ? 'Kompletteringsomgången' : 'Utbetalningen'} för {waitingFor.period} sammanställs. Sidan går vidare av sig själv när den är klar.
          </Working>
        )}
        <Form
          submitLabel="Sammanställ"
          sendingLabel="Sammanställer utbetalningen. Det kan ta en stund …"
          onSubmit={async () => {
            const wanted = period.trim() || previousPeriod(frequency);
            const res = await api.post<{ workflowId: string; batch: BatchView | null }>(`/payers/${encodeURIComponent(payer)}/payout-runs`, {
              period: wanted,
              ...(supplementary ? { supplementary: true } : {}),
            });
            if (res.batch) {
              void navigate(`/utbetalningar/${res.batch.batch.id}`, { state: openedState(res.batch.batch) });
              return;
            }
            setWaitingFor({ period: wanted, supplementary, workflowId: res.workflowId });
          }}
        >
          <TextField
            name="period"
            label="Period"
            hint={`${frequency === 'quarterly' ? 'Kvartal, till exempel 2026-Q3' : 'Månad, till exempel 2026-09'}. Lämna tomt för ${previousPeriod(frequency)}.`}
            width="medium"
            value={period}
            onChange={setPeriod}
            required={false}
          />
          <Checkbox
            name="supplementary"
            label="Kompletteringsomgång"
            hint="För attesterade rader i perioden som inte kom med när periodens utbetalning godkändes."
            checked={supplementary}
            onChange={setSupplementary}
          />
        </Form>
      </section>
      <section aria-labelledby="alla">
        <h2 id="alla">Alla utbetalningar</h2>
        {batches.length === 0 ? (
          <p>Inga utbetalningar ännu.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="utbetalningstabell" tabIndex={0}>
            <table>
              <caption id="utbetalningstabell">Utbetalningar, senaste perioden först</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Läge</th>
                  <th scope="col">Utbetalningsdag</th>
                  <th scope="col" className="number">
                    Netto
                  </th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      <Link to={`/utbetalningar/${b.id}`}>{b.label}</Link>
                    </th>
                    <td>{label(BATCH_STATE_LABELS, b.state)}</td>
                    <td>{b.paymentDate ? formatDate(b.paymentDate) : '–'}</td>
                    <td className="number">{formatOre(b.netOre)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link to="/utbetalningar/arssammanstallning">Årssammanställning per person</Link>
        </p>
      </section>
    </Page>
  );
}

const NEXT_TEXT: Record<PayoutWorklist['waiting'][number]['next'], string> = {
  'ordinary-run-after-period': 'Kommer med i periodens ordinarie utbetalning, som sammanställs',
  'ordinary-run-due': 'Perioden är slut. Den ordinarie utbetalningen sammanställs av sig själv',
  'after-open-draft': 'Kom inte med i utkastet som väntar på godkännande. Godkänn eller avslå utkastet; sedan betalas raderna i en kompletteringsomgång. Från',
  'supplementary-run': 'Periodens utbetalning är redan godkänd. Raderna betalas i en kompletteringsomgång, som kan göras från',
};

/** Attested lines waiting for a run, per period, with what happens to them and when (GET /payers/:code/payout-worklist). */
function Worklist({ worklist, onSupplementary }: { worklist: PayoutWorklist; onSupplementary: (period: string) => Promise<void> }) {
  return (
    <section aria-labelledby="vantar">
      <h2 id="vantar">Attesterade rader som väntar</h2>
      <p>
        Nästa ordinarie utbetalning gäller {worklist.nextRun.label} och sammanställs <time dateTime={worklist.nextRun.date}>{formatDate(worklist.nextRun.date)}</time>.
      </p>
      {worklist.waiting.length === 0 ? (
        <p>Inga attesterade rader väntar: allt som har attesterats finns i en utbetalning.</p>
      ) : (
        <ul className="task-list">
          {worklist.waiting.map((w) => (
            <li key={w.period} className="task">
              <h3 className="task-title">
                {w.label}: {w.lines} {w.lines === 1 ? 'rad' : 'rader'} för {w.persons} {w.persons === 1 ? 'person' : 'personer'}
              </h3>
              <p>
                {NEXT_TEXT[w.next]} <time dateTime={w.runDate}>{formatDate(w.runDate)}</time>.
              </p>
              {w.latestRun && w.next === 'after-open-draft' && (
                <p>
                  <Link to={`/utbetalningar/${w.latestRun.id}`}>Öppna utkastet för {w.label}</Link>
                </p>
              )}
              {w.next === 'supplementary-run' && (
                <Form submitLabel={`Gör kompletteringsomgång för ${w.label}`} sendingLabel="Sammanställer kompletteringsomgången …" onSubmit={() => onSupplementary(w.period)}>
                  {null}
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
