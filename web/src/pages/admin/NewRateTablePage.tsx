import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form, RadioGroup, sendChecked, SelectField, TextArea, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { bpToInput, formatDate, oreToInput, parseKronor, parsePercentToBp, parseWhole } from '../../format';
import { useDraft, useLoad } from '../../hooks';
import { FEE_MODE_LABELS, HOURLY_COUNTING_LABELS, HOURLY_SCOPE_LABELS, ROUNDING_LABELS } from '../../labels';
import type { PayingBody, RateTableView } from '../../types';

/** The form's fields, named by the API's field paths so its messages land next to the right field. */
type Draft = Record<string, string> & { base: string };

const PERCENT = ['fees.fullDayBp', 'fees.halfDayBp', 'fees.shortBp', 'fees.hourlyBp', 'contributions.fullRateBp', 'contributions.pensionOnlyRateBp', 'tax.sideIncomeRateBp'];
const KRONOR = ['pbbOre', 'contributions.yearThresholdOre', 'tax.yearThresholdOre', 'tax.minPaymentOre', 'mileage.taxFreeOrePerMil', 'mileage.reimbursedOrePerMil'];
const FIXED = ['fees.fixedOre.fullDayOre', 'fees.fixedOre.halfDayOre', 'fees.fixedOre.shortOre', 'fees.fixedOre.hourlyOre'];
const WHOLE = ['fees.shortMaxMinutes', 'fees.halfDayMaxMinutes', 'contributions.pensionOnlyFromAge', 'contributions.noneIfBornUpTo'];
const CHOICES = ['defaultFeeMode', 'rounding', 'hourly.counting', 'hourly.scope', 'contributions.rounding', 'tax.rounding'];

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function set(obj: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]] = value;
}

/** A draft from an existing table: the next year, same rules. */
function fromTable(t: RateTableView): Draft {
  const d: Draft = { base: t.code, code: '', payerCode: t.payerCode ?? '', validFrom: '', validTo: '', source: '' };
  for (const p of PERCENT) d[p] = bpToInput(get(t, p) as number);
  for (const p of KRONOR) d[p] = oreToInput(get(t, p) as number);
  for (const p of FIXED) d[p] = oreToInput(get(t, p) as number | null);
  for (const p of WHOLE) d[p] = String(get(t, p));
  for (const p of CHOICES) d[p] = String(get(t, p));
  const next = Number(t.validFrom.slice(0, 4)) + 1;
  d.validFrom = `${next}-01-01`;
  d.validTo = `${next}-12-31`;
  return d;
}

function toBody(d: Draft) {
  const body: Record<string, unknown> = { validFrom: d.validFrom, validTo: d.validTo };
  if (d.code.trim()) body.code = d.code.trim();
  if (d.payerCode) body.payerCode = d.payerCode;
  if (d.source.trim()) body.source = d.source.trim();
  for (const p of PERCENT) set(body, p, parsePercentToBp(d[p]));
  for (const p of KRONOR) set(body, p, parseKronor(d[p]));
  for (const p of WHOLE) set(body, p, parseWhole(d[p]));
  for (const p of CHOICES) set(body, p, d[p]);
  const fixed = FIXED.filter((p) => d[p].trim());
  if (fixed.length) for (const p of FIXED) set(body, p, d[p].trim() ? parseKronor(d[p]) : null);
  // NaN (a field that is not a number) travels as null: the API answers with the field's own message.
  return JSON.parse(JSON.stringify(body, (_k, v) => (typeof v === 'number' && Number.isNaN(v) ? null : v)));
}

/** Administrator: a new rate table, starting from an existing one (the newest national table unless another is chosen). */
export function NewRateTablePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [data] = useLoad(() => Promise.all([api.get<RateTableView[]>('/rate-tables'), api.get<PayingBody[]>('/paying-bodies')]), []);
  const [draft, update, clear] = useDraft<Draft>('ny-taxetabell', () => ({ base: '' }) as Draft);
  const wanted = params.get('utga-fran');

  useEffect(() => {
    if (data.status !== 'ok') return;
    const tables = data.data[0];
    if (draft.base && (!wanted || wanted === draft.base)) return;
    const base = tables.find((t) => t.code === wanted) ?? [...tables].reverse().find((t) => t.payerCode === null) ?? tables[tables.length - 1];
    if (base) update(fromTable(base));
  }, [data, wanted, draft.base, update]);

  if (data.status === 'loading' || (data.status === 'ok' && data.data[0].length > 0 && !draft.base))
    return (
      <Page title="Ny taxetabell">
        <Working>Hämtar tabellerna …</Working>
      </Page>
    );
  if (data.status === 'error')
    return (
      <Page title="Ny taxetabell">
        <ErrorMessage error={data.error} title="Tabellerna kunde inte hämtas" />
      </Page>
    );
  const payers = data.data[1];
  const field = (name: string, label: string, hint?: string, width: 'short' | 'medium' = 'short') => (
    <TextField name={name} label={label} hint={hint} value={draft[name] ?? ''} onChange={(v) => update({ [name]: v })} inputMode="decimal" width={width} />
  );
  const choice = (name: string, label: string, options: Record<string, string>) => (
    <SelectField name={name} label={label} value={draft[name] ?? ''} onChange={(v) => update({ [name]: v })} options={Object.entries(options).map(([value, l]) => ({ value, label: l }))} />
  );

  async function submit() {
    const notNumber: Record<string, string | false> = {};
    for (const p of PERCENT) notNumber[p] = Number.isNaN(parsePercentToBp(draft[p] ?? '')) && 'Skriv procentsatsen som ett tal, till exempel 3,6.';
    for (const p of KRONOR) notNumber[p] = Number.isNaN(parseKronor(draft[p] ?? '')) && 'Skriv beloppet i kronor, till exempel 59 200.';
    for (const p of FIXED) notNumber[p] = !!draft[p]?.trim() && Number.isNaN(parseKronor(draft[p])) && 'Skriv beloppet i kronor, eller lämna tomt.';
    for (const p of WHOLE) notNumber[p] = Number.isNaN(parseWhole(draft[p] ?? '')) && 'Skriv ett heltal.';
    const created = await sendChecked(notNumber, (extra) => api.post<RateTableView>('/rate-tables', { ...toBody(draft), ...extra }));
    clear();
    void navigate(`/administration/taxetabeller/${encodeURIComponent(created.code)}`, { state: { confirmation: `Taxetabellen ${created.code} är sparad. Den används för aktiviteter från ${formatDate(created.validFrom)}.` } });
  }

  return (
    <Page
      title="Ny taxetabell"
      intro={
        <p>
          Formuläret är ifyllt med värdena från tabellen {draft.base}. Ändra det som är nytt, oftast giltighetstiden och prisbasbeloppet. Procent skrivs som
          till exempel 3,6 och belopp i kronor.
        </p>
      }
    >
      <Form onSubmit={submit} submitLabel="Spara taxetabellen" sendingLabel="Sparar tabellen …" secondary={<Link to="/administration/taxetabeller">Avbryt</Link>}>
        <h2>Giltighet</h2>
        <SelectField
          name="payerCode"
          label="Gäller för"
          value={draft.payerCode}
          onChange={(v) => update({ payerCode: v })}
          options={[{ value: '', label: 'Nationell tabell (alla betalare utan egen tabell)' }, ...payers.map((p) => ({ value: p.code, label: p.name }))]}
        />
        <TextField name="validFrom" label="Första dag" type="date" width="medium" value={draft.validFrom} onChange={(v) => update({ validFrom: v })} />
        <TextField name="validTo" label="Sista dag" hint="Inom samma kalenderår, eftersom prisbasbeloppet gäller ett år." type="date" width="medium" value={draft.validTo} onChange={(v) => update({ validTo: v })} />
        <TextField name="code" label="Tabellens kod" hint="Frivilligt. Utan kod blir den till exempel nationell-2027." width="medium" value={draft.code} onChange={(v) => update({ code: v })} required={false} />
        {field('pbbOre', 'Prisbasbelopp i kronor', 'Till exempel 59 200 för 2026.', 'medium')}
        <h2>Arvoden</h2>
        {field('fees.fullDayBp', 'Heldag, procent av prisbasbeloppet')}
        {field('fees.halfDayBp', 'Halvdag, procent av prisbasbeloppet')}
        {field('fees.shortBp', 'Kortare insats, procent av prisbasbeloppet')}
        {field('fees.hourlyBp', 'Per timme, procent av prisbasbeloppet')}
        {field('fees.shortMaxMinutes', 'Längsta kortare insats i minuter, inklusive restid')}
        {field('fees.halfDayMaxMinutes', 'Längsta halvdag i minuter, inklusive restid')}
        <RadioGroup name="defaultFeeMode" label="Arvodesform om överenskommelsen inte säger annat" value={draft.defaultFeeMode} onChange={(v) => update({ defaultFeeMode: v })} options={Object.entries(FEE_MODE_LABELS).map(([value, l]) => ({ value, label: l }))} />
        {choice('hourly.scope', 'När timarvode används', HOURLY_SCOPE_LABELS)}
        {choice('hourly.counting', 'Hur delar av timmar räknas', HOURLY_COUNTING_LABELS)}
        {choice('rounding', 'Avrundning av arvoden', ROUNDING_LABELS)}
        <h3>Fasta belopp (frivilligt)</h3>
        <p className="hint">Bara för betalare vars regler anger kronor i stället för procent. Lämna tomt annars.</p>
        {field('fees.fixedOre.fullDayOre', 'Heldag i kronor')}
        {field('fees.fixedOre.halfDayOre', 'Halvdag i kronor')}
        {field('fees.fixedOre.shortOre', 'Kortare insats i kronor')}
        {field('fees.fixedOre.hourlyOre', 'Per timme i kronor')}
        <h2>Arbetsgivaravgifter</h2>
        {field('contributions.fullRateBp', 'Full arbetsgivaravgift i procent')}
        {field('contributions.pensionOnlyRateBp', 'Bara ålderspensionsavgift, procent')}
        {field('contributions.pensionOnlyFromAge', 'Ålder vid årets början från vilken bara ålderspensionsavgiften tas ut')}
        {field('contributions.noneIfBornUpTo', 'Inga avgifter för den som är född detta år eller tidigare')}
        {field('contributions.yearThresholdOre', 'Inga avgifter så länge årets ersättning är under (kronor)')}
        {choice('contributions.rounding', 'Avrundning av arbetsgivaravgifter', ROUNDING_LABELS)}
        <h2>Skatteavdrag</h2>
        {field('tax.sideIncomeRateBp', 'Skatteavdrag för sidoinkomst i procent')}
        {field('tax.yearThresholdOre', 'Inget skatteavdrag om årets ersättning väntas bli under (kronor)')}
        {field('tax.minPaymentOre', 'Inget skatteavdrag på en utbetalning under (kronor)')}
        {choice('tax.rounding', 'Avrundning av skatteavdrag', ROUNDING_LABELS)}
        <h2>Bilersättning</h2>
        {field('mileage.taxFreeOrePerMil', 'Skattefri bilersättning, kronor per mil')}
        {field('mileage.reimbursedOrePerMil', 'Betalarens bilersättning, kronor per mil', 'Det som är över den skattefria delen är skattepliktigt.')}
        <TextArea name="source" label="Källa" hint="Till exempel SFS-nummer, Skatteverket eller regionens beslut." rows={3} value={draft.source} onChange={(v) => update({ source: v })} required={false} />
      </Form>
      <NextStep>
        <p>Tabellen börjar användas för utbetalningar med aktiviteter från första giltighetsdagen. Den kan inte ändras efteråt; gör i så fall en ny tabell.</p>
      </NextStep>
    </Page>
  );
}
