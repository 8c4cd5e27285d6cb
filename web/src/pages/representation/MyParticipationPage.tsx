import { useState } from 'react';
import { api } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { Confirmation, ErrorMessage, Working } from '../../components/Feedback';
import { Checkbox, Form, RadioGroup, requireFields } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDate } from '../../format';
import { useLoad } from '../../hooks';
import { AGE_BAND_LABELS, PERSPECTIVE_LABELS, REGION_LABELS, WORK_STATUS_LABELS } from '../../labels';
import type { MyAvailability, MyDiversity } from '../../types';

const NO_ANSWER = 'inget-svar';
const options = (labels: Record<string, string>) => [...Object.entries(labels).map(([value, l]) => ({ value, label: l })), { value: NO_ANSWER, label: 'Vill inte svara' }];
const orNull = (v: string) => (v === NO_ANSWER || v === '' ? null : v);

/** The representative's own choices (issue 19 #2): whether they would take another assignment, and the optional diversity answers. */
export function MyParticipationPage() {
  return (
    <Page title="Min medverkan" intro={<p>Här säger du om du kan ta fler uppdrag, och kan frivilligt lämna uppgifter som hjälper till att grupperna speglar fler människor.</p>}>
      <AvailabilitySection />
      <DiversitySection />
    </Page>
  );
}

function AvailabilitySection() {
  const [mine, reload] = useLoad(() => api.get<MyAvailability>('/me/availability'), []);
  const [confirmation, setConfirmation] = useState('');
  return (
    <section aria-labelledby="fler-uppdrag">
      <h2 id="fler-uppdrag">Kan du ta ett uppdrag till?</h2>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      {mine.status === 'loading' && <Working>Hämtar …</Working>}
      {mine.status === 'error' && <ErrorMessage error={mine.error} />}
      {mine.status === 'ok' && (
        <>
          <p>
            {mine.data.available
              ? `Du har sagt att du kan ta ett uppdrag till (sedan ${formatDate(mine.data.availableSince)}). Samordnare ser ditt namn, din e-postadress och hur många uppdrag du har.`
              : 'Du har inte sagt att du kan ta fler uppdrag. Säger du det ser samordnare ditt namn, din e-postadress och hur många uppdrag du har, så att de kan fråga dig.'}
          </p>
          <Form
            idPrefix="fler-"
            submitLabel={mine.data.available ? 'Jag kan inte ta fler uppdrag just nu' : 'Jag kan ta ett uppdrag till'}
            sendingLabel="Sparar …"
            onSubmit={async () => {
              const saved = await api.put<MyAvailability>('/me/availability', { available: !mine.data.available });
              await reload();
              setConfirmation(saved.available ? 'Klart. Samordnare ser nu att du kan ta ett uppdrag till.' : 'Klart. Du syns inte längre bland dem som kan ta fler uppdrag.');
            }}
          >
            {null}
          </Form>
        </>
      )}
    </section>
  );
}

function DiversitySection() {
  const [mine, reload] = useLoad(() => api.get<MyDiversity>('/me/diversity'), []);
  const [confirmation, setConfirmation] = useState('');
  return (
    <section aria-labelledby="mangfald">
      <h2 id="mangfald">Frågor om mångfald (frivilligt)</h2>
      <p>
        Svaren räknas bara ihop med andras och visas aldrig per person, och inte alls när färre än 5 personer har svarat. Bara du ser dina egna svar. Du kan när som
        helst återkalla ditt samtycke: då raderas dina svar direkt.
      </p>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      {mine.status === 'loading' && <Working>Hämtar dina svar …</Working>}
      {mine.status === 'error' && <ErrorMessage error={mine.error} />}
      {mine.status === 'ok' && (
        <DiversityForm
          key={mine.data.consentedAt ?? 'inget'}
          mine={mine.data}
          onSaved={async (message) => {
            await reload();
            setConfirmation(message);
          }}
        />
      )}
    </section>
  );
}

function DiversityForm({ mine, onSaved }: { mine: MyDiversity; onSaved: (message: string) => Promise<void> }) {
  const a = mine.answers;
  const [consent, setConsent] = useState(mine.consented);
  const [ageBand, setAgeBand] = useState(a ? (a.ageBand ?? NO_ANSWER) : '');
  const [perspective, setPerspective] = useState(a ? (a.perspective ?? NO_ANSWER) : '');
  const [work, setWork] = useState(a ? (a.work ?? NO_ANSWER) : '');
  const [region, setRegion] = useState(a ? (a.region ?? NO_ANSWER) : '');
  return (
    <>
      {mine.consented && <p>Du samtyckte {formatDate(mine.consentedAt)}.</p>}
      <Form
        idPrefix="mangfald-"
        submitLabel="Spara mina svar"
        sendingLabel="Sparar …"
        onSubmit={async () => {
          requireFields({ consent: !consent && 'Kryssa i att du samtycker, annars sparas inga svar.' });
          // A question left unanswered is left out of the answer sent.
          const answers = Object.fromEntries(Object.entries({ ageBand, perspective, work, region }).filter(([, v]) => orNull(v) !== null));
          await api.put<MyDiversity>('/me/diversity', { consent: true, ...answers });
          await onSaved('Klart. Dina svar är sparade och räknas med i sammanställningarna.');
        }}
      >
        <RadioGroup name="ageBand" label="Hur gammal är du?" value={ageBand} onChange={setAgeBand} options={options(AGE_BAND_LABELS)} />
        <RadioGroup name="perspective" label="Är du patient eller närstående?" value={perspective} onChange={setPerspective} options={options(PERSPECTIVE_LABELS)} />
        <RadioGroup name="work" label="Arbetar du?" value={work} onChange={setWork} options={options(WORK_STATUS_LABELS)} />
        <RadioGroup name="region" label="I vilken sjukvårdsregion bor du?" value={region} onChange={setRegion} options={options(REGION_LABELS)} />
        <Checkbox
          name="consent"
          label="Jag samtycker till att mina svar sparas och räknas in i sammanställningar om mångfald"
          hint="Samtycket kan återkallas när som helst."
          checked={consent}
          onChange={setConsent}
        />
      </Form>
      {mine.consented && (
        <ConfirmAction
          buttonLabel="Återkalla mitt samtycke"
          title="Återkalla samtycket?"
          confirmLabel="Ja, radera mina svar"
          sendingLabel="Raderar …"
          onConfirm={async () => {
            await api.delete<MyDiversity>('/me/diversity');
            await onSaved('Klart. Ditt samtycke är återkallat och dina svar är raderade.');
          }}
        >
          <p>Dina svar raderas direkt och räknas inte längre med i några siffror.</p>
        </ConfirmAction>
      )}
    </>
  );
}
