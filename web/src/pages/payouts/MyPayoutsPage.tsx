import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { useUser } from '../../auth';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { downloadFile } from '../../download';
import { formatDate, formatOre, todayInStockholm } from '../../format';
import { useLoad } from '../../hooks';
import type { PersonYear } from '../../types';

/** Representative: my payouts this year, my payout slips, and what was reported to Skatteverket. */
export function MyPayoutsPage() {
  const user = useUser();
  const thisYear = Number(todayInStockholm().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [data] = useLoad(() => api.get<PersonYear>(`/people/${encodeURIComponent(user.personId ?? '')}/payouts?year=${year}`), [year]);
  const [fileError, setFileError] = useState<unknown>(null);
  return (
    <Page title="Mina utbetalningar" intro={<p>Här ser du vad du har fått utbetalt och kan hämta dina utbetalningsbesked.</p>}>
      <div className="field">
        <label htmlFor="ar">År</label>
        <select id="ar" className="input input-short" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {fileError ? <ErrorMessage error={fileError} title="Beskedet kunde inte hämtas" /> : null}
      {data.status === 'loading' && <Working>Hämtar dina utbetalningar …</Working>}
      {data.status === 'error' && <ErrorMessage error={data.error} title="Utbetalningarna kunde inte hämtas" />}
      {data.status === 'ok' && (
        <>
          {data.data.payouts.length === 0 ? (
            <p>Inga utbetalningar under {year}.</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="mina" tabIndex={0}>
              <table>
                <caption id="mina">Utbetalningar {year}</caption>
                <thead>
                  <tr>
                    <th scope="col">Utbetald</th>
                    <th scope="col">Betalare</th>
                    <th scope="col" className="number">
                      Till ditt konto
                    </th>
                    <th scope="col">Besked</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.payouts.map((p) => (
                    <tr key={p.batchId}>
                      <th scope="row">{formatDate(p.paymentDate)}</th>
                      <td>{p.payerName}</td>
                      <td className="number">{formatOre(p.netOre)}</td>
                      <td>
                        {p.slipDocumentId ? (
                          <Link to={`/dokument/${p.slipDocumentId}`}>
                            Visa<span className="visually-hidden"> beskedet för {formatDate(p.paymentDate)}</span>
                          </Link>
                        ) : (
                          <button
                            type="button"
                            className="link-button"
                            onClick={async () => {
                              setFileError(null);
                              try {
                                await downloadFile(`/people/${user.personId}/payouts/${p.batchId}/slip`, `utbetalningsbesked-${p.period}.pdf`);
                              } catch (e) {
                                setFileError(e);
                              }
                            }}
                          >
                            Ladda ner<span className="visually-hidden"> beskedet för {formatDate(p.paymentDate)}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.data.perPayer.map((s) => (
            <section key={s.payerCode} aria-label={`Summa ${s.payerName}`} className="group-box">
              <h2>Summa {year} från {s.payerName}</h2>
              <dl className="facts">
                <div>
                  <dt>Arvoden (skattepliktiga)</dt>
                  <dd>{formatOre(s.taxablePayOre)}</dd>
                </div>
                <div>
                  <dt>Skattefri reseersättning</dt>
                  <dd>{formatOre(s.taxFreeTravelOre)}</dd>
                </div>
                <div>
                  <dt>Avdragen skatt</dt>
                  <dd>{formatOre(s.taxWithheldOre)}</dd>
                </div>
                <div>
                  <dt>Till ditt konto</dt>
                  <dd>{formatOre(s.netOre)}</dd>
                </div>
              </dl>
              {s.agiPeriods.length > 0 && <p>Betalaren har rapporterat beloppen till Skatteverket i arbetsgivardeklarationen för {s.agiPeriods.join(', ')}.</p>}
            </section>
          ))}
          <NextStep>
            <p>Utbetalningar görs efter att samordnaren har attesterat dina tidrapporter och ekonomi har godkänt utbetalningen. Får du ersättning från Försäkringskassan? Kontakta din handläggare där om vad som gäller för arvodet.</p>
          </NextStep>
        </>
      )}
    </Page>
  );
}
