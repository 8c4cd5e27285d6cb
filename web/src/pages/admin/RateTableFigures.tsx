import { RadioGroup, SelectField, TextArea, TextField } from '../../components/Form';
import { bpToInput, oreToInput, parseKronor, parsePercentToBp, parseWhole } from '../../format';
import { FEE_MODE_LABELS, HOURLY_COUNTING_LABELS, HOURLY_SCOPE_LABELS, ROUNDING_LABELS } from '../../labels';
import type { RateTableView } from '../../types';

/**
 * A rate table's figures as a form (the new table's and the new version's, issue 18 #7): fields named by the API's
 * field paths so its messages land next to the right field; percent as 3,6 and amounts in kronor.
 */
export type Figures = Record<string, string>;

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

/**
 * The form's values from a stored table's figures (and its source, empty: a new table says its own). A new version of
 * the same year keeps the table's reductions for young people as they are (they are that year's law, issue 18 #5, and
 * not edited in this form); a table for another year starts without them, as a reduction holds within its table's year.
 */
export function figuresOf(t: RateTableView, keepReductions = false): Figures {
  const d: Figures = { source: '' };
  for (const p of PERCENT) d[p] = bpToInput(get(t, p) as number);
  for (const p of KRONOR) d[p] = oreToInput(get(t, p) as number);
  for (const p of FIXED) d[p] = oreToInput(get(t, p) as number | null);
  for (const p of WHOLE) d[p] = String(get(t, p));
  for (const p of CHOICES) d[p] = String(get(t, p));
  if (keepReductions) d['contributions.reductions'] = JSON.stringify(t.contributions.reductions ?? []);
  return d;
}

/** The request body's figures from the form's values, into `body`. */
export function putFigures(body: Record<string, unknown>, d: Figures): Record<string, unknown> {
  if (d.source?.trim()) body.source = d.source.trim();
  for (const p of PERCENT) set(body, p, parsePercentToBp(d[p] ?? ''));
  for (const p of KRONOR) set(body, p, parseKronor(d[p] ?? ''));
  for (const p of WHOLE) set(body, p, parseWhole(d[p] ?? ''));
  for (const p of CHOICES) set(body, p, d[p]);
  const fixed = FIXED.filter((p) => d[p]?.trim());
  if (fixed.length) for (const p of FIXED) set(body, p, d[p]?.trim() ? parseKronor(d[p]) : null);
  if (d['contributions.reductions']) set(body, 'contributions.reductions', JSON.parse(d['contributions.reductions']));
  // NaN (a field that is not a number) travels as null: the API answers with the field's own message.
  return JSON.parse(JSON.stringify(body, (_k, v) => (typeof v === 'number' && Number.isNaN(v) ? null : v))) as Record<string, unknown>;
}

/** The checks made before sending (for sendChecked): a number field that is not a number gets its message next to it. */
export function figureChecks(d: Figures): Record<string, string | false> {
  const notNumber: Record<string, string | false> = {};
  for (const p of PERCENT) notNumber[p] = Number.isNaN(parsePercentToBp(d[p] ?? '')) && 'Skriv procentsatsen som ett tal, till exempel 3,6.';
  for (const p of KRONOR) notNumber[p] = Number.isNaN(parseKronor(d[p] ?? '')) && 'Skriv beloppet i kronor, till exempel 59 200.';
  for (const p of FIXED) notNumber[p] = !!d[p]?.trim() && Number.isNaN(parseKronor(d[p])) && 'Skriv beloppet i kronor, eller lämna tomt.';
  for (const p of WHOLE) notNumber[p] = Number.isNaN(parseWhole(d[p] ?? '')) && 'Skriv ett heltal.';
  return notNumber;
}

/** The figures' fields, in the form's order: fees, contributions, tax, mileage and the source. */
export function FigureFields({ draft, update, pbbHint = 'Till exempel 59 200 för 2026.' }: { draft: Figures; update: (patch: Figures) => void; pbbHint?: string }) {
  const field = (name: string, label: string, hint?: string, width: 'short' | 'medium' = 'short') => (
    <TextField name={name} label={label} hint={hint} value={draft[name] ?? ''} onChange={(v) => update({ [name]: v })} inputMode="decimal" width={width} />
  );
  const choice = (name: string, label: string, options: Record<string, string>) => (
    <SelectField name={name} label={label} value={draft[name] ?? ''} onChange={(v) => update({ [name]: v })} options={Object.entries(options).map(([value, l]) => ({ value, label: l }))} />
  );
  return (
    <>
      {field('pbbOre', 'Prisbasbelopp i kronor', pbbHint, 'medium')}
      <h2>Arvoden</h2>
      {field('fees.fullDayBp', 'Heldag, procent av prisbasbeloppet')}
      {field('fees.halfDayBp', 'Halvdag, procent av prisbasbeloppet')}
      {field('fees.shortBp', 'Kortare insats, procent av prisbasbeloppet')}
      {field('fees.hourlyBp', 'Per timme, procent av prisbasbeloppet')}
      {field('fees.shortMaxMinutes', 'Längsta kortare insats i minuter, inklusive restid')}
      {field('fees.halfDayMaxMinutes', 'Längsta halvdag i minuter, inklusive restid')}
      <RadioGroup name="defaultFeeMode" label="Arvodesform om överenskommelsen inte säger annat" value={draft.defaultFeeMode ?? ''} onChange={(v) => update({ defaultFeeMode: v })} options={Object.entries(FEE_MODE_LABELS).map(([value, l]) => ({ value, label: l }))} />
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
      <TextArea name="source" label="Källa" hint="Till exempel SFS-nummer, Skatteverket eller regionens beslut." rows={3} value={draft.source ?? ''} onChange={(v) => update({ source: v })} required={false} />
    </>
  );
}
