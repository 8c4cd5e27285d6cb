import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { useUser } from '../../auth';
import { ErrorMessage, Working } from '../../components/Feedback';
import { SelectField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatOre, todayInStockholm } from '../../format';
import { useLoad } from '../../hooks';
import type { PayerBudget } from '../../types';

/** Finance: the year's budgets of every group the payer pays, against what was paid (issue 19 #4). */
export function PayerBudgetsPage() {
  const user = useUser();
  const payer = user.payerCode ?? '';
  const thisYear = Number(todayInStockholm().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [view] = useLoad(() => api.get<PayerBudget>(`/payers/${encodeURIComponent(payer)}/budgets/${year}`), [payer, year]);
  const years = Array.from({ length: 8 }, (_, i) => thisYear - 2 + i);
  return (
    <Page title="Budgetar" intro={<p>Gruppernas budgetar för året som din betalare betalar, och vad som har betalats ut för gruppernas aktiviteter det året.</p>}>
      <SelectField name="year" label="År" value={String(year)} onChange={(v) => setYear(Number(v))} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
      {view.status === 'loading' && <Working>Hämtar budgetarna …</Working>}
      {view.status === 'error' && <ErrorMessage error={view.error} title="Budgetarna kunde inte visas" />}
      {view.status === 'ok' && view.data.groups.length === 0 && <p>Ingen grupp som {view.data.payerName} betalar har en budget eller utbetalningar för {year}.</p>}
      {view.status === 'ok' && view.data.groups.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="budgetar" tabIndex={0}>
          <table>
            <caption id="budgetar">
              {view.data.payerName}, {year}
            </caption>
            <thead>
              <tr>
                <th scope="col">Grupp</th>
                <th scope="col" className="number">
                  Planerat
                </th>
                <th scope="col" className="number">
                  Utbetalt
                </th>
                <th scope="col" className="number">
                  Kvar av budgeten
                </th>
              </tr>
            </thead>
            <tbody>
              {view.data.groups.map((g) => (
                <tr key={g.groupId}>
                  <th scope="row">
                    <Link to={`/grupper/${g.groupId}/budget`}>{g.groupName}</Link>
                    {g.costProblem && <span className="hint"> {g.costProblem}</span>}
                  </th>
                  <td className="number">{g.plannedOre === null ? '–' : formatOre(g.plannedOre)}</td>
                  <td className="number">{formatOre(g.paidOre)}</td>
                  <td className="number">{g.differenceOre === null ? '–' : formatOre(g.differenceOre)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Summa</th>
                <td className="number">{formatOre(view.data.plannedOre)}</td>
                <td className="number">{formatOre(view.data.paidOre)}</td>
                <td className="number">{formatOre(view.data.differenceOre)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </Page>
  );
}
