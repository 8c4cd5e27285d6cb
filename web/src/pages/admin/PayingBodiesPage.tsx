import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form, SelectField, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { parseWhole } from '../../format';
import { useLoad } from '../../hooks';
import { label, PAYER_KIND_LABELS, PAYOUT_FREQUENCY_LABELS } from '../../labels';
import type { PayingBody } from '../../types';

interface ClaimPolicy {
  scope: string;
  claimWithinMonths: number;
  receiptMaxAgeMonths: number;
  remindDaysBefore: number;
}

/** Administrator: the paying bodies (SKR, healthcare regions, regions) and each one's rules for claims. */
export function PayingBodiesPage() {
  const [payers] = useLoad(() => api.get<PayingBody[]>('/paying-bodies'), []);
  return (
    <Page title="Betalare" intro={<p>De som betalar arvoden och resor: SKR för NSG och deras arbetsgrupper, värdregionen för NPO och deras arbetsgrupper, och regionerna för sina egna grupper. Välj en betalare för dess organisationsnummer, konto, betalfil och arbetsgivardeklaration.</p>}>
      {payers.status === 'loading' && <Working>Hämtar betalarna …</Working>}
      {payers.status === 'error' && <ErrorMessage error={payers.error} title="Betalarna kunde inte hämtas" />}
      {payers.status === 'ok' && (
        <>
          <ClaimPolicyForm payers={payers.data} />
          <div className="table-wrap" role="region" aria-labelledby="betalare" tabIndex={0}>
            <table>
              <caption id="betalare">Alla betalare ({payers.data.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Betalare</th>
                  <th scope="col">Slag</th>
                  <th scope="col">Utbetalning</th>
                  <th scope="col">Kod</th>
                </tr>
              </thead>
              <tbody>
                {payers.data.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">
                      <Link to={`/administration/betalare/${encodeURIComponent(p.code)}`}>{p.name}</Link>
                    </th>
                    <td>{label(PAYER_KIND_LABELS, p.kind)}</td>
                    <td>{label(PAYOUT_FREQUENCY_LABELS, p.payoutFrequency)}</td>
                    <td>
                      {p.code}
                      {p.aliases.length > 0 && <span className="small"> (även {p.aliases.join(', ')})</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}

/** The claim rules (how long after an activity a claim may come, how old receipts may be, when to remind). */
function ClaimPolicyForm({ payers }: { payers: PayingBody[] }) {
  const [scope, setScope] = useState('default');
  const [values, setValues] = useState({ claimWithinMonths: '', receiptMaxAgeMonths: '', remindDaysBefore: '' });
  const [own, setOwn] = useState<boolean | null>(null);
  const [confirmation, setConfirmation] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    setOwn(null);
    setLoadError(null);
    const show = (p: ClaimPolicy) =>
      setValues({ claimWithinMonths: String(p.claimWithinMonths), receiptMaxAgeMonths: String(p.receiptMaxAgeMonths), remindDaysBefore: String(p.remindDaysBefore) });
    api
      .get<ClaimPolicy>(`/claim-policies/${encodeURIComponent(scope)}`)
      .then((p) => {
        if (cancelled) return;
        show(p);
        setOwn(true);
      })
      .catch(async (e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && e.status === 404 && scope !== 'default') {
          show(await api.get<ClaimPolicy>('/claim-policies/default'));
          setOwn(false);
        } else setLoadError(e);
      });
    return () => {
      cancelled = true;
    };
  }, [scope]);

  const scopeName = scope === 'default' ? 'alla betalare utan egna regler' : (payers.find((p) => p.code === scope)?.name ?? scope);
  return (
    <section aria-labelledby="anspraksregler">
      <h2 id="anspraksregler">Regler för ersättningsanspråk</h2>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <SelectField
        name="scope"
        label="Regler för"
        value={scope}
        onChange={(v) => {
          setConfirmation('');
          setScope(v);
        }}
        options={[{ value: 'default', label: 'Alla betalare utan egna regler' }, ...payers.map((p) => ({ value: p.code, label: p.name }))]}
      />
      {loadError ? <ErrorMessage error={loadError} title="Reglerna kunde inte hämtas" /> : null}
      {own === false && <p>{scopeName} har inga egna regler och följer de gemensamma. Sparar du här får betalaren egna regler.</p>}
      <Form
        submitLabel="Spara reglerna"
        sendingLabel="Sparar …"
        onSubmit={async () => {
          await api.put(`/claim-policies/${encodeURIComponent(scope)}`, {
            claimWithinMonths: parseWhole(values.claimWithinMonths),
            receiptMaxAgeMonths: parseWhole(values.receiptMaxAgeMonths),
            remindDaysBefore: parseWhole(values.remindDaysBefore),
          });
          setOwn(true);
          setConfirmation(`Reglerna för ${scopeName} är sparade. De gäller för rapporter som görs från och med nu.`);
        }}
      >
        <TextField name="claimWithinMonths" label="Ersättning ska begäras inom (månader efter mötet)" inputMode="numeric" width="short" value={values.claimWithinMonths} onChange={(v) => setValues({ ...values, claimWithinMonths: v })} />
        <TextField name="receiptMaxAgeMonths" label="Kvitton får vara högst (månader gamla)" inputMode="numeric" width="short" value={values.receiptMaxAgeMonths} onChange={(v) => setValues({ ...values, receiptMaxAgeMonths: v })} />
        <TextField name="remindDaysBefore" label="Påminn så här många dagar före sista dagen" inputMode="numeric" width="short" value={values.remindDaysBefore} onChange={(v) => setValues({ ...values, remindDaysBefore: v })} />
      </Form>
      <NextStep>
        <p>Företrädarna ser sista dagen för varje rapport och påminns innan den passerar.</p>
      </NextStep>
    </section>
  );
}
