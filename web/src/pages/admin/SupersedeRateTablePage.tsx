import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form, sendChecked, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDate, formatOre } from '../../format';
import { useDraft, useLoad } from '../../hooks';
import { EFFECT_SOURCE_LABELS, label } from '../../labels';
import type { PayingBody, RateTableView, SupersedeEffect } from '../../types';
import { FigureFields, figureChecks, type Figures, figuresOf, putFigures } from './RateTableFigures';
import { payerName } from './RateTablesPage';

type Draft = Figures & { base: string; from: string };

/** A difference with its sign: +590,00 kr, −590,00 kr, 0,00 kr. */
const signed = (ore: number) => (ore > 0 ? `+${formatOre(ore)}` : ore < 0 ? `−${formatOre(-ore)}` : formatOre(0));

/**
 * Administrator: a new version of a rate table from a date (issue 18 #6, #7). The table's figures are filled in from
 * the version in force; the administrator changes what is new and first sees the effect — for every attested line not
 * yet paid and every open agreement's coming activity, the pay under the old and the new version, and the totals per
 * payer and per agreement — then confirms, and the very figures that were shown are saved. Changing a figure after
 * the preview asks for a new preview before anything can be saved. The old version is never changed.
 */
export function SupersedeRateTablePage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [data] = useLoad(() => Promise.all([api.get<RateTableView>(`/rate-tables/${encodeURIComponent(code)}`), api.get<PayingBody[]>('/paying-bodies')]), [code]);
  const [draft, update, clear] = useDraft<Draft>(`ny-version-${code}`, () => ({ base: '', from: '' }) as Draft);
  const [effect, setEffect] = useState<{ body: Record<string, unknown>; result: SupersedeEffect } | null>(null);

  useEffect(() => {
    if (data.status !== 'ok') return;
    const t = data.data[0];
    const base = `${t.code} v${t.version}`;
    if (draft.base === base) return;
    update({ ...figuresOf(t, true), base, from: '', source: '' });
  }, [data, draft.base, update]);

  if (data.status !== 'ok' || !draft.base)
    return (
      <Page title={`Ny version av ${code}`}>
        {data.status === 'error' ? <ErrorMessage error={data.error} title="Tabellen kunde inte hämtas" /> : <Working>Hämtar tabellen …</Working>}
      </Page>
    );
  const [t, payers] = data.data;
  const change = (patch: Figures) => {
    setEffect(null); // what is saved is what was shown: a changed figure needs a new preview
    update(patch);
  };

  async function preview() {
    const body = putFigures({ from: draft.from }, draft);
    const result = await sendChecked(figureChecks(draft), (extra) => api.post<SupersedeEffect>(`/rate-tables/${encodeURIComponent(t.code)}/supersede/preview`, { ...body, ...extra }));
    setEffect({ body, result });
  }

  async function save() {
    if (!effect) return;
    const saved = await api.post<RateTableView>(`/rate-tables/${encodeURIComponent(t.code)}/supersede`, effect.body);
    clear();
    void navigate(`/administration/taxetabeller/${encodeURIComponent(saved.code)}`, {
      state: { confirmation: `Version ${saved.version} av ${saved.code} är sparad och gäller från ${formatDate(saved.validFrom)}. Version ${saved.version - 1} finns kvar och gäller före det.` },
    });
  }

  return (
    <Page
      title={`Ny version av ${t.code}`}
      intro={
        <p>
          Version {t.version} gäller för {payerName(t.payerCode, payers).toLowerCase()} {formatDate(t.validFrom)} – {formatDate(t.validTo)}. En ny version gäller
          från ett datum du väljer till och med {formatDate(t.validTo)}; den gamla ändras aldrig och gäller före det. Ändra det som är nytt och se först vad
          ändringen betyder för det som inte är utbetalt. Procent skrivs som till exempel 3,6 och belopp i kronor.
        </p>
      }
    >
      <Form onSubmit={preview} submitLabel="Visa effekten" sendingLabel="Räknar …" secondary={<Link to={`/administration/taxetabeller/${encodeURIComponent(t.code)}`}>Avbryt</Link>}>
        <h2>Från när</h2>
        <TextField
          name="from"
          label="Första dag den nya versionen gäller"
          hint={`Efter ${formatDate(t.validFrom)} och senast ${formatDate(t.validTo)}.`}
          type="date"
          width="medium"
          value={draft.from}
          onChange={(v) => change({ from: v })}
        />
        <FigureFields draft={draft} update={change} pbbHint="Samma år: oftast oförändrat." />
        {(t.contributions.reductions ?? []).length > 0 && (
          <p className="hint">Nedsättningarna för unga ({(t.contributions.reductions ?? []).map((r) => r.code).join(', ')}) följer med oförändrade.</p>
        )}
      </Form>
      {effect && <Effect effect={effect.result} onSave={save} />}
      <NextStep>
        <p>När den nya versionen är sparad räknas attesterade rader som inte är utbetalda om när utbetalningen görs, och kommande möten betalas enligt den.</p>
      </NextStep>
    </Page>
  );
}

function Effect({ effect, onSave }: { effect: SupersedeEffect; onSave: () => Promise<void> }) {
  const { totals } = effect;
  const heading = useRef<HTMLHeadingElement>(null);
  // Shown after "Visa effekten": focus (and the screen reader) moves to it, below the long form.
  useEffect(() => heading.current?.focus(), [effect]);
  return (
    <section aria-labelledby="effekt">
      <h2 id="effekt" tabIndex={-1} ref={heading}>
        Effekten av version {effect.newVersion} från {formatDate(effect.validFrom)}
      </h2>
      {totals.lines === 0 ? (
        <p>Inget som är attesterat men inte utbetalt, och ingen kommande aktivitet i en öppen överenskommelse, påverkas.</p>
      ) : (
        <p>
          {totals.lines} {totals.lines === 1 ? 'rad påverkas' : 'rader påverkas'}: {formatOre(totals.oldOre)} enligt tabellen som gäller nu, {formatOre(totals.newOre)} enligt
          den nya versionen, skillnad {signed(totals.differenceOre)}. Beloppen är arvode och resor före skatt.
        </p>
      )}
      {effect.perPayer.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="effekt-betalare" tabIndex={0}>
          <table>
            <caption id="effekt-betalare">Per betalare</caption>
            <thead>
              <tr>
                <th scope="col">Betalare</th>
                <th scope="col" className="number">Rader</th>
                <th scope="col" className="number">Nu</th>
                <th scope="col" className="number">Ny version</th>
                <th scope="col" className="number">Skillnad</th>
              </tr>
            </thead>
            <tbody>
              {effect.perPayer.map((p) => (
                <tr key={p.payerCode}>
                  <th scope="row">{p.payerCode}</th>
                  <td className="number">{p.lines}</td>
                  <td className="number">{formatOre(p.oldOre)}</td>
                  <td className="number">{formatOre(p.newOre)}</td>
                  <td className="number">{signed(p.differenceOre)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {effect.perAgreement.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="effekt-overenskommelser" tabIndex={0}>
          <table>
            <caption id="effekt-overenskommelser">Per överenskommelse</caption>
            <thead>
              <tr>
                <th scope="col">Företrädare</th>
                <th scope="col">Grupp</th>
                <th scope="col" className="number">Rader</th>
                <th scope="col" className="number">Nu</th>
                <th scope="col" className="number">Ny version</th>
                <th scope="col" className="number">Skillnad</th>
              </tr>
            </thead>
            <tbody>
              {effect.perAgreement.map((a) => (
                <tr key={a.assignmentId}>
                  <th scope="row">{a.personName}</th>
                  <td>{a.groupName}</td>
                  <td className="number">{a.lines}</td>
                  <td className="number">{formatOre(a.oldOre)}</td>
                  <td className="number">{formatOre(a.newOre)}</td>
                  <td className="number">{signed(a.differenceOre)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {effect.lines.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="effekt-rader" tabIndex={0}>
          <table>
            <caption id="effekt-rader">Varje rad</caption>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Företrädare</th>
                <th scope="col">Vad</th>
                <th scope="col" className="number">Nu</th>
                <th scope="col" className="number">Ny version</th>
                <th scope="col" className="number">Skillnad</th>
              </tr>
            </thead>
            <tbody>
              {effect.lines.map((l) => (
                <tr key={`${l.source}:${l.timeReportId ?? l.activityId ?? ''}`}>
                  <th scope="row">{formatDate(l.activityDate)}</th>
                  <td>
                    {l.personName}, {l.groupName}
                  </td>
                  <td>{label(EFFECT_SOURCE_LABELS, l.source)}</td>
                  <td className="number">{formatOre(l.oldOre)}</td>
                  <td className="number">{formatOre(l.newOre)}</td>
                  <td className="number">{signed(l.differenceOre)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <ConfirmAction
          buttonLabel="Spara den nya versionen"
          title={`Spara version ${effect.newVersion} av ${effect.code}?`}
          confirmLabel="Spara versionen"
          sendingLabel="Sparar …"
          onConfirm={onSave}
        >
          <p>
            Version {effect.newVersion} gäller från {formatDate(effect.validFrom)} till och med {formatDate(effect.validTo)}, med de värden som effekten ovan visar
            ({signed(effect.totals.differenceOre)} på det som inte är utbetalt). En sparad version kan inte ändras; gör i så fall en ny version.
          </p>
        </ConfirmAction>
      </div>
    </section>
  );
}
