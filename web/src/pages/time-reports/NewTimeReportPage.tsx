import { Link, useNavigate, useParams } from 'react-router';
import { api, itemsOf, newId } from '../../api';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form, sendChecked } from '../../components/Form';
import { Page } from '../../components/Page';
import { useDraft, useLoad } from '../../hooks';
import type { ActivityPage, ActivityView, TimeReportView } from '../../types';
import { ActivityChoice, ActivityFacts, emptyReport, FeePreview, reportBody, TimeReportFields, type ReportDraft } from './TimeReportForm';

/**
 * Representative: report one activity of an assignment (GET /assignments/:id/activities: the activities they were
 * called to and the agreement's own), never a free-text meeting. Saved as a draft first; receipts and sending come next.
 */
export function NewTimeReportPage() {
  const { assignmentId = '' } = useParams();
  const navigate = useNavigate();
  const [draft, update, clear] = useDraft<ReportDraft & { id: string }>(`rapport-${assignmentId}`, () => ({ ...emptyReport(), id: newId() }));
  const [list] = useLoad(
    () => api.get<ActivityPage | ActivityView[]>(`/assignments/${encodeURIComponent(assignmentId)}/activities`).then((a) => itemsOf<ActivityView>(a)),
    [assignmentId],
  );
  const activities = list.status === 'ok' ? list.data : [];
  const activity = activities.find((a) => a.id === draft.activityId);

  async function submit() {
    const checks = {
      activityId: !activity && 'Välj vilken aktivitet du rapporterar.',
      activityDate: activity?.agreementActivity && !draft.activityDate && 'Skriv vilken dag du arbetade.',
      participation: activity && !draft.participation && 'Välj hur du deltog.',
      durationMinutes: activity && !draft.durationHours.trim() && !draft.durationMins.trim() && 'Skriv hur länge du deltog.',
    };
    const saved = await sendChecked(checks, (extra) => api.post<TimeReportView>('/time-reports', { id: draft.id, assignmentId, ...reportBody(draft, activity), ...extra }));
    clear();
    void navigate(`/tidrapporter/${saved.id}`, {
      state: { confirmation: 'Rapporten är sparad som utkast. Lägg till kvitton om du har några, och skicka sedan in den.' },
    });
  }

  return (
    <Page
      title="Rapportera ett möte"
      intro={
        <p>
          Välj mötet eller arbetet som du rapporterar, och fyll i din egen tid, restid och dina kostnader. Det du skriver sparas medan du fyller i, så inget
          försvinner om du laddar om sidan. Det finns ingen tidsgräns för att fylla i.
        </p>
      }
    >
      {list.status === 'loading' && <Working>Hämtar aktiviteterna du kan rapportera …</Working>}
      {list.status === 'error' && <ErrorMessage error={list.error} title="Aktiviteterna kunde inte hämtas" />}
      {list.status === 'ok' && activities.length === 0 && (
        <NextStep>
          <p>
            Det finns ingen aktivitet att rapportera mot ännu. Samordnaren lägger in gruppens möten; när du har kallats till ett möte kan du rapportera det här.{' '}
            <Link to={`/uppdrag/${assignmentId}`}>Tillbaka till uppdraget</Link>
          </p>
        </NextStep>
      )}
      {activities.length > 0 && (
        <>
          <Form onSubmit={submit} submitLabel="Spara rapporten" sendingLabel="Sparar rapporten …" secondary={<Link to="/tidrapporter">Avbryt</Link>}>
            <ActivityChoice activities={activities} draft={draft} update={update} />
            {activity && <ActivityFacts activity={activity} />}
            {activity && <TimeReportFields draft={draft} update={update} activity={activity} />}
            {activity && <FeePreview assignmentId={assignmentId} activity={activity} draft={draft} />}
          </Form>
          <NextStep>
            <p>
              Rapporten sparas först som ett utkast. Sedan kan du lägga till kvitton och skicka in den till samordnaren, som attesterar den. Därefter kommer
              ersättningen med nästa utbetalning.
            </p>
          </NextStep>
        </>
      )}
    </Page>
  );
}
