import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form, SelectField, sendChecked, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDate } from '../../format';
import { useDraft, useLoad } from '../../hooks';
import type { PayingBody, RateTableView } from '../../types';
import { FigureFields, figureChecks, type Figures, figuresOf, putFigures } from './RateTableFigures';

/** The form's fields, named by the API's field paths so its messages land next to the right field. */
type Draft = Figures & { base: string };

/** A draft from an existing table: the next year, same rules. */
function fromTable(t: RateTableView): Draft {
  const next = Number(t.validFrom.slice(0, 4)) + 1;
  return { ...figuresOf(t), base: t.code, code: '', payerCode: t.payerCode ?? '', validFrom: `${next}-01-01`, validTo: `${next}-12-31`, source: '' };
}

function toBody(d: Draft) {
  const body: Record<string, unknown> = { validFrom: d.validFrom, validTo: d.validTo };
  if (d.code.trim()) body.code = d.code.trim();
  if (d.payerCode) body.payerCode = d.payerCode;
  return putFigures(body, d);
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

  async function submit() {
    const created = await sendChecked(figureChecks(draft), (extra) => api.post<RateTableView>('/rate-tables', { ...toBody(draft), ...extra }));
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
        <FigureFields draft={draft} update={update} />
      </Form>
      <NextStep>
        <p>Tabellen börjar användas för utbetalningar med aktiviteter från första giltighetsdagen. Den kan inte ändras efteråt; gör i så fall en ny tabell.</p>
      </NextStep>
    </Page>
  );
}
