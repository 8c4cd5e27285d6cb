import {
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  uuid4,
  type ActivityInterfaceFor,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { RecruitmentStepArgs } from '../../activities/recruitment.activities';
import type { AssignmentInput } from '../assignment.messages';
import { assignmentWorkflow } from '../assignment.workflow';
import { isUuid, requireActor } from '../checks';
import { iso } from '../duration';
import { recordStep, type EffectQueue } from '../effects';
import { assignmentWorkflowId } from '../ids';
import type { MailParams, MailRecipient, MailTemplate } from '../notifications';
import {
  appointUpdate,
  declineNominationRequestUpdate,
  MAX_REPLY_DAYS,
  MAX_WANTED,
  nominateUpdate,
  RecruitmentCarriedState,
  RecruitmentInput,
  RecruitmentPolicy,
  RecruitmentState,
  RecruitmentStatus,
  rejectNomineeUpdate,
  RoundStarted,
  startRoundUpdate,
} from '../recruitment.messages';
import { appointmentRefusal, directRecruitmentRefusal, nominationRefusal, roundTermsRefusal, wantedReached } from '../recruitment.rules';
import { invalidInput, wrongState } from '../refusals';
import { PATCH } from '../versioning';
import { OPEN_REQUEST, REPRESENTATIONS, requestFull, takePlace, validateTerms, type RoundTerms } from './staffing';

/** What the steps need of the workflow (recruitment.workflow.ts): its state and its ways to record and tell. */
export interface RecruitmentSteps {
  input: RecruitmentInput;
  policy: RecruitmentPolicy;
  recruitment: RecruitmentCarriedState;
  workflowId: string;
  chainId: string;
  system: string;
  localRecords: boolean;
  effects: EffectQueue;
  acts: ActivityInterfaceFor<Activities>;
  local: ActivityInterfaceFor<Activities>;
  coordinators: MailRecipient;
  activeCount(): number;
  computeState(): RecruitmentState;
  publish(): void;
  record(action: string, actor: string, extra?: Partial<RecruitmentStepArgs>): number;
  mail(template: MailTemplate, to: MailRecipient, stepNo: number, params?: Partial<MailParams>, suffix?: string): void;
  openRound(
    organisationIds: string[],
    urgent: boolean,
    direct: boolean,
    actor: string,
    action: string,
    extra?: Partial<RecruitmentStepArgs>,
    terms?: RoundTerms & { messageId?: string | null },
  ): number;
  addToRound(organisationIds: string[], actor: string, terms?: { wanted?: number; messageId?: string | null }): number;
  belowMinimumRoundOpen(): boolean;
  status(): RecruitmentStatus;
}

/**
 * The coordinator's and organisations' steps (updates with validators) and the news from assignments and the
 * group (signals). The decisions they share are in staffing.ts and ../recruitment.rules.ts.
 */
export function setStepHandlers(w: RecruitmentSteps): void {
  const { input, policy, recruitment, workflowId, chainId, localRecords, effects, acts, local, coordinators } = w;
  const { computeState, publish, record, mail, openRound, addToRound, belowMinimumRoundOpen, status } = w;
  const ended = () => recruitment.state === 'ended';
  const notEnded = () => {
    if (ended()) throw wrongState('Gruppen har avslutats: rekryteringen är stängd.');
  };


  setHandler(
    startRoundUpdate,
    async (a): Promise<RoundStarted> => {
      // The coordinator's terms (issue 16 #1) are data of the update: histories from before never carry them.
      const terms = {
        ...(a.wanted !== undefined ? { wanted: a.wanted } : {}),
        ...(a.messageId ? { messageId: a.messageId } : {}),
      };
      if (recruitment.roundOpen) addToRound([...a.organisationIds], a.actorId, terms);
      else {
        const deadlineAt = a.deadline ? Date.parse(a.deadline) : undefined;
        openRound([...a.organisationIds], a.urgent || input.urgent, a.directRecruitment, a.actorId, 'round-started', {}, { ...terms, ...(deadlineAt ? { deadlineAt } : {}) });
      }
      const result: RoundStarted = {
        round: recruitment.round,
        deadline: iso(recruitment.roundDeadlineAt) as string,
        urgent: recruitment.roundUrgent,
        requests: recruitment.requests.map((r) => ({ id: r.id, organisationId: r.organisationId })),
      };
      await effects.answerable();
      return result;
    },
    {
      validator: (a) => {
        requireActor(a);
        notEnded();
        if (!Array.isArray(a.organisationIds) || a.organisationIds.length > 100 || !a.organisationIds.every(isUuid)) {
          throw invalidInput('Organisationerna anges som en lista med högst 100 id.');
        }
        if (new Set(a.organisationIds).size !== a.organisationIds.length) throw invalidInput('Samma organisation finns flera gånger i listan.');
        if (typeof a.directRecruitment !== 'boolean' || typeof a.urgent !== 'boolean') throw invalidInput('Ange om direktrekrytering används.');
        if (a.organisationIds.length === 0 && !a.directRecruitment) throw invalidInput('Välj minst en organisation att fråga, eller direktrekrytering.');
        if (recruitment.roundOpen && !belowMinimumRoundOpen()) throw wrongState('En nomineringsomgång pågår redan; vänta tills svarstiden har gått ut.');
        if (recruitment.roundOpen && !a.organisationIds.some((id: string) => !recruitment.requests.some((r) => r.organisationId === id))) {
          throw wrongState('Den brådskande nomineringsomgången pågår redan och har frågat de organisationerna. Lägg till en organisation som inte har fått en förfrågan.');
        }
        const refusal = roundTermsRefusal(a, Date.now(), MAX_WANTED, MAX_REPLY_DAYS);
        if (refusal) throw invalidInput(refusal);
        if (recruitment.roundOpen && a.deadline) {
          throw wrongState('Organisationerna läggs till i den pågående omgången och får dess sista svarsdag. Skicka utan en ny sista svarsdag.');
        }
      },
    },
  );

  setHandler(
    nominateUpdate,
    async (a) => {
      recruitment.nominations.push({
        id: a.nominationId,
        requestId: a.requestId,
        organisationId: a.organisationId,
        personId: a.personId,
        representation: a.representation,
      });
      const req = recruitment.requests.find((r) => r.id === a.requestId);
      const firstAnswer = req !== undefined && req.state !== 'nominated';
      if (req) req.state = 'nominated';
      takePlace(req, 1);
      const no = record('nomination-received', a.actorId, {
        details: { nominationId: a.nominationId, requestId: a.requestId, organisationId: a.organisationId },
        nomination: { id: a.nominationId, state: 'proposed', decidedBy: null },
        requestStates: firstAnswer && req ? [{ id: req.id, state: 'nominated' }] : [],
      });
      mail('nomination-received', coordinators, no, a.organisationId ? { organisationId: a.organisationId } : {});
      await effects.answerable();
      return status();
    },
    {
      validator: (a) => {
        requireActor(a);
        notEnded();
        if (!isUuid(a.nominationId) || !isUuid(a.personId)) throw invalidInput('Nomineringen saknar id.');
        if (!REPRESENTATIONS.includes(a.representation)) throw invalidInput('Ange hur personen företräder: mandat, egen erfarenhet eller båda.');
        if (recruitment.nominations.some((n) => n.id === a.nominationId)) throw wrongState('Nomineringen är redan registrerad.');
        // Issue 13 #1: one open nomination and one live assignment per person and group.
        const taken = nominationRefusal(recruitment, a.personId);
        if (taken) throw wrongState(taken);
        if (a.requestId === null) {
          // Direct recruitment (issue 16 #2): own experience without an organisation, or a mandate (or both) of
          // the organisation named. A validator runs only when an update arrives, never on replay.
          const refusal = directRecruitmentRefusal(a.representation, a.organisationId);
          if (refusal) throw invalidInput(refusal);
          return;
        }
        const req = recruitment.requests.find((r) => r.id === a.requestId);
        if (!req) throw wrongState('Förfrågan hör inte till den pågående nomineringsomgången.');
        if (req.organisationId !== a.organisationId) throw wrongState('Förfrågan gäller en annan organisation.');
        if (req.state === 'declined') throw wrongState('Organisationen har redan avstått från att nominera i den här omgången.');
        if (!recruitment.roundOpen) throw wrongState('Nomineringstiden har gått ut.');
        // Issue 16 #1: no more nominations than the request asks for (the database's trigger holds the same).
        if (requestFull(req)) throw wrongState(wantedReached(req.wanted as number));
      },
    },
  );

  setHandler(
    declineNominationRequestUpdate,
    async (a) => {
      const req = recruitment.requests.find((r) => r.id === a.requestId);
      if (req) req.state = 'declined';
      const no = record('nomination-request-declined', a.actorId, {
        details: { requestId: a.requestId, organisationId: a.organisationId },
        requestStates: [{ id: a.requestId, state: 'declined' }],
      });
      mail('nomination-request-declined', coordinators, no, { organisationId: a.organisationId });
      await effects.answerable();
      return status();
    },
    {
      validator: (a) => {
        requireActor(a);
        notEnded();
        const req = recruitment.requests.find((r) => r.id === a?.requestId);
        if (!req || req.organisationId !== a.organisationId) throw wrongState('Förfrågan hör inte till den pågående nomineringsomgången.');
        if (!OPEN_REQUEST.includes(req.state)) throw wrongState('Förfrågan är redan besvarad.');
        if (!recruitment.roundOpen) throw wrongState('Nomineringstiden har gått ut.');
      },
    },
  );

  setHandler(
    appointUpdate,
    async (a) => {
      const n = recruitment.nominations.find((x) => x.id === a.nominationId);
      if (!n) throw wrongState('Nomineringen väntar inte på beslut.'); // unreachable: the validator checked
      recruitment.nominations = recruitment.nominations.filter((x) => x.id !== n.id);
      const assignmentId = uuid4();
      // personId only adds to the state (no command changes), so replaying older histories needs no patch.
      recruitment.assignments.push({ assignmentId, state: 'onboarding', personId: n.personId });
      recruitment.state = computeState();
      publish();
      recruitment.transitionNo++;
      const no = recruitment.transitionNo;
      const appointArgs = {
        groupId: input.groupId,
        workflowId,
        chainId,
        transitionNo: no,
        actor: a.actorId,
        recruitmentState: recruitment.state,
        nominationId: n.id,
        assignmentId,
        personId: n.personId,
        organisationId: n.organisationId,
        representation: n.representation,
        terms: a.terms,
      };
      const child: AssignmentInput = {
        assignmentId,
        groupId: input.groupId,
        personId: n.personId,
        organisationId: n.organisationId,
        representation: n.representation,
        payerCode: recruitment.payerCode,
        reportingFrequency: a.terms.reportingFrequency,
        ...(policy.assignment ? { policy: policy.assignment } : {}),
      };
      const startAssignment = async () => {
        try {
          await startChild(assignmentWorkflow, {
            workflowId: assignmentWorkflowId(assignmentId),
            args: [child],
            parentClosePolicy: ParentClosePolicy.ABANDON,
          });
        } catch (err) {
          // Already started (the ID is in history, so only a retried start can meet it): nothing to do.
          if (!(err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')) throw err;
        }
      };
      if (localRecords) {
        effects.record(() => recordStep(local.appointNominee, acts.appointNominee, appointArgs));
      } else {
        effects.add(() => acts.appointNominee(appointArgs));
      }
      // The child is started after the record (the assignment row exists then); the caller is answered once it
      // runs, since the next steps (the offer, the nominee's accept) go to it.
      const started = effects.add(startAssignment);
      if (n.organisationId) mail('nominee-appointed', { kind: 'organisation', organisationId: n.organisationId }, no, { organisationId: n.organisationId });
      await effects.until(localRecords ? started : effects.mark);
      return { assignmentId };
    },
    {
      validator: (a) => {
        requireActor(a);
        notEnded();
        const nominee = recruitment.nominations.find((x) => x.id === a?.nominationId);
        if (!nominee) throw wrongState('Nomineringen väntar inte på beslut.');
        const taken = appointmentRefusal(recruitment, nominee.personId);
        if (taken) throw wrongState(taken);
        validateTerms(a.terms);
      },
    },
  );

  setHandler(
    rejectNomineeUpdate,
    async (a) => {
      const n = recruitment.nominations.find((x) => x.id === a.nominationId);
      recruitment.nominations = recruitment.nominations.filter((x) => x.id !== a.nominationId);
      // A declined nominee's place is free again: the organisation may nominate someone else (issue 16 #1).
      if (n?.requestId) takePlace(recruitment.requests.find((r) => r.id === n.requestId), -1);
      const no = record('nominee-rejected', a.actorId, {
        details: { nominationId: a.nominationId },
        nomination: { id: a.nominationId, state: 'rejected', decidedBy: a.actorId },
      });
      if (n?.organisationId) {
        // Since the patch the mail names the nomination: the organisation reads whom and why (issue 16 #1).
        const named = patched(PATCH.recruitNominationOutcomes) ? { nominationId: a.nominationId, ...(n.requestId ? { requestId: n.requestId } : {}) } : {};
        mail('nominee-rejected', { kind: 'organisation', organisationId: n.organisationId }, no, { organisationId: n.organisationId, ...named });
      }
      await effects.answerable();
      return status();
    },
    {
      validator: (a) => {
        requireActor(a);
        notEnded();
        if (!recruitment.nominations.some((x) => x.id === a?.nominationId)) throw wrongState('Nomineringen väntar inte på beslut.');
      },
    },
  );
}
