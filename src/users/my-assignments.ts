import type { AssignmentState, PeriodState } from '../../workflows/assignment.messages';
import { whoseTurn } from '../../workflows/assignment/turns';
import { assignmentStep } from './tasks';

/**
 * "Mina uppdrag" (issue 17 #1): what a representative reads about their own assignment — the next step and whose
 * turn it is, and a timeline of what happened — in Swedish, from the workflow's one definition of whose turn a
 * state is (workflows/assignment/turns.ts) and from the audit log. Pure functions; nothing here reads personal data.
 */

export type NextStepWho = 'you' | 'coordinator' | 'workflow' | 'nobody';
export interface NextStep {
  title: string;
  who: NextStepWho;
  deadline: string | null;
}

export interface PeriodSummary {
  key: string;
  state: PeriodState | string;
  dueAt: string | null;
  endsOn: string;
}

/** What the coordinator does in their turns, said to the representative. */
const COORDINATOR_STEP_FOR_YOU: Partial<Record<AssignmentState, string>> = {
  signed: 'Samordnaren kontrasignerar överenskommelsen',
  'declaration-submitted': 'Samordnaren granskar din jävsdeklaration',
  'declaration-approved': 'Du erbjuds en introduktion till gruppen; samordnaren registrerar när den är genomförd',
};

/**
 * The next step of an assignment for its representative. `liveDeadline` is the workflow's own deadline for the
 * current step (its status query), when it answered; `periods` the reporting periods (an active assignment's next
 * step is its oldest period waiting for a report).
 */
export function nextStepOf(state: AssignmentState, liveDeadline: string | null, periods: readonly PeriodSummary[]): NextStep {
  const turn = whoseTurn(state);
  if (turn === 'representative') {
    const step = assignmentStep('representative', state);
    return { title: step?.title ?? 'Ditt steg i uppdraget', who: 'you', deadline: liveDeadline };
  }
  if (turn === 'coordinator') return { title: COORDINATOR_STEP_FOR_YOU[state] ?? 'Samordnaren har nästa steg', who: 'coordinator', deadline: liveDeadline };
  switch (state) {
    case 'details-given':
      return { title: 'Överenskommelsen skrivs nu; du får ett e-postmeddelande när den är klar att signera', who: 'workflow', deadline: null };
    case 'active': {
      const due = periods.find((p) => p.state === 'awaiting-report');
      if (due) return { title: `Rapportera tid och kostnader för ${due.key}`, who: 'you', deadline: due.dueAt };
      return { title: 'Rapportera dina möten efter hand, när du har varit med på dem', who: 'you', deadline: null };
    }
    default:
      return { title: 'Uppdraget är avslutat. Du behöver inte göra något mer.', who: 'nobody', deadline: null };
  }
}

const PERIOD_KEY = /^(\d{4}-(0[1-9]|1[0-2]|Q[1-4])|P\d{1,3})$/;
/** The period a line names, only when it is a period key (nothing else from the details is ever shown). */
function periodOf(details: Record<string, unknown>): string | null {
  const p = details.period;
  return typeof p === 'string' && PERIOD_KEY.test(p) ? p : null;
}

const END_REASONS: Record<string, string> = {
  'period-ended': 'uppdragets period är slut',
  withdrawn: 'uppdraget lämnades',
  'mandate-withdrawn': 'organisationen drog tillbaka sitt mandat',
  'group-ended': 'arbetsgruppen avslutades',
};

/**
 * One audit line of the assignment as an event in the representative's timeline, in Swedish. Every action the
 * assignment's workflow and the API write has its own text; one this table does not know gets a plain general text
 * (never the code). Only the period key is read from the details.
 */
export function timelineEvent(action: string, details: Record<string, unknown>, byYou: boolean): string {
  const step = action.startsWith('assignment.') ? action.slice('assignment.'.length) : action;
  const period = periodOf(details);
  const forPeriod = period ? ` för ${period}` : '';
  switch (step) {
    case 'offered':
      return 'Du erbjöds uppdraget';
    case 'accepted':
      return byYou ? 'Du tackade ja till uppdraget' : 'Erbjudandet accepterades';
    case 'declined':
      return byYou ? 'Du tackade nej till uppdraget' : 'Erbjudandet avböjdes';
    case 'no-answer':
      return 'Erbjudandet gick ut utan svar';
    case 'details-given':
      return 'Du lämnade person- och betalningsuppgifter';
    case 'details-updated':
      return 'Person- och betalningsuppgifterna ändrades';
    case 'agreement-drafted':
      return 'Överenskommelsen skrevs och blev klar att signera';
    case 'agreement-signed':
      return byYou ? 'Du signerade överenskommelsen' : 'Överenskommelsen signerades';
    case 'agreement-countersigned':
      return 'Samordnaren kontrasignerade överenskommelsen';
    case 'declaration-submitted':
      return byYou ? 'Du lämnade jävsdeklarationen' : 'Jävsdeklarationen lämnades';
    case 'declaration-renewed':
      return byYou ? 'Du förnyade jävsdeklarationen' : 'Jävsdeklarationen förnyades';
    case 'declaration-approved':
      return 'Samordnaren godkände jävsdeklarationen';
    case 'declaration-needs-changes':
      return 'Samordnaren bad om en komplettering av jävsdeklarationen';
    case 'declaration-renewal-due':
      return 'Det blev dags att förnya jävsdeklarationen';
    case 'declaration-overdue':
      return 'Jävsdeklarationen förnyades inte i tid';
    case 'introduction-completed':
      return 'Introduktionen registrerades som genomförd och uppdraget blev aktivt';
    case 'period-ended':
      return `Rapportperioden${forPeriod} tog slut`;
    case 'report-submitted':
      return `Tidrapporten${forPeriod} skickades in`;
    case 'report-attested':
      return `Tidrapporten${forPeriod} attesterades`;
    case 'report-attested-again':
      return `Tidrapporten${forPeriod} attesterades på nytt`;
    case 'report-reminder-sent':
      return `En påminnelse om att rapportera${forPeriod} skickades till dig`;
    case 'report-missed':
      return `Ingen tidrapport kom in${forPeriod} i tid`;
    case 'attestation-reminder-sent':
      return `Samordnaren påmindes om att attestera tidrapporten${forPeriod}`;
    case 'report-unattested':
      return `Tidrapporten${forPeriod} attesterades inte i tid`;
    case 'answer-reminder-sent':
      return 'En påminnelse om att svara på erbjudandet skickades till dig';
    case 'reminder-sent':
      return 'En påminnelse skickades till dig';
    case 'step-overdue':
      return 'Ett steg blev inte gjort i tid; samordnaren fick veta det';
    case 'ended': {
      const reason = typeof details.endReason === 'string' ? END_REASONS[details.endReason] : undefined;
      return reason ? `Uppdraget avslutades: ${reason}` : 'Uppdraget avslutades';
    }
    default:
      return 'Uppdraget uppdaterades';
  }
}
