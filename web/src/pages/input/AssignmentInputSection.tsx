import { useState } from 'react';
import { api } from '../../api';
import { Confirmation, ErrorMessage, Working } from '../../components/Feedback';
import { Form, RadioGroup, requireFields, TextArea } from '../../components/Form';
import { useLoad } from '../../hooks';
import type { AssignmentInput, Evaluation } from '../../types';
import { InputItemList } from './InputItemList';

const SCALE = [
  { value: '1', label: '1 – Inte alls' },
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: '4', label: '4' },
  { value: '5', label: '5 – I hög grad' },
];

/**
 * On the assignment's page (issue 19 #1): what the coordinator recorded of the representatives' input at the group's
 * meetings and what became of it, and for the representative the year's question "Kom din kunskap till användning?".
 */
export function AssignmentInputSection({ assignmentId, mine }: { assignmentId: string; mine: boolean }) {
  const [input, reload] = useLoad(() => api.get<AssignmentInput>(`/assignments/${encodeURIComponent(assignmentId)}/input-items`), [assignmentId]);
  return (
    <section aria-labelledby="inspel">
      <h2 id="inspel">Så användes inspelen</h2>
      <p>
        {mine
          ? 'Det här har samordnaren skrivit om vad patient- och närståendeföreträdarna tog upp på gruppens möten, och vad det blev av det. Du får också ett mejl när ett utfall skrivs in.'
          : 'Det här har samordnaren skrivit om vad patient- och närståendeföreträdarna tog upp på gruppens möten, och vad det blev av det.'}
      </p>
      {input.status === 'loading' && <Working>Hämtar inspelen …</Working>}
      {input.status === 'error' && <ErrorMessage error={input.error} title="Inspelen kunde inte hämtas" />}
      {input.status === 'ok' && input.data.items.length === 0 && <p>Inga inspel är inskrivna ännu.</p>}
      {input.status === 'ok' && input.data.items.length > 0 && <InputItemList items={input.data.items} />}
      {input.status === 'ok' && input.data.evaluation && <EvaluationForm evaluation={input.data.evaluation} onSaved={reload} />}
    </section>
  );
}

function EvaluationForm({ evaluation, onSaved }: { evaluation: Evaluation; onSaved: () => Promise<void> }) {
  const [score, setScore] = useState(evaluation.answer ? String(evaluation.answer.score) : '');
  const [comment, setComment] = useState(evaluation.answer?.comment ?? '');
  const [confirmation, setConfirmation] = useState('');
  return (
    <>
      <h3 id="utvardering">Årets fråga: {evaluation.question}</h3>
      <p>Samordnarna ser bara alla svar tillsammans, utan namn, och inga siffror alls när färre än 3 har svarat.</p>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      {!evaluation.open && <p>Frågan för {evaluation.year} kan inte besvaras nu.</p>}
      {evaluation.open && (
        <Form
          idPrefix="utv-"
          label={`${evaluation.question} ${evaluation.year}`}
          submitLabel={evaluation.answer ? 'Ändra mitt svar' : 'Skicka mitt svar'}
          sendingLabel="Sparar …"
          onSubmit={async () => {
            requireFields({ score: !score && 'Välj ett svar från 1 till 5.' });
            await api.put(`/assignments/${encodeURIComponent(evaluation.assignmentId)}/evaluations/${evaluation.year}`, { score: Number(score), comment: comment.trim() || null });
            await onSaved();
            setConfirmation('Tack! Ditt svar är sparat.');
          }}
        >
          <RadioGroup name="score" label={`${evaluation.question} (${evaluation.year})`} value={score} onChange={setScore} options={SCALE} required />
          <TextArea name="comment" label="Vill du berätta mer? (frivilligt)" hint="Högst 2 000 tecken." value={comment} onChange={setComment} rows={4} />
        </Form>
      )}
    </>
  );
}
