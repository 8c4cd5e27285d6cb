import { useState } from 'react';
import { api } from '../../api';
import { useUser } from '../../auth';
import { ErrorMessage, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { formatOre, todayInStockholm } from '../../format';
import { useLoad } from '../../hooks';
import type { YearlySummary } from '../../types';


/** Finance: what the payer paid each person in a year (approved payouts), with the AGI months. */
export function YearlySummaryPage() {
  const user = useUser();
  const [year, setYear] = useState(Number(todayInStockholm().slice(0, 4)));
  const [data] = useLoad(
    () => api.get<YearlySummary>(`/payers/${encodeURIComponent(user.payerCode ?? '')}/yearly-summary?year=${year}`),
    [year],
  );
  return (
    <Page title={`Årssammanställning ${year}`} intro={<p>Godkända utbetalningar per person under året. Beloppen har redovisats i arbetsgivardeklarationen de månader som anges.</p>}>
      <div className="field">
        <label htmlFor="ar">År</label>
        <select id="ar" className="input input-short" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {Array.from({ length: 6 }, (_, i) => Number(todayInStockholm().slice(0, 4)) - i).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {data.status === 'loading' && <Working>Hämtar sammanställningen …</Working>}
      {data.status === 'error' && <ErrorMessage error={data.error} title="Sammanställningen kunde inte hämtas" />}
      {data.status === 'ok' &&
        (data.data.persons.length === 0 ? (
          <p>Inga godkända utbetalningar under {year}.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="ars" tabIndex={0}>
            <table>
              <caption id="ars">
                {data.data.payerName} {data.data.year}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col" className="number">
                    Skattepliktigt
                  </th>
                  <th scope="col" className="number">
                    Skattefria resor
                  </th>
                  <th scope="col" className="number">
                    Skatt
                  </th>
                  <th scope="col" className="number">
                    Avgifter
                  </th>
                  <th scope="col">Redovisat i AGI</th>
                </tr>
              </thead>
              <tbody>
                {data.data.persons.map((p) => (
                  <tr key={p.personId}>
                    <th scope="row">{p.name ?? p.personId}</th>
                    <td className="number">{formatOre(p.taxablePayOre)}</td>
                    <td className="number">{formatOre(p.taxFreeTravelOre)}</td>
                    <td className="number">{formatOre(p.taxWithheldOre)}</td>
                    <td className="number">{formatOre(p.contributionsOre)}</td>
                    <td>{p.agiPeriods.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </Page>
  );
}
