import { useState } from 'react';
import { api } from '../api';
import { Confirmation, NextStep } from '../components/Feedback';
import { Checkbox, Form, RadioGroup, SelectField, TextField } from '../components/Form';
import { Page } from '../components/Page';
import { formatDate, formatOre, parseKronor, parseWhole } from '../format';
import { useDraft, useLoad } from '../hooks';
import { ACTIVITY_KIND_LABELS, FEE_MODE_LABELS, FEE_TIER_LABELS, label, LINE_KIND_LABELS } from '../labels';
import type { PayingBody } from '../types';

interface ActivityDraft {
  date: string;
  kind: string;
  durationMinutes: string;
  travelMinutes: string;
  ticket: string;
  receipt: boolean;
  carKm: string;
}

interface Draft {
  payerCode: string;
  birthYear: string;
  feeMode: string;
  earlierPayouts: string;
  activities: ActivityDraft[];
}

interface FeeLine {
  kind: string;
  activityIndex?: number;
  date?: string;
  tier?: string;
  minutes?: number;
  amountOre: number;
  ruleText: string;
  table: { code: string; version: number };
}

interface FeePreview {
  status: 'calculated' | 'refused';
  refusal: { message: string } | null;
  payer: { name: string };
  paymentDate: string;
  lines: FeeLine[];
  totals: { feesOre: number; taxFreeTravelOre: number; taxableTravelOre: number; contributionsOre: number; taxWithheldOre: number; grossOre: number; netToPayeeOre: number; costToPayerOre: number };
  notices: string[];
}

const emptyActivity = (): ActivityDraft => ({ date: '', kind: 'meeting', durationMinutes: '', travelMinutes: '0', ticket: '', receipt: true, carKm: '' });

/** Coordinator, finance, administrator: what a payout would be (POST /fees/preview), line by line with the rule used. */
export function FeePreviewPage() {
  const [payers] = useLoad(() => api.get<PayingBody[]>('/paying-bodies'), []);
  const [draft, update] = useDraft<Draft>('berakna', () => ({ payerCode: 'SKR', birthYear: '', feeMode: '', earlierPayouts: '0', activities: [emptyActivity()] }));
  const [result, setResult] = useState<FeePreview | null>(null);
  const setActivity = (i: number, patch: Partial<ActivityDraft>) => update({ activities: draft.activities.map((a, j) => (j === i ? { ...a, ...patch } : a)) });

  async function submit() {
    setResult(null);
    const body = {
      payerCode: draft.payerCode,
      birthYear: parseWhole(draft.birthYear),
      earlierPayoutsOre: parseKronor(draft.earlierPayouts || '0'),
      ...(draft.feeMode ? { feeMode: draft.feeMode } : {}),
      activities: draft.activities.map((a) => ({
        date: a.date,
        kind: a.kind,
        durationMinutes: parseWhole(a.durationMinutes),
        travelMinutes: parseWhole(a.travelMinutes || '0'),
        ...(a.ticket.trim() ? { tickets: [{ amountOre: parseKronor(a.ticket), receipt: a.receipt }] } : {}),
        ...(a.carKm.trim() ? { carKm: parseWhole(a.carKm) } : {}),
      })),
    };
    setResult(await api.post<FeePreview>('/fees/preview', JSON.parse(JSON.stringify(body, (_k, v) => (typeof v === 'number' && Number.isNaN(v) ? null : v)))));
  }

  return (
    <Page title="Räkna ut ersättning" intro={<p>Se vad en utbetalning skulle bli: arvode per möte, reseersättning, arbetsgivaravgifter och skatteavdrag, med den regel och taxetabell som används. Inget sparas.</p>}>
      <Form onSubmit={submit} submitLabel="Räkna ut" sendingLabel="Räknar …">
        <SelectField
          name="payerCode"
          label="Betalare"
          value={draft.payerCode}
          onChange={(v) => update({ payerCode: v })}
          options={payers.status === 'ok' ? payers.data.map((p) => ({ value: p.code, label: p.name })) : [{ value: 'SKR', label: 'SKR' }]}
        />
        <TextField name="birthYear" label="Mottagarens födelseår" hint="Avgör arbetsgivaravgiften. Till exempel 1958." inputMode="numeric" width="short" value={draft.birthYear} onChange={(v) => update({ birthYear: v })} />
        <TextField name="earlierPayoutsOre" label="Arvoden som betalaren redan betalat ut i år, i kronor" inputMode="decimal" width="medium" value={draft.earlierPayouts} onChange={(v) => update({ earlierPayouts: v })} />
        <RadioGroup
          name="feeMode"
          label="Arvodesform"
          value={draft.feeMode}
          onChange={(v) => update({ feeMode: v })}
          options={[{ value: '', label: 'Som taxetabellen säger' }, ...Object.entries(FEE_MODE_LABELS).map(([value, l]) => ({ value, label: l }))]}
        />
        {draft.activities.map((a, i) => (
          <fieldset className="group-box" key={i}>
            <legend>Aktivitet {i + 1}</legend>
            <TextField name={`activities.${i}.date`} label="Datum" type="date" width="medium" value={a.date} onChange={(v) => setActivity(i, { date: v })} />
            <SelectField name={`activities.${i}.kind`} label="Slag" value={a.kind} onChange={(v) => setActivity(i, { kind: v })} options={Object.entries(ACTIVITY_KIND_LABELS).map(([value, l]) => ({ value, label: l }))} />
            <TextField name={`activities.${i}.durationMinutes`} label="Mötets längd i minuter, utan restid" inputMode="numeric" width="short" value={a.durationMinutes} onChange={(v) => setActivity(i, { durationMinutes: v })} />
            <TextField name={`activities.${i}.travelMinutes`} label="Restid i minuter" inputMode="numeric" width="short" value={a.travelMinutes} onChange={(v) => setActivity(i, { travelMinutes: v })} />
            <TextField name={`activities.${i}.tickets`} label="Biljetter i kronor" required={false} inputMode="decimal" width="short" value={a.ticket} onChange={(v) => setActivity(i, { ticket: v })} />
            {a.ticket.trim() && <Checkbox name={`activities.${i}.receipt`} label="Kvitto finns" checked={a.receipt} onChange={(v) => setActivity(i, { receipt: v })} />}
            <TextField name={`activities.${i}.carKm`} label="Körsträcka med egen bil, km tur och retur" required={false} inputMode="numeric" width="short" value={a.carKm} onChange={(v) => setActivity(i, { carKm: v })} />
            {draft.activities.length > 1 && (
              <button type="button" className="button button-secondary" onClick={() => update({ activities: draft.activities.filter((_, j) => j !== i) })}>
                Ta bort aktivitet {i + 1}
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button type="button" className="button button-secondary" onClick={() => update({ activities: [...draft.activities, emptyActivity()] })}>
            Lägg till en aktivitet
          </button>
        </p>
      </Form>
      {result && <PreviewResult result={result} />}
    </Page>
  );
}

function PreviewResult({ result }: { result: FeePreview }) {
  return (
    <section aria-labelledby="resultat">
      <Confirmation>
        <p>Uträkningen är klar. Betalare: {result.payer.name}, utbetalning {formatDate(result.paymentDate)}.</p>
      </Confirmation>
      <h2 id="resultat">Resultat</h2>
      {result.refusal && (
        <div className="info-box">
          <p>{result.refusal.message}</p>
        </div>
      )}
      <div className="table-wrap" role="region" aria-labelledby="rader" tabIndex={0}>
        <table>
          <caption id="rader">Rader</caption>
          <thead>
            <tr>
              <th scope="col">Rad</th>
              <th scope="col">Regel</th>
              <th scope="col" className="number">
                Belopp
              </th>
            </tr>
          </thead>
          <tbody>
            {result.lines.map((l, i) => (
              <tr key={i}>
                <th scope="row">
                  {label(LINE_KIND_LABELS, l.kind) || l.kind}
                  {l.tier ? `, ${label(FEE_TIER_LABELS, l.tier)}` : ''}
                  {l.date ? ` ${formatDate(l.date)}` : ''}
                </th>
                <td>
                  {l.ruleText} <span className="small">(tabell {l.table.code})</span>
                </td>
                <td className="number">{formatOre(l.amountOre)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts">
        <div>
          <dt>Arvoden</dt>
          <dd>{formatOre(result.totals.feesOre)}</dd>
        </div>
        <div>
          <dt>Skattefri reseersättning</dt>
          <dd>{formatOre(result.totals.taxFreeTravelOre)}</dd>
        </div>
        <div>
          <dt>Skatteavdrag</dt>
          <dd>{formatOre(result.totals.taxWithheldOre)}</dd>
        </div>
        <div>
          <dt>Till mottagarens konto</dt>
          <dd>
            <strong>{formatOre(result.totals.netToPayeeOre)}</strong>
          </dd>
        </div>
        <div>
          <dt>Arbetsgivaravgifter</dt>
          <dd>{formatOre(result.totals.contributionsOre)}</dd>
        </div>
        <div>
          <dt>Kostnad för betalaren</dt>
          <dd>{formatOre(result.totals.costToPayerOre)}</dd>
        </div>
      </dl>
      {result.notices.length > 0 && (
        <NextStep title="Att berätta för mottagaren">
          <ul>
            {result.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </NextStep>
      )}
    </section>
  );
}
