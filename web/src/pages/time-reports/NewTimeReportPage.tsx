import { Link, useNavigate, useParams } from 'react-router';
import { api, newId } from '../../api';
import { NextStep } from '../../components/Feedback';
import { Form, requireFields } from '../../components/Form';
import { Page } from '../../components/Page';
import { useDraft } from '../../hooks';
import type { TimeReportView } from '../../types';
import { emptyReport, reportBody, TimeReportFields, type ReportDraft } from './TimeReportForm';

/** Representative: report one meeting of an assignment. Saved as a draft first; receipts and sending come next. */
export function NewTimeReportPage() {
  const { assignmentId = '' } = useParams();
  const navigate = useNavigate();
  const [draft, update, clear] = useDraft<ReportDraft & { id: string }>(`rapport-${assignmentId}`, () => ({ ...emptyReport(), id: newId() }));

  async function submit() {
    requireFields({
      activityDate: !draft.activityDate && 'Skriv vilken dag mötet var.',
      participation: !draft.participation && 'Välj hur du deltog.',
      durationMinutes: !draft.durationHours.trim() && !draft.durationMins.trim() && 'Skriv hur länge mötet varade.',
    });
    const saved = await api.post<TimeReportView>('/time-reports', { id: draft.id, assignmentId, ...reportBody(draft) });
    clear();
    void navigate(`/tidrapporter/${saved.id}`, {
      state: { confirmation: 'Rapporten är sparad som utkast. Lägg till kvitton om du har några, och skicka sedan in den.' },
    });
  }

  return (
    <Page
      title="Rapportera ett möte"
      intro={<p>Fyll i en rapport för varje möte. Det du skriver sparas medan du fyller i, så inget försvinner om du laddar om sidan. Det finns ingen tidsgräns för att fylla i.</p>}
    >
      <Form onSubmit={submit} submitLabel="Spara rapporten" sendingLabel="Sparar rapporten …" secondary={<Link to="/tidrapporter">Avbryt</Link>}>
        <TimeReportFields draft={draft} update={update} />
      </Form>
      <NextStep>
        <p>
          Rapporten sparas först som ett utkast. Sedan kan du lägga till kvitton och skicka in den till samordnaren, som attesterar den. Därefter kommer
          ersättningen med nästa utbetalning.
        </p>
      </NextStep>
    </Page>
  );
}
