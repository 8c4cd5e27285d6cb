import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorMessage, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { formatDate, formatOre } from '../../format';
import { useLoad } from '../../hooks';
import type { PayingBody, RateTableView } from '../../types';

export function payerName(code: string | null, payers: PayingBody[]): string {
  if (!code) return 'Nationell tabell (alla betalare utan egen tabell)';
  return payers.find((p) => p.code === code)?.name ?? code;
}

/** Administrator: the rate tables (taxetabeller) with their validity; a new year or a payer's own table is added as data. */
export function RateTablesPage() {
  const [data] = useLoad(() => Promise.all([api.get<RateTableView[]>('/rate-tables'), api.get<PayingBody[]>('/paying-bodies')]), []);
  return (
    <Page
      title="Taxetabeller"
      intro={
        <p>
          Arvoden, arbetsgivaravgifter, skatteavdrag och bilersättning räknas från den tabell som gäller för betalaren på dagen. En sparad tabell ändras
          aldrig, eftersom utbetalningar visar vilken tabell de använde. Lägg till en ny tabell för ett nytt år eller för en betalares egna regler.
        </p>
      }
    >
      <p>
        <Link className="button" to="/administration/taxetabeller/ny">
          Lägg till en taxetabell
        </Link>
      </p>
      {data.status === 'loading' && <Working>Hämtar tabellerna …</Working>}
      {data.status === 'error' && <ErrorMessage error={data.error} title="Tabellerna kunde inte hämtas" />}
      {data.status === 'ok' && (
        <div className="table-wrap" role="region" aria-labelledby="taxetabeller" tabIndex={0}>
          <table>
            <caption id="taxetabeller">Alla taxetabeller, nyast först</caption>
            <thead>
              <tr>
                <th scope="col">Tabell</th>
                <th scope="col">Gäller för</th>
                <th scope="col">Giltig</th>
                <th scope="col" className="number">
                  Prisbasbelopp
                </th>
              </tr>
            </thead>
            <tbody>
              {[...data.data[0]].reverse().map((t) => (
                <tr key={t.id}>
                  <th scope="row">
                    <Link to={`/administration/taxetabeller/${encodeURIComponent(t.code)}`}>{t.code}</Link>
                  </th>
                  <td>{payerName(t.payerCode, data.data[1])}</td>
                  <td>
                    {formatDate(t.validFrom)} – {formatDate(t.validTo)}
                  </td>
                  <td className="number">{formatOre(t.pbbOre)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
