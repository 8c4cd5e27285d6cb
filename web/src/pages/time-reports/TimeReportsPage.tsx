import { Link } from 'react-router';
import { api } from '../../api';
import { Deadline } from '../../components/Deadline';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { useLoad } from '../../hooks';
import { label, LINE_PAYOUT_STATE_LABELS, TIME_REPORT_STATE_LABELS } from '../../labels';
import type { TimeReportView } from '../../types';
import { reportTitle } from './TimeReportPage';

/** Representative: my time reports, what became of each, and what still has to be sent in (by when). */
export function TimeReportsPage() {
  const [reports] = useLoad(() => api.get<TimeReportView[]>('/time-reports'), []);
  return (
    <Page title="Mina tidrapporter" intro={<p>Här ser du dina rapporterade möten, om de är attesterade och när de betalas ut.</p>}>
      {reports.status === 'loading' && <Working>Hämtar dina rapporter …</Working>}
      {reports.status === 'error' && <ErrorMessage error={reports.error} title="Rapporterna kunde inte hämtas" />}
      {reports.status === 'ok' && reports.data.length === 0 && (
        <NextStep>
          <p>Du har inga rapporter ännu. Efter ett möte rapporterar du det från Att göra nu.</p>
        </NextStep>
      )}
      {reports.status === 'ok' && reports.data.length > 0 && (
        <>
          {reports.data.some((r) => r.state === 'draft' || r.state === 'rejected') && (
            <NextStep title="Att göra">
              <ul>
                {reports.data
                  .filter((r) => r.state === 'draft' || r.state === 'rejected')
                  .map((r) => (
                    <li key={r.id}>
                      <Link to={`/tidrapporter/${r.id}`}>{r.activity ? reportTitle(r) : `Mötet ${reportTitle(r)}`}</Link>: skicka in <Deadline date={r.claimDeadline} />
                    </li>
                  ))}
              </ul>
            </NextStep>
          )}
          <div className="table-wrap" role="region" aria-labelledby="rapporter" tabIndex={0}>
            <table>
              <caption id="rapporter">Alla rapporter</caption>
              <thead>
                <tr>
                  <th scope="col">Möte</th>
                  <th scope="col">Läge</th>
                  <th scope="col">Utbetalning</th>
                </tr>
              </thead>
              <tbody>
                {reports.data.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/tidrapporter/${r.id}`}>
                        {reportTitle(r)}
                      </Link>
                    </th>
                    <td>{label(TIME_REPORT_STATE_LABELS, r.state)}</td>
                    <td>{r.payout ? `${label(LINE_PAYOUT_STATE_LABELS, r.payout.state)} (${r.payout.period})` : r.state === 'attested' ? 'Med i nästa utbetalning' : '–'}</td>
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
