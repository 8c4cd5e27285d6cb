import type { MailParams, MailTemplate } from '../../workflows/notifications';

/** What the texts are filled with: looked up by the sendMail activity from the IDs the workflow gave. */
export interface MailContext {
  groupName: string;
  personName: string | null;
  organisationName: string | null;
  /** Already written out in Swedish, Stockholm time. */
  deadline: string | null;
  urgent: boolean;
  period: string | null;
  reason: string | null;
  step: string | null;
  counts: Record<string, number>;
  /** The coordinator's comment on a declaration (declaration-needs-changes, declaration-reviewed). */
  reviewComment?: string | null;
  /** The nominee as the nominator named them, and the coordinator's reason for declining (issue 16 #1). */
  nomineeName?: string | null;
  declineReason?: string | null;
  /** How many people a nomination request asks for, and the coordinator's message with it (issue 16 #1). */
  wanted?: number | null;
  requestMessage?: string | null;
  /** The input item whose outcome is told (issue 19 #1): the meeting, what was raised and what became of it, in words. */
  input?: { activityTitle: string; activityDate: string | null; raised: string; outcome: string; reason: string | null; guidelineSection: string | null } | null;
  /** The web app's address (PUBLIC_URL, or the API's own address). */
  appUrl: string;
  /** The page where the step the mail is about is done (issue 16 #3): `stepLink`. */
  link: string;
}

/** Templates whose reader is the organisation (its requests page), the coordinators (the group) or finance. */
const ORGANISATION_PAGE: ReadonlySet<MailTemplate> = new Set(['nominee-appointed', 'nominee-rejected', 'assignment-ended-organisation']);
const GROUP_PAGE: ReadonlySet<MailTemplate> = new Set([
  'nomination-received',
  'nomination-request-declined',
  'nomination-round-closed',
  'recruitment-restarted',
  'group-staffed',
]);
const FINANCE_PAGE: ReadonlySet<MailTemplate> = new Set(['new-payee', 'payee-ended']);

/**
 * The direct link of a mail: the web page where its reader does the step (issue 16 #3). A request's page for an
 * organisation asked to nominate, the group's page for its coordinators' recruitment news, the attest page for an
 * attestation, the report form for a report, the payout runs for finance, and the assignment's page otherwise.
 */
export function stepLink(template: MailTemplate, params: Pick<MailParams, 'groupId' | 'assignmentId' | 'requestId'>, appUrl: string): string {
  const base = appUrl.replace(/\/+$/, '');
  const path = (() => {
    // The declined nominee has no account: the app's start page.
    if (template === 'nomination-declined') return '/';
    if (template === 'nomination-request' || template === 'nomination-reminder') return params.requestId ? `/nomineringar/${params.requestId}` : '/nomineringar';
    if (ORGANISATION_PAGE.has(template)) return params.requestId ? `/nomineringar/${params.requestId}` : '/nomineringar';
    if (GROUP_PAGE.has(template)) return `/grupper/${params.groupId}`;
    if (FINANCE_PAGE.has(template)) return '/utbetalningar';
    if (template === 'attestation-reminder') return `/grupper/${params.groupId}/attestera`;
    if ((template === 'report-due' || template === 'report-reminder') && params.assignmentId) return `/uppdrag/${params.assignmentId}/rapportera`;
    return params.assignmentId ? `/uppdrag/${params.assignmentId}` : `/grupper/${params.groupId}`;
  })();
  return `${base}${path}`;
}

export interface RenderedMail {
  subject: string;
  body: string;
}

const END_REASONS: Record<string, string> = {
  'period-ended': 'överenskommelsens period har löpt ut',
  withdrawn: 'företrädaren har lämnat uppdraget',
  'mandate-withdrawn': 'den nominerande organisationen har återkallat sitt mandat',
  'group-ended': 'arbetsgruppen har avslutat sitt arbete',
  declined: 'personen tackade nej',
  'no-answer': 'inget svar kom före svarstiden, vilket räknas som att personen tackat nej',
  'step-overdue': 'ett steg i uppdraget blev inte gjort trots påminnelser',
};

/** What whoever's turn it is should do, per assignment state. */
const STEP_TODO: Record<string, string> = {
  accepted: 'lämna dina person- och betalningsuppgifter',
  'agreement-drafted': 'läsa och underteckna överenskommelsen',
  signed: 'kontrasignera överenskommelsen för gruppen',
  countersigned: 'lämna din jävsdeklaration',
  'declaration-needs-changes': 'komplettera din jävsdeklaration',
  'declaration-submitted': 'granska jävsdeklarationen',
  'declaration-approved': 'genomföra introduktionen och registrera att den är klar',
};

/** How many people a request asks for, in words. */
const howMany = (wanted: number | null | undefined) =>
  wanted === 1 ? 'en person' : wanted ? `upp till ${wanted} personer` : 'en eller flera personer';
const hello = (name: string | null) => (name ? `Hej ${name}!` : 'Hej!');
const login = (c: MailContext) => `\n\nÖppna ärendet i Medverkan (logga in om du behöver): ${c.link}`;
const by = (c: MailContext) => (c.deadline ? ` senast ${c.deadline}` : '');
const sign = '\n\nVänliga hälsningar\nMedverkan – patient- och närståendemedverkan i kunskapsstyrningen';
const reasonText = (c: MailContext) => END_REASONS[c.reason ?? ''] ?? 'uppdraget har avslutats';
const n = (c: MailContext, k: string) => c.counts[k] ?? 0;
/** The coordinator's comment as its own paragraph, or the space between two sentences. */
const comment = (c: MailContext) => (c.reviewComment ? `\n\nSamordnarens kommentar: ${c.reviewComment}\n\n` : ' ');

type Texts = (c: MailContext) => RenderedMail;

const TEXTS: Record<MailTemplate, Texts> = {
  'nomination-request': (c) => ({
    subject: `${c.urgent ? 'Brådskande: ' : ''}Förfrågan om nominering till ${c.groupName}`,
    body:
      `${hello(c.organisationName)}\n\n` +
      `${c.groupName} söker patient- och närståendeföreträdare. Vi ber er nominera ${howMany(c.wanted)}${by(c)}.` +
      (c.requestMessage ? `\n\nMeddelande från samordnaren:\n${c.requestMessage}\n` : '') +
      (c.urgent ? ' Gruppen har redan börjat sitt arbete, så vi behöver ert svar så snart som möjligt.' : '') +
      `\n\nAnge för varje person om hen företräder er organisation med mandat, sin egen erfarenhet eller båda. ` +
      `Om ni inte kan nominera någon, svara gärna ändå så att vi kan fråga andra.` +
      login(c) +
      sign,
  }),
  'nomination-reminder': (c) => ({
    subject: `Påminnelse: nominering till ${c.groupName}`,
    body:
      `${hello(c.organisationName)}\n\nVi har ännu inte fått ert svar på förfrågan om att nominera en företrädare till ${c.groupName}. ` +
      `Svara${by(c)}, antingen med en nominering eller med att ni avstår.` +
      login(c) +
      sign,
  }),
  'nomination-received': (c) => ({
    subject: `Ny nominering till ${c.groupName}`,
    body:
      `Hej!\n\n${c.organisationName ? `${c.organisationName} har nominerat` : 'En direktrekrytering har registrerats för'} ` +
      `en företrädare till ${c.groupName}. Nomineringen väntar på ditt beslut: utse eller avböj.` +
      login(c) +
      sign,
  }),
  'nomination-request-declined': (c) => ({
    subject: `${c.organisationName ?? 'En organisation'} avstår från att nominera till ${c.groupName}`,
    body: `Hej!\n\n${c.organisationName ?? 'En organisation'} har svarat att de inte nominerar någon till ${c.groupName} den här gången.${login(c)}${sign}`,
  }),
  'nomination-round-closed': (c) => ({
    subject: `Nomineringstiden för ${c.groupName} har gått ut`,
    body:
      `Hej!\n\nNomineringstiden för ${c.groupName} har gått ut. ` +
      `${n(c, 'nominated')} organisation(er) nominerade, ${n(c, 'declined')} avstod och ${n(c, 'noAnswer')} svarade inte. ` +
      `${n(c, 'pending')} nominering(ar) väntar på ditt beslut.` +
      (n(c, 'nominated') === 0 && n(c, 'pending') === 0 ? ' Gruppen har ännu inga nya företrädare: starta en ny omgång eller rekrytera direkt.' : '') +
      login(c) +
      sign,
  }),
  'nominee-appointed': (c) => ({
    subject: `Er nominerade har utsetts till ${c.groupName}`,
    body: `${hello(c.organisationName)}\n\nDen person ni nominerade har utsetts till ${c.groupName}. Hen får nu en förfrågan om att acceptera uppdraget.${login(c)}${sign}`,
  }),
  'nominee-rejected': (c) => ({
    subject: `Besked om er nominering till ${c.groupName}`,
    body:
      `${hello(c.organisationName)}\n\nTack för er nominering till ${c.groupName}. Samordnaren har den här gången valt att inte utse ` +
      `${c.nomineeName ? c.nomineeName : 'den person ni nominerade'}.` +
      (c.declineReason ? `\n\nSamordnarens skäl: ${c.declineReason}` : '') +
      `\n\nOm förfrågan fortfarande är öppen kan ni nominera någon annan.${login(c)}${sign}`,
  }),
  'nomination-declined': (c) => ({
    subject: `Besked om din nominering till ${c.groupName}`,
    body:
      `${hello(c.personName)}\n\n${c.organisationName ? `${c.organisationName} har nominerat dig` : 'Du har föreslagits'} som patient- eller ` +
      `närståendeföreträdare i ${c.groupName}. Samordnaren för gruppen har gått igenom nomineringen och har bestämt att inte ge dig uppdraget den här gången.` +
      (c.declineReason ? `\n\nSamordnarens skäl: ${c.declineReason}` : '') +
      `\n\nTack för att du ville vara med. Du kan bli nominerad igen, till den här gruppen eller till en annan. Har du frågor, ` +
      `kontakta ${c.organisationName ?? 'samordnaren'}.\n\nOm Medverkan: ${c.link}${sign}`,
  }),
  'recruitment-restarted': (c) => ({
    subject: `${c.groupName} har för få företrädare: rekryteringen har startat igen`,
    body:
      `Hej!\n\n${c.groupName} har nu ${n(c, 'active')} aktiva patient- eller närståendeföreträdare men ska ha minst ${n(c, 'minimum')}. ` +
      (n(c, 'requests') > 0
        ? `En ny nomineringsomgång har startat och ${n(c, 'requests')} organisation(er) har tillfrågats${by(c)}.`
        : 'Ingen organisation att fråga automatiskt: välj organisationer eller rekrytera direkt.') +
      login(c) +
      sign,
  }),
  'group-staffed': (c) => ({
    subject: `${c.groupName} har nu tillräckligt många företrädare`,
    body: `Hej!\n\n${c.groupName} har nu ${n(c, 'active')} aktiva patient- eller närståendeföreträdare (minst ${n(c, 'minimum')} behövs).${login(c)}${sign}`,
  }),
  'assignment-offer': (c) => ({
    subject: `Du har utsetts till företrädare i ${c.groupName}`,
    body:
      `${hello(c.personName)}\n\nDu har utsetts till patient- eller närståendeföreträdare i ${c.groupName}. ` +
      `Svara${by(c)} om du accepterar uppdraget. Om vi inte får något svar räknar vi med att du tackar nej.` +
      `\n\nUppdraget ger ett skattepliktigt arvode och reseersättning. Om du samtidigt får ersättning från ` +
      `Försäkringskassan, kontakta din handläggare där om vad som gäller för dig.` +
      login(c) +
      sign,
  }),
  'assignment-offer-reminder': (c) => ({
    subject: `Påminnelse: svara på uppdraget i ${c.groupName}`,
    body: `${hello(c.personName)}\n\nVi har ännu inte fått ditt svar på uppdraget i ${c.groupName}. Svara${by(c)}; utan svar räknar vi med att du tackar nej.${login(c)}${sign}`,
  }),
  'assignment-declined': (c) => ({
    subject: `En utsedd företrädare i ${c.groupName} tar inte uppdraget`,
    body: `Hej!\n\nUppdraget i ${c.groupName} blir inte av: ${reasonText(c)}. Utse någon annan eller starta en ny nomineringsomgång om gruppen behöver fler företrädare.${login(c)}${sign}`,
  }),
  'details-requested': (c) => ({
    subject: `Dina uppgifter för uppdraget i ${c.groupName}`,
    body:
      `${hello(c.personName)}\n\nTack för att du tar uppdraget i ${c.groupName}! För att vi ska kunna skriva överenskommelsen och betala ut arvode behöver vi ` +
      `ditt personnummer eller samordningsnummer och ditt bankkonto. Lämna dem${by(c)}. Uppgifterna sparas krypterade och visas bara för dig och ekonomi.` +
      login(c) +
      sign,
  }),
  'agreement-ready': (c) => ({
    subject: `Överenskommelsen för ${c.groupName} är klar att underteckna`,
    body:
      `${hello(c.personName)}\n\nÖverenskommelsen om ditt uppdrag i ${c.groupName} är upprättad. Den beskriver uppdraget, beräknad tidsåtgång, ` +
      `arvode, informationsansvar och att du lämnar en jävsdeklaration. Läs och underteckna den${by(c)}.` +
      login(c) +
      sign,
  }),
  'countersign-requested': (c) => ({
    subject: `Kontrasignera överenskommelsen i ${c.groupName}`,
    body: `Hej!\n\nFöreträdaren har undertecknat överenskommelsen i ${c.groupName}. Kontrasignera den för gruppen${by(c)}.${login(c)}${sign}`,
  }),
  'declaration-requested': (c) => ({
    subject: `Lämna din jävsdeklaration för ${c.groupName}`,
    body:
      `${hello(c.personName)}\n\nÖverenskommelsen om ditt uppdrag i ${c.groupName} är nu underskriven av båda parter. Nästa steg är din jävsdeklaration: ange uppdrag, anställningar eller ` +
      `andra intressen som kan påverka ditt arbete i gruppen, eller att du inte har några. Lämna den${by(c)}.` +
      login(c) +
      sign,
  }),
  'declaration-review-requested': (c) => ({
    subject: `Granska jävsdeklaration i ${c.groupName}`,
    body: `Hej!\n\nEn företrädare i ${c.groupName} har lämnat en jävsdeklaration. Granska den och godkänn eller begär komplettering${by(c)}.${login(c)}${sign}`,
  }),
  'declaration-needs-changes': (c) => ({
    subject: `Din jävsdeklaration behöver kompletteras`,
    body: `${hello(c.personName)}\n\nSamordnaren för ${c.groupName} har granskat din jävsdeklaration och behöver en komplettering.${comment(c)}Lämna en ny deklaration${by(c)}.${login(c)}${sign}`,
  }),
  'declaration-reviewed': (c) => ({
    subject: `Din jävsdeklaration för ${c.groupName} är granskad`,
    body:
      `${hello(c.personName)}\n\nSamordnaren för ${c.groupName} har granskat och godkänt din jävsdeklaration.${comment(c)}` +
      `Bedömningen, och de frågor du i så fall inte deltar i, finns i Medverkan under ditt uppdrag.${login(c)}${sign}`,
  }),
  'benefits-advice': (c) => ({
    subject: `Arvode och ersättning från Försäkringskassan`,
    body:
      `${hello(c.personName)}\n\nDu har berättat att du får ersättning från Försäkringskassan. Enligt rutinen för patientmedverkan (§4.5.2) ` +
      `kontaktar du din handläggare på Försäkringskassan om vilka regler som gäller när du samtidigt får arvode för uppdraget i ${c.groupName}.` +
      login(c) +
      sign,
  }),
  'introduction-offered': (c) => ({
    subject: `Välkommen till introduktionen i ${c.groupName}`,
    body:
      `${hello(c.personName)}\n\nDin jävsdeklaration är godkänd. Alla i ${c.groupName} erbjuds en introduktion om gruppens syfte och uppdrag, ` +
      `patienters och närståendes och övriga deltagares roller och om kunskapsstyrningsorganisationen. Gå igenom den digitala introduktionen och markera den som genomförd, eller kom till det introduktionsmöte samordnaren bjuder in till.` +
      login(c) +
      sign,
  }),
  'introduction-pending': (c) => ({
    subject: `Introduktion för en ny företrädare i ${c.groupName}`,
    body: `Hej!\n\nEn ny företrädare i ${c.groupName} är klar för introduktion. Genomför den och registrera att den är klar${by(c)}; därefter är uppdraget aktivt.${login(c)}${sign}`,
  }),
  'assignment-active': (c) => ({
    subject: `Ditt uppdrag i ${c.groupName} har börjat`,
    body:
      `${hello(c.personName)}\n\nDitt uppdrag i ${c.groupName} är nu aktivt. Efter varje period rapporterar du tid och kostnader för möten och arbete; ` +
      `vi påminner dig. Arvode betalas ut efter att rapporten har attesterats.` +
      login(c) +
      sign,
  }),
  'new-payee': (c) => ({
    subject: `Ny arvodesmottagare i ${c.groupName}`,
    body: `Hej!\n\nEn patient- eller närståendeföreträdare i ${c.groupName} har påbörjat sitt uppdrag och kommer att rapportera tid och kostnader för utbetalning. Person- och betalningsuppgifterna finns i Medverkan.${login(c)}${sign}`,
  }),
  'step-reminder': (c) => ({
    subject: `Påminnelse: ${c.groupName}`,
    body: `Hej!\n\nVi väntar på att du ska ${STEP_TODO[c.step ?? ''] ?? 'slutföra nästa steg'} i ${c.groupName}. Gör det gärna${by(c)}.${login(c)}${sign}`,
  }),
  'step-overdue': (c) => ({
    subject: `Ett steg i ${c.groupName} är försenat`,
    body: `Hej!\n\nEtt uppdrag i ${c.groupName} har stått still efter flera påminnelser: det väntar på att någon ska ${STEP_TODO[c.step ?? ''] ?? 'slutföra nästa steg'}. Kontakta den det gäller, och förläng tiden för steget eller avsluta uppdraget i Medverkan.${login(c)}${sign}`,
  }),
  'report-due': (c) => ({
    subject: `Dags att rapportera tid och kostnader för ${c.period ?? 'perioden'}`,
    body:
      `${hello(c.personName)}\n\nPerioden ${c.period ?? ''} i ${c.groupName} är slut. Rapportera tid (inklusive restid) och kostnader för möten och arbete under perioden${by(c)}, ` +
      `så att arvode och reseersättning kan betalas ut. Har du inte haft något att rapportera kan du bortse från detta.` +
      login(c) +
      sign,
  }),
  'report-reminder': (c) => ({
    subject: `Påminnelse: rapportera tid och kostnader för ${c.period ?? 'perioden'}`,
    body: `${hello(c.personName)}\n\nVi har ännu inte fått din rapport för ${c.period ?? 'perioden'} i ${c.groupName}. Rapportera${by(c)}.${login(c)}${sign}`,
  }),
  'report-missed': (c) => ({
    subject: `Ingen rapport för ${c.period ?? 'perioden'} i ${c.groupName}`,
    body: `Hej!\n\nEn företrädare i ${c.groupName} har inte rapporterat tid och kostnader för ${c.period ?? 'perioden'} före sista dag. Perioden är noterad som missad; en sen rapport kan fortfarande attesteras.${login(c)}${sign}`,
  }),
  'attestation-reminder': (c) => ({
    subject: `Rapport att attestera i ${c.groupName}`,
    body: `Hej!\n\nEn rapport för ${c.period ?? 'perioden'} i ${c.groupName} väntar på attest${by(c)}.${login(c)}${sign}`,
  }),
  'declaration-renewal-due': (c) => ({
    subject: `Dags att förnya din jävsdeklaration`,
    body: `${hello(c.personName)}\n\nJävsdeklarationen för ditt uppdrag i ${c.groupName} ska förnyas. Lämna en ny deklaration${by(c)}, även om inget har ändrats.${login(c)}${sign}`,
  }),
  'declaration-overdue': (c) => ({
    subject: `Jävsdeklaration inte förnyad i ${c.groupName}`,
    body: `Hej!\n\nEn företrädare i ${c.groupName} har inte förnyat sin jävsdeklaration i tid. Kontakta hen.${login(c)}${sign}`,
  }),
  'assignment-ended': (c) => ({
    subject: `Ditt uppdrag i ${c.groupName} har avslutats`,
    body:
      `${hello(c.personName)}\n\nDitt uppdrag i ${c.groupName} har avslutats: ${reasonText(c)}. Tack för din medverkan! ` +
      `Rapportera tid och kostnader som återstår${by(c)} så att allt kan betalas ut.` +
      login(c) +
      sign,
  }),
  'assignment-ended-coordinator': (c) => ({
    subject: `Ett uppdrag i ${c.groupName} har avslutats`,
    body: `Hej!\n\nEtt uppdrag i ${c.groupName} har avslutats: ${reasonText(c)}.${login(c)}${sign}`,
  }),
  'assignment-ended-organisation': (c) => ({
    subject: `Er företrädares uppdrag i ${c.groupName} har avslutats`,
    body: `${hello(c.organisationName)}\n\nUppdraget för den företrädare ni nominerade till ${c.groupName} har avslutats: ${reasonText(c)}.${login(c)}${sign}`,
  }),
  'input-outcome': (c) => ({
    subject: `Så användes ert inspel i ${c.groupName}`,
    body:
      `${hello(c.personName)}\n\nSamordnaren i ${c.groupName} har skrivit vad som blev av ett inspel från patient- och närståendeföreträdarna` +
      (c.input ? ` på ${c.input.activityTitle}${c.input.activityDate ? ` ${c.input.activityDate}` : ''}.` : '.') +
      (c.input
        ? `\n\nInspel: ${c.input.raised}\nUtfall: ${c.input.outcome}` +
          (c.input.reason ? `\nSkäl: ${c.input.reason}` : '') +
          (c.input.guidelineSection ? `\nAvsnitt i kunskapsstödet: ${c.input.guidelineSection}` : '')
        : '') +
      `\n\nDu ser alla inspel från gruppens möten på sidan för ditt uppdrag.` +
      login(c) +
      sign,
  }),
  'payee-ended': (c) => ({
    subject: `Arvodesmottagare avslutad i ${c.groupName}`,
    body: `Hej!\n\nEn företrädares uppdrag i ${c.groupName} har avslutats. Återstående rapporter kan komma in och ska betalas ut som vanligt.${login(c)}${sign}`,
  }),
};

/** The Swedish subject and body of a lifecycle mail. */
export function renderMail(template: MailTemplate, context: MailContext): RenderedMail {
  const texts = TEXTS[template];
  if (!texts) throw new Error(`unknown mail template ${String(template)}`);
  return texts(context);
}
