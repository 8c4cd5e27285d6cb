import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { hasRole, useUser } from '../../auth';
import { Deadline } from '../../components/Deadline';
import { DocumentViewer } from '../../components/DocumentViewer';
import { ConfirmAction } from '../../components/ConfirmAction';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Checkbox, Form, RadioGroup, requireFields, sendChecked, TextArea, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { AssignmentInputSection } from '../input/AssignmentInputSection';
import { formatDate, formatDateTime, formatOre } from '../../format';
import { useDraft, useLoad } from '../../hooks';
import { ASSIGNMENT_STATE_LABELS, END_REASON_LABELS, label, PERIOD_STATE_LABELS, REPRESENTATION_HINTS, REPRESENTATION_LABELS } from '../../labels';
import type { AssignmentView, DocumentView, FeeSchedule } from '../../types';

/** How often the page looks again while the service works (the agreement PDF being generated). */
const POLL_MS = 1500;

/**
 * One assignment, from offer to end: what the representative, the coordinator or the organisation has to do now,
 * by when, and the agreement and declaration. Each step goes to the assignment's workflow; the page shows the
 * answer and what happens next.
 */
export function AssignmentPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const [view, reload] = useLoad(() => api.get<AssignmentView>(`/assignments/${encodeURIComponent(id)}`), [id]);
  const [confirmation, setConfirmation] = useState('');
  const liveState = view.status === 'ok' ? (view.data.workflow.status?.state ?? view.data.assignment.state) : '';
  // The agreement is being generated (or the read model has not caught up with the workflow): look again shortly.
  const generating =
    view.status === 'ok' &&
    ((liveState === 'details-given' && !view.data.agreement?.documentId) || (liveState === 'agreement-drafted' && !view.data.agreement) || liveState !== view.data.assignment.state);

  useEffect(() => {
    if (!generating) return;
    const t = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(t);
  }, [generating, reload]);

  if (view.status !== 'ok')
    return (
      <Page title="Uppdrag">
        {view.status === 'loading' ? <Working>Hämtar uppdraget …</Working> : <ErrorMessage error={view.error} title="Uppdraget kunde inte visas" />}
      </Page>
    );
  const v = view.data;
  const a = v.assignment;
  const status = v.workflow.status;
  const state = status?.state ?? a.state;
  const mine = user.personId !== null && user.personId === a.personId;
  const coordinates = hasRole(user, 'coordinator', 'admin') && !mine;
  const done = async (msg: string) => {
    await reload();
    setConfirmation(msg);
  };
  const step = async (path: string, msg: string, body?: unknown) => {
    await api.post(`/assignments/${a.id}/${path}`, body);
    await done(msg);
  };
  const deadline = status?.deadline ?? null;

  return (
    <Page title={mine ? `Ditt uppdrag i ${v.group.name}` : `${v.person.fullName} i ${v.group.name}`}>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <p>
        <strong>{label(ASSIGNMENT_STATE_LABELS, state)}</strong>
        {state === 'ended' || state === 'declined' ? ` – ${label(END_REASON_LABELS, status?.endReason ?? a.endReason) || 'avslutat'}.` : ''}
      </p>

      <NextStep title="Att göra nu">
        <WhatNow state={state} mine={mine} coordinates={coordinates} waitingFor={status?.waitingFor ?? null} deadline={deadline} generating={generating} />
      </NextStep>

      {mine && state === 'nominated' && (
        <section aria-labelledby="svara">
          <h2 id="svara">Svara på erbjudandet</h2>
          <Terms v={v} />
          <FeeScheduleFacts assignmentId={a.id} />
          <Form submitLabel="Ja, jag tar uppdraget" sendingLabel="Skickar ditt svar …" onSubmit={() => step('accept', 'Tack! Du har tackat ja till uppdraget. Nästa steg är att lämna dina person- och betalningsuppgifter.')}>
            <p>Tackar du ja får du sedan lämna person- och betalningsuppgifter och signera en överenskommelse.</p>
          </Form>
          <p>Vill du inte ta uppdraget? Då kan du tacka nej.</p>
          <ConfirmAction
            buttonLabel="Nej tack"
            title="Tacka nej till uppdraget?"
            confirmLabel="Ja, tacka nej"
            sendingLabel="Skickar ditt svar …"
            onConfirm={() => step('decline', 'Du har tackat nej till uppdraget. Tack för att du svarade.')}
          >
            <p>Tackar du nej går erbjudandet till någon annan. Det går inte att ångra.</p>
          </ConfirmAction>
        </section>
      )}

      {mine && state === 'accepted' && <PersonalDetails assignmentId={a.id} onDone={done} />}

      {generating && <Working>Överenskommelsen tas fram. Det tar en liten stund; sidan uppdateras av sig själv.</Working>}

      {v.agreement?.documentId && (
        <Agreement
          assignmentId={a.id}
          documentId={v.agreement.documentId}
          canSign={mine && state === 'agreement-drafted'}
          canCountersign={coordinates && state === 'signed'}
          signedAt={v.agreement.signedAt}
          countersignedAt={v.agreement.countersignedAt}
          onDone={done}
        />
      )}

      {v.agreement && !v.agreement.documentId && ((mine && state === 'agreement-drafted') || (coordinates && state === 'signed')) && (
        <section aria-labelledby="overenskommelse-utan-pdf">
          <h2 id="overenskommelse-utan-pdf">Överenskommelse</h2>
          <p>
            Överenskommelsen (version {v.agreement.version}, upprättad {formatDateTime(v.agreement.draftedAt)}) kunde inte tas fram som dokument. Den kan inte
            signeras förrän dokumentet finns. Kontakta samordnaren.
          </p>
        </section>
      )}

      {mine && (state === 'countersigned' || state === 'declaration-needs-changes') && <Declaration assignmentId={a.id} comment={v.declaration?.reviewComment ?? null} onDone={done} />}

      {coordinates && state === 'declaration-submitted' && v.declaration && <ReviewDeclaration assignmentId={a.id} declaration={v.declaration} onDone={done} />}

      {coordinates && state === 'declaration-approved' && <IntroductionMeeting assignmentId={a.id} onDone={done} />}

      {mine && state === 'declaration-approved' && (
        <section aria-labelledby="introduktion">
          <h2 id="introduktion">Introduktion</h2>
          <Form
            submitLabel="Jag har gått igenom den digitala introduktionen"
            sendingLabel="Registrerar …"
            onSubmit={() => step('introduction', 'Du har gått igenom introduktionen. Uppdraget är nu aktivt.', { kind: 'digital' })}
          >
            <p>
              Introduktionen tar upp gruppens syfte och uppdrag, patienters och närståendes roll och hur kunskapsstyrningen är organiserad. Har du gått
              igenom den digitala introduktionen markerar du det här. Samordnaren kan också bjuda in till ett introduktionsmöte.
            </p>
          </Form>
        </section>
      )}

      {coordinates && status?.overdue && <OverdueStep assignmentId={a.id} onDone={done} />}

      {state === 'active' && <Reporting v={v} mine={mine} />}

      {v.declaration && !(coordinates && state === 'declaration-submitted') && (
        <section aria-labelledby="jav">
          <h2 id="jav">Jävsdeklaration</h2>
          <p>
            {v.declaration.hasInterests ? 'Har intressen som kan påverka arbetet.' : 'Inga intressen som kan påverka arbetet.'} Lämnad {formatDateTime(v.declaration.submittedAt)}.
            {v.declaration.reviewedAt ? ` Granskad ${formatDateTime(v.declaration.reviewedAt)}.` : ''}
          </p>
          {status?.declaration.nextDueAt && (
            <p>
              Deklarationen ska förnyas <Deadline date={status.declaration.nextDueAt} />, och tidigare om något ändras.
            </p>
          )}
        </section>
      )}

      {mine && !['ended', 'declined', 'nominated'].includes(state) && (
        <section aria-labelledby="avsluta">
          <h2 id="avsluta">Avsluta uppdraget</h2>
          <p>Du kan när som helst avsluta ditt uppdrag. Möten du redan har varit med på kan du fortfarande rapportera.</p>
          <WithdrawForm label="Avsluta mitt uppdrag" confirm="Ja, avsluta mitt uppdrag" question="Avsluta ditt uppdrag?" onSubmit={() => step('withdraw', 'Ditt uppdrag är avslutat. Samordnaren får besked. Tack för din medverkan!')} />
        </section>
      )}

      {hasRole(user, 'org-contact') && !mine && a.representation !== 'own-experience' && !['ended', 'declined'].includes(state) && (
        <section aria-labelledby="mandat">
          <h2 id="mandat">Dra tillbaka mandatet</h2>
          <p>Företrädaren sitter i gruppen med organisationens mandat. Drar ni tillbaka mandatet avslutas uppdraget.</p>
          <WithdrawForm label="Dra tillbaka mandatet" confirm="Ja, dra tillbaka mandatet" question="Dra tillbaka organisationens mandat?" onSubmit={() => step('mandate-withdrawal', 'Mandatet är tillbakadraget och uppdraget avslutat. Samordnaren och företrädaren får besked.')} />
        </section>
      )}

      {state !== 'nominated' && state !== 'declined' && (mine || coordinates || (hasRole(user, 'org-contact') && a.representation !== 'own-experience')) && (
        <AssignmentInputSection assignmentId={a.id} mine={mine} />
      )}

      <p>{coordinates && <Link to={`/grupper/${a.groupId}`}>Till gruppen {v.group.name}</Link>}</p>
    </Page>
  );
}

function WhatNow({ state, mine, coordinates, waitingFor, deadline, generating }: { state: string; mine: boolean; coordinates: boolean; waitingFor: string | null; deadline: string | null; generating: boolean }) {
  const by = deadline ? (
    <>
      {' '}
      Gör det <Deadline date={deadline} />.
    </>
  ) : null;
  if (generating) return <p>Tjänsten tar fram överenskommelsen. Sedan får företrädaren läsa och signera den.</p>;
  if (state === 'ended' || state === 'declined') return <p>Uppdraget är avslutat. Inget mer behöver göras.</p>;
  if (state === 'active') return <p>{mine ? 'Rapportera tid och kostnader efter varje möte. Ersättningen betalas ut efter att samordnaren har attesterat.' : 'Uppdraget är aktivt. Företrädaren rapporterar tid och kostnader, och du attesterar.'}</p>;
  const yourTurn = (mine && waitingFor === 'representative') || (coordinates && waitingFor === 'coordinator');
  const texts: Record<string, string> = {
    nominated: mine ? 'Svara på erbjudandet nedan. Om du inte svarar i tid räknas det som ett nej.' : 'Väntar på att personen svarar på erbjudandet.',
    accepted: mine ? 'Lämna dina person- och betalningsuppgifter nedan.' : 'Väntar på personens person- och betalningsuppgifter.',
    'agreement-drafted': mine ? 'Läs överenskommelsen och signera den nedan.' : 'Väntar på att företrädaren signerar överenskommelsen.',
    signed: coordinates ? 'Läs och kontrasignera överenskommelsen nedan.' : 'Väntar på att samordnaren kontrasignerar överenskommelsen.',
    countersigned: mine ? 'Lämna din jävsdeklaration nedan.' : 'Väntar på företrädarens jävsdeklaration.',
    'declaration-needs-changes': mine ? 'Komplettera din jävsdeklaration nedan.' : 'Väntar på att företrädaren kompletterar jävsdeklarationen.',
    'declaration-submitted': coordinates ? 'Granska jävsdeklarationen nedan.' : 'Samordnaren granskar din jävsdeklaration.',
    'declaration-approved': coordinates
      ? 'Registrera introduktionsmötet när det är hållet, eller vänta på att företrädaren går igenom den digitala introduktionen.'
      : mine
        ? 'Gå igenom den digitala introduktionen och markera den nedan, eller kom till det introduktionsmöte samordnaren bjuder in till.'
        : 'Väntar på introduktionen.',
  };
  return (
    <p>
      {texts[state] ?? 'Uppdraget är på väg.'}
      {(yourTurn || !waitingFor) && by}
      {!yourTurn && waitingFor && deadline ? (
        <>
          {' '}
          Det ska vara gjort <Deadline date={deadline} />.
        </>
      ) : null}
    </p>
  );
}

function Terms({ v }: { v: AssignmentView }) {
  const a = v.assignment;
  return (
    <dl className="facts facts-wide">
      <div>
        <dt>Grupp</dt>
        <dd>{v.group.name}</dd>
      </div>
      <div>
        <dt>Du företräder</dt>
        <dd>
          {label(REPRESENTATION_LABELS, a.representation)}. {REPRESENTATION_HINTS[a.representation]}
        </dd>
      </div>
      <div>
        <dt>Period</dt>
        <dd>
          {a.periodStart ? `Från ${formatDate(a.periodStart)}` : 'Startdatum bestäms senare'}
          {a.periodEnd ? ` till och med ${formatDate(a.periodEnd)}` : ', tills vidare'}
        </dd>
      </div>
      {(a.estimatedMeetingHours !== null || a.estimatedOtherHours !== null) && (
        <div>
          <dt>Beräknad tid</dt>
          <dd>
            {a.estimatedMeetingHours ?? 0} timmar möten och {a.estimatedOtherHours ?? 0} timmar annat arbete per år
          </dd>
        </div>
      )}
      <div>
        <dt>Arvode</dt>
        <dd>
          {a.employedByOrganisation ? 'Inget arvode (uppdraget ingår i din anställning).' : a.feeMode === 'hourly' ? 'Per timme.' : 'Per möte: heldag, halvdag eller kortare insats.'} Resor ersätts.
        </dd>
      </div>
    </dl>
  );
}

function PersonalDetails({ assignmentId, onDone }: { assignmentId: string; onDone: (msg: string) => Promise<void> }) {
  // Personnummer and bank account are never kept in the browser's storage: this form has no saved draft.
  const [d, setD] = useState({
    personalNumber: '',
    clearingNumber: '',
    accountNumber: '',
    postalAddress: '',
    mainIncome: false,
    taxStatus: 'none',
    invokeFSkatt: false,
    receivesBenefits: false,
    guardianName: '',
    guardianConsent: false,
  });
  const update = (p: Partial<typeof d>) => setD((x) => ({ ...x, ...p }));
  return (
    <section aria-labelledby="uppgifter">
      <h2 id="uppgifter">Person- och betalningsuppgifter</h2>
      <p>Uppgifterna behövs för att betala ut arvodet och rapportera det till Skatteverket. De sparas krypterade och visas bara för dig och för ekonomi.</p>
      <Form
        submitLabel="Spara uppgifterna"
        sendingLabel="Sparar …"
        onSubmit={async () => {
          const checks = {
            personalNumber: !d.personalNumber.trim() && 'Skriv ditt personnummer.',
            clearingNumber: !d.clearingNumber.trim() && 'Skriv bankens clearingnummer.',
            accountNumber: !d.accountNumber.trim() && 'Skriv ditt kontonummer.',
          };
          await sendChecked(checks, (extra) => api.put(`/assignments/${assignmentId}/personal-details`, {
            personalNumber: d.personalNumber.trim(),
            clearingNumber: d.clearingNumber.trim(),
            accountNumber: d.accountNumber.trim(),
            ...(d.postalAddress.trim() ? { postalAddress: d.postalAddress.trim() } : {}),
            mainIncome: d.mainIncome,
            taxStatus: d.taxStatus,
            ...(d.taxStatus === 'fa-skatt' ? { invokeFSkatt: d.invokeFSkatt } : {}),
            receivesBenefits: d.receivesBenefits,
            ...(d.guardianName.trim() ? { guardianName: d.guardianName.trim() } : {}),
            ...(d.guardianConsent ? { guardianConsent: true } : {}),
            ...extra,
          }));
          await onDone(
            d.receivesBenefits
              ? 'Dina uppgifter är sparade. Nu tas överenskommelsen fram. Kontakta din handläggare på Försäkringskassan om vad som gäller när du samtidigt får arvode (rutinen §4.5.2); vi har också mejlat dig om det.'
              : 'Dina uppgifter är sparade. Nu tas överenskommelsen fram.',
          );
        }}
      >
        <TextField name="personalNumber" label="Personnummer" hint="ÅÅÅÅMMDD-NNNN. Har du samordningsnummer skriver du det." autoComplete="off" width="medium" value={d.personalNumber} onChange={(v) => update({ personalNumber: v })} required />
        <TextField name="clearingNumber" label="Clearingnummer" hint="Fyra siffror (Swedbank ibland fem, till exempel 8327-9). Finns i din internetbank." inputMode="numeric" width="short" value={d.clearingNumber} onChange={(v) => update({ clearingNumber: v })} required />
        <TextField name="accountNumber" label="Kontonummer" inputMode="numeric" width="medium" value={d.accountNumber} onChange={(v) => update({ accountNumber: v })} required />
        <TextArea name="postalAddress" label="Postadress" hint="Dit skickas utbetalningsbesked och kontrolluppgifter." rows={3} value={d.postalAddress} onChange={(v) => update({ postalAddress: v })} required={false} />
        <Checkbox name="mainIncome" label="Arvodet är min huvudinkomst" hint="Då dras skatt enligt din skattetabell i stället för 30 procent." checked={d.mainIncome} onChange={(v) => update({ mainIncome: v })} />
        <RadioGroup
          name="taxStatus"
          label="Har du F-skatt eller FA-skatt?"
          hint="Arvodet betalas till privatpersoner, inte till företag. Med FA-skatt betalas det som till en privatperson med skatteavdrag, om du inte åberopar F-skatten."
          value={d.taxStatus}
          onChange={(v) => update({ taxStatus: v, invokeFSkatt: false })}
          options={[
            { value: 'none', label: 'Ingen av dem' },
            { value: 'fa-skatt', label: 'FA-skatt (både F-skatt och A-skatt)' },
            { value: 'f-skatt', label: 'F-skatt' },
          ]}
        />
        {d.taxStatus === 'fa-skatt' && (
          <Checkbox
            name="invokeFSkatt"
            label="Jag åberopar min F-skatt för arvodet"
            hint="Då får betalaren varken dra skatt eller betala arbetsgivaravgifter, och enligt rutinen betalas arvode då oftast inte ut."
            checked={d.invokeFSkatt}
            onChange={(v) => update({ invokeFSkatt: v })}
          />
        )}
        <Checkbox name="receivesBenefits" label="Jag får ersättning från Försäkringskassan" hint="Då får du rutinens råd om vad du behöver kontrollera." checked={d.receivesBenefits} onChange={(v) => update({ receivesBenefits: v })} />
        <TextField name="guardianName" label="Vårdnadshavare (om du är under 18 år)" hint="Är du under 18 år behöver en vårdnadshavare samtycka till uppdraget." width="medium" value={d.guardianName} onChange={(v) => update({ guardianName: v })} />
        {d.guardianName.trim() !== '' && (
          <Checkbox name="guardianConsent" label="Vårdnadshavaren samtycker till uppdraget" checked={d.guardianConsent} onChange={(v) => update({ guardianConsent: v })} />
        )}
      </Form>
    </section>
  );
}

function Agreement(props: {
  assignmentId: string;
  documentId: string;
  canSign: boolean;
  canCountersign: boolean;
  signedAt: string | null;
  countersignedAt: string | null;
  onDone: (msg: string) => Promise<void>;
}) {
  const [doc] = useLoad(() => api.get<DocumentView>(`/documents/${encodeURIComponent(props.documentId)}`), [props.documentId, props.signedAt, props.countersignedAt]);
  const [read, setRead] = useState(false);
  const role = props.canSign ? 'representative' : props.canCountersign ? 'countersigner' : null;
  const latest = doc.status === 'ok' && doc.data.sealedVersions.length ? doc.data.sealedVersions[doc.data.sealedVersions.length - 1].id : props.documentId;
  return (
    <section aria-labelledby="overenskommelse">
      <h2 id="overenskommelse">Överenskommelse</h2>
      <p>
        {props.signedAt ? `Signerad av företrädaren ${formatDateTime(props.signedAt)}. ` : 'Inte signerad av företrädaren ännu. '}
        {props.countersignedAt ? `Kontrasignerad ${formatDateTime(props.countersignedAt)}.` : 'Inte kontrasignerad ännu.'}
      </p>
      {doc.status === 'ok' && role && <DocumentViewer documentId={latest} fileName={doc.data.fileName} title="överenskommelsen" />}
      {doc.status === 'ok' && !role && (
        <p>
          <Link to={`/dokument/${latest}`}>Läs överenskommelsen</Link>
        </p>
      )}
      {doc.status === 'error' && <ErrorMessage error={doc.error} title="Överenskommelsen kunde inte visas" />}
      {role && doc.status === 'ok' && (
        <Form
          submitLabel={role === 'representative' ? 'Signera överenskommelsen' : 'Kontrasignera överenskommelsen'}
          sendingLabel="Signerar …"
          onSubmit={async () => {
            requireFields({ read: !read && 'Bekräfta att du har läst överenskommelsen.' });
            // One action (issue 16 #4): the document shown is signed (its hash) and the assignment moves on.
            await api.post(`/assignments/${props.assignmentId}/agreement/${role === 'representative' ? 'sign' : 'countersign'}`, { expectedSha256: doc.data.sha256 });
            setRead(false);
            await props.onDone(
              role === 'representative'
                ? 'Du har signerat överenskommelsen. Nu kontrasignerar samordnaren den, och sedan lämnar du en jävsdeklaration.'
                : 'Överenskommelsen är kontrasignerad. Nu lämnar företrädaren sin jävsdeklaration.',
            );
          }}
        >
          <Checkbox name="read" label="Jag har läst överenskommelsen och godkänner den" checked={read} onChange={setRead} />
        </Form>
      )}
    </section>
  );
}

function OverdueStep({ assignmentId, onDone }: { assignmentId: string; onDone: (msg: string) => Promise<void> }) {
  const [days, setDays] = useState('14');
  return (
    <section aria-labelledby="forsenat">
      <h2 id="forsenat">Försenat steg</h2>
      <p>Steget har inte gjorts trots påminnelser. Ge det mer tid, eller avsluta uppdraget.</p>
      <Form
        submitLabel="Förläng tiden"
        sendingLabel="Förlänger …"
        onSubmit={async () => {
          const n = Number(days);
          requireFields({ extendByDays: !(Number.isInteger(n) && n >= 1 && n <= 365) && 'Ange 1–365 dagar.' });
          await api.post(`/assignments/${assignmentId}/overdue-step`, { decision: 'extend', extendByDays: n });
          await onDone(`Steget har fått ${n} dagar till. Påminnelserna börjar om.`);
        }}
      >
        <TextField name="extendByDays" label="Antal dagar till" type="number" inputMode="numeric" width="short" value={days} onChange={setDays} required />
      </Form>
      <WithdrawForm label="Avsluta uppdraget" confirm="Jag vill avsluta uppdraget eftersom steget inte blir gjort" question="Avsluta uppdraget för att steget inte blir gjort?" onSubmit={async () => {
        await api.post(`/assignments/${assignmentId}/overdue-step`, { decision: 'end' });
        await onDone('Uppdraget är avslutat. Företrädaren och gruppen får besked.');
      }} />
    </section>
  );
}

function IntroductionMeeting({ assignmentId, onDone }: { assignmentId: string; onDone: (msg: string) => Promise<void> }) {
  const [heldOn, setHeldOn] = useState(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }));
  return (
    <section aria-labelledby="introduktion">
      <h2 id="introduktion">Introduktion</h2>
      <Form
        submitLabel="Registrera att introduktionen är genomförd"
        sendingLabel="Registrerar …"
        onSubmit={async () => {
          requireFields({ heldOn: !heldOn && 'Ange dagen för introduktionsmötet.' });
          await api.post(`/assignments/${assignmentId}/introduction`, { kind: 'meeting', heldOn });
          await onDone('Introduktionsmötet är registrerat. Uppdraget är nu aktivt.');
        }}
      >
        <p>Introduktionen tar upp gruppens syfte och uppdrag, patienters och närståendes roll och hur kunskapsstyrningen är organiserad.</p>
        <TextField name="heldOn" label="Dag för introduktionsmötet" type="date" width="medium" value={heldOn} onChange={setHeldOn} required />
      </Form>
    </section>
  );
}

function Declaration({ assignmentId, comment, onDone }: { assignmentId: string; comment: string | null; onDone: (msg: string) => Promise<void> }) {
  const [d, update, clear] = useDraft(`jav-${assignmentId}`, () => ({ hasInterests: '', interests: '' }));
  return (
    <section aria-labelledby="deklaration">
      <h2 id="deklaration">Jävsdeklaration</h2>
      {comment && (
        <div className="info-box">
          <p>
            <strong>Samordnaren ber dig komplettera:</strong> {comment}
          </p>
        </div>
      )}
      <p>Innan du deltar i gruppens arbete berättar du om uppdrag, anställningar eller andra intressen som kan påverka arbetet. Har du en intressekonflikt i en fråga deltar du inte i just den frågan.</p>
      <Form
        submitLabel="Skicka jävsdeklarationen"
        sendingLabel="Skickar …"
        onSubmit={async () => {
          const checks = {
            hasInterests: !d.hasInterests && 'Svara ja eller nej.',
            interests: d.hasInterests === 'ja' && !d.interests.trim() && 'Beskriv dina intressen.',
          };
          await sendChecked(checks, (extra) => api.post(`/assignments/${assignmentId}/declaration`, {
            hasInterests: d.hasInterests === 'ja',
            ...(d.hasInterests === 'ja' ? { interests: d.interests.trim() } : {}),
            ...extra,
          }));
          clear();
          await onDone('Din jävsdeklaration är skickad. Samordnaren granskar den.');
        }}
      >
        <RadioGroup
          name="hasInterests"
          label="Har du uppdrag, anställningar eller andra intressen som kan påverka arbetet i gruppen?"
          value={d.hasInterests}
          onChange={(v) => update({ hasInterests: v })}
          options={[
            { value: 'nej', label: 'Nej' },
            { value: 'ja', label: 'Ja' },
          ]}
        />
        {d.hasInterests === 'ja' && <TextArea name="interests" label="Beskriv dina intressen" hint="Till exempel uppdrag från ett läkemedelsföretag, eller en anställning inom vården." value={d.interests} onChange={(v) => update({ interests: v })} />}
      </Form>
    </section>
  );
}

function ReviewDeclaration({ assignmentId, declaration, onDone }: { assignmentId: string; declaration: NonNullable<AssignmentView['declaration']>; onDone: (msg: string) => Promise<void> }) {
  const [outcome, setOutcome] = useState('');
  const [comment, setComment] = useState('');
  return (
    <section aria-labelledby="granska">
      <h2 id="granska">Granska jävsdeklarationen</h2>
      <p>
        Lämnad {formatDateTime(declaration.submittedAt)}. {declaration.hasInterests ? 'Företrädaren har angett intressen:' : 'Företrädaren har inga intressen som kan påverka arbetet.'}
      </p>
      {declaration.hasInterests && declaration.interests && <blockquote className="quote">{declaration.interests}</blockquote>}
      <Form
        submitLabel="Spara granskningen"
        sendingLabel="Sparar …"
        onSubmit={async () => {
          const checks = { outcome: !outcome && 'Välj godkänd eller behöver kompletteras.', comment: outcome === 'needs-changes' && !comment.trim() && 'Skriv vad som behöver kompletteras.' };
          await sendChecked(checks, (extra) => api.post(`/assignments/${assignmentId}/declaration/review`, { outcome, ...(comment.trim() ? { comment: comment.trim() } : {}), ...extra }));
          await onDone(outcome === 'approved' ? 'Jävsdeklarationen är godkänd. Nästa steg är introduktionen.' : 'Företrädaren ombeds komplettera jävsdeklarationen.');
        }}
      >
        <RadioGroup
          name="outcome"
          label="Bedömning"
          value={outcome}
          onChange={setOutcome}
          options={[
            { value: 'approved', label: 'Godkänd' },
            { value: 'needs-changes', label: 'Behöver kompletteras' },
          ]}
        />
        <TextArea name="comment" label="Kommentar till företrädaren" hint="Krävs om deklarationen behöver kompletteras." rows={3} value={comment} onChange={setComment} required={false} />
      </Form>
    </section>
  );
}

function Reporting({ v, mine }: { v: AssignmentView; mine: boolean }) {
  const periods = v.workflow.status?.reporting.periods ?? [];
  return (
    <section aria-labelledby="rapportering">
      <h2 id="rapportering">Tid och kostnader</h2>
      {mine && (
        <p>
          <Link className="button" to={`/uppdrag/${v.assignment.id}/rapportera`}>
            Rapportera ett möte
          </Link>
        </p>
      )}
      {periods.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="perioder" tabIndex={0}>
          <table>
            <caption id="perioder">Rapportperioder ({v.workflow.status?.reporting.frequency === 'monthly' ? 'varje månad' : 'varje kvartal'})</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Läge</th>
                <th scope="col">Perioden slutar</th>
                <th scope="col">Rapportera senast</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.key}>
                  <th scope="row">{p.key}</th>
                  <td>{label(PERIOD_STATE_LABELS, p.state)}</td>
                  <td>{formatDate(p.endsAt)}</td>
                  <td>{p.dueAt ? formatDate(p.dueAt) : 'Sätts när perioden har slutat'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function WithdrawForm({ label: text, confirm, question, onSubmit }: { label: string; confirm: string; question: string; onSubmit: () => Promise<void> }) {
  return (
    <ConfirmAction buttonLabel={text} title={question} confirmLabel={confirm} sendingLabel="Avslutar …" onConfirm={onSubmit}>
      <p>Uppdraget avslutas och samordnaren får besked. Det går inte att ångra.</p>
    </ConfirmAction>
  );
}

const TIER_TEXT: Record<FeeSchedule['tiers'][number]['tier'], string> = {
  'full-day': 'Heldag, mer än 4 timmar',
  'half-day': 'Halvdag, 2 till 4 timmar',
  short: 'Kortare, upp till 2 timmar',
  hour: 'Per timme',
};

/**
 * The offer's amounts (issue 17 #7): what each meeting pays, by the payout's own calculation with the payer's rate
 * table in force today (GET /assignments/:id/fee-schedule).
 */
function FeeScheduleFacts({ assignmentId }: { assignmentId: string }) {
  const [schedule] = useLoad(() => api.get<FeeSchedule>(`/assignments/${encodeURIComponent(assignmentId)}/fee-schedule`), [assignmentId]);
  if (schedule.status === 'loading') return <Working>Räknar ut arvodet …</Working>;
  if (schedule.status === 'error') return <ErrorMessage error={schedule.error} title="Arvodet kunde inte räknas ut" />;
  const s = schedule.data;
  if (s.employedByOrganisation) return null;
  return (
    <div className="info-box">
      <h3>Det här betalas ut per möte</h3>
      <dl className="facts">
        {s.tiers.map((t) => (
          <div key={t.tier}>
            <dt>{TIER_TEXT[t.tier]}</dt>
            <dd>{formatOre(t.feeOre)} före skatt</dd>
          </div>
        ))}
      </dl>
      <p className="small">
        Tiden räknas med restid. Resor ersätts dessutom mot kvitto. Beloppen följer betalarens taxetabell{s.rateTable ? ` (${s.rateTable})` : ''} den {formatDate(s.asOf)}. Får du
        ersättning från Försäkringskassan behöver du själv kontrollera vad som gäller där.
      </p>
    </div>
  );
}
