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
import type { BatchView, PayingBody, PayoutBatch } from '../../types';

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

/** Finance: the payer's payout runs, newest period first, and starting a run for a period by hand. */
export function PayoutRunsPage() {
  const user = useUser();
  const navigate = useNavigate();
  const payer = user.payerCode ?? '';
  const [data, reload] = useLoad(
    () => Promise.all([api.get<PayoutBatch[]>(`/payers/${encodeURIComponent(payer)}/payout-runs`), api.get<PayingBody[]>('/paying-bodies')]),
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
      void navigate(`/utbetalningar/${ready.id}`, { state: { confirmation: `Utbetalningen för ${ready.label} är sammanställd.` } });
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
  const [batches, payers] = data.data;
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
              void navigate(`/utbetalningar/${res.batch.batch.id}`, { state: { confirmation: `Utbetalningen för ${res.batch.batch.label} är sammanställd.` } });
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
