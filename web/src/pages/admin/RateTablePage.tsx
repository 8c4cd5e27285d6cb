import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { ErrorMessage, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { formatBp, formatDate, formatDateTime, formatOre } from '../../format';
import { useLoad } from '../../hooks';
import { FEE_MODE_LABELS, HOURLY_COUNTING_LABELS, HOURLY_SCOPE_LABELS, label, ROUNDING_LABELS } from '../../labels';
import type { PayingBody, RateTableView } from '../../types';
import { payerName } from './RateTablesPage';

/** One rate table, in words and kronor. */
export function RateTablePage() {
  const { code = '' } = useParams();
  const [data] = useLoad(
    () =>
      Promise.all([
        api.get<RateTableView>(`/rate-tables/${encodeURIComponent(code)}`),
        api.get<PayingBody[]>('/paying-bodies'),
        api.get<RateTableView[]>(`/rate-tables/${encodeURIComponent(code)}/versions`),
      ]),
    [code],
  );
  if (data.status !== 'ok')
    return (
      <Page title={`Taxetabell ${code}`}>
        {data.status === 'loading' ? <Working>Hämtar tabellen …</Working> : <ErrorMessage error={data.error} title="Tabellen kunde inte visas" />}
      </Page>
    );
  const [t, payers, versions] = data.data;
  const pbb = (bp: number) => formatOre(Math.round((t.pbbOre * bp) / 10_000));
  const rows: [string, string][] = [
    ['Gäller för', payerName(t.payerCode, payers)],
    ['Giltig', `${formatDate(t.validFrom)} – ${formatDate(t.validTo)}`],
    ['Prisbasbelopp', formatOre(t.pbbOre)],
    ['Heldag (mer än ' + t.fees.halfDayMaxMinutes / 60 + ' timmar inkl. restid)', `${formatBp(t.fees.fullDayBp)} av prisbasbeloppet = ${pbb(t.fees.fullDayBp)} före avrundning`],
    ['Halvdag (upp till ' + t.fees.halfDayMaxMinutes / 60 + ' timmar)', `${formatBp(t.fees.halfDayBp)} = ${pbb(t.fees.halfDayBp)}`],
    ['Kortare insats (upp till ' + t.fees.shortMaxMinutes / 60 + ' timmar)', `${formatBp(t.fees.shortBp)} = ${pbb(t.fees.shortBp)}`],
    ['Per timme', `${formatBp(t.fees.hourlyBp)} = ${pbb(t.fees.hourlyBp)}`],
    ['Arvodesform om överenskommelsen inte säger annat', label(FEE_MODE_LABELS, t.defaultFeeMode)],
    ['Timarvode', `${label(HOURLY_SCOPE_LABELS, t.hourly.scope)}. ${label(HOURLY_COUNTING_LABELS, t.hourly.counting)}.`],
    ['Avrundning av arvoden', label(ROUNDING_LABELS, t.rounding)],
    [
      'Arbetsgivaravgifter',
      `${formatBp(t.contributions.fullRateBp)}; bara ålderspensionsavgift ${formatBp(t.contributions.pensionOnlyRateBp)} från ${t.contributions.pensionOnlyFromAge} år; inga för den som är född ${t.contributions.noneIfBornUpTo} eller tidigare; inga under ${formatOre(t.contributions.yearThresholdOre)} per år och betalare`,
    ],
    [
      'Skatteavdrag',
      `${formatBp(t.tax.sideIncomeRateBp)} för sidoinkomst; inget om årets ersättning väntas bli under ${formatOre(t.tax.yearThresholdOre)} eller en utbetalning är under ${formatOre(t.tax.minPaymentOre)}`,
    ],
    ['Bilersättning', `${formatOre(t.mileage.reimbursedOrePerMil)} per mil, varav ${formatOre(t.mileage.taxFreeOrePerMil)} skattefritt`],
    ['Källa', t.source || '–'],
    ['Sparad', formatDateTime(t.createdAt)],
  ];
  if (t.fees.fixedOre) {
    const f = t.fees.fixedOre;
    rows.splice(7, 0, ['Fasta belopp', [f.fullDayOre && `heldag ${formatOre(f.fullDayOre)}`, f.halfDayOre && `halvdag ${formatOre(f.halfDayOre)}`, f.shortOre && `kortare ${formatOre(f.shortOre)}`, f.hourlyOre && `per timme ${formatOre(f.hourlyOre)}`].filter(Boolean).join(', ')]);
  }
  return (
    <Page title={`Taxetabell ${t.code}`}>
      <p>Version {t.version}{versions.length > 1 ? ` av ${versions.length}` : ''}.</p>
      <dl className="facts facts-wide">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {versions.length > 1 && (
        <div className="table-wrap" role="region" aria-labelledby="versioner" tabIndex={0}>
          <table>
            <caption id="versioner">Versioner (en ny version gäller från sin första dag; där båda gäller vinner den nya)</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Giltig</th>
                <th scope="col">Källa</th>
                <th scope="col">Sparad</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.version}</th>
                  <td>
                    {formatDate(v.validFrom)} – {formatDate(v.validTo)}
                  </td>
                  <td>{v.source || '–'}</td>
                  <td>{formatDateTime(v.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="actions">
        <Link className="button" to={`/administration/taxetabeller/${encodeURIComponent(t.code)}/ny-version`}>
          Ny version från ett datum
        </Link>
        <Link className="button button-secondary" to={`/administration/taxetabeller/ny?utga-fran=${encodeURIComponent(t.code)}`}>
          Ny tabell med den här som utgångspunkt
        </Link>
        <Link to="/administration/taxetabeller">Alla taxetabeller</Link>
      </p>
    </Page>
  );
}
