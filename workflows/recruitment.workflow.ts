import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { RecruitmentStepArgs } from '../activities/recruitment.activities';
import type { AssignmentInput } from './assignment.messages';
import { assignmentWorkflow } from './assignment.workflow';
import { assignmentWorkflowId } from './ids';
import { DeadlineTimer } from './deadline-timer';
import { EffectQueue, LOCAL_RECORD_OPTIONS, recordStep } from './effects';
import { invalidInput, wrongState } from './refusals';
import { isIsoDate, isUuid, requireActor } from './checks';
import { iso, toMs, waitMs } from './duration';
import type { MailParams, MailRecipient, MailTemplate } from './notifications';
import {
  appointUpdate,
  AssignmentTerms,
  assignmentChangedSignal,
  declineNominationRequestUpdate,
  defaultRecruitmentPolicy,
  groupEndedSignal,
  nominateUpdate,
  NominationRequestState,
  RecruitmentCarriedState,
  RecruitmentInput,
  RecruitmentPolicy,
  RecruitmentState,
  RecruitmentStatus,
  recruitmentStatusQuery,
  rejectNomineeUpdate,
  RoundStarted,
  startRoundUpdate,
} from './recruitment.messages';
import { appointmentRefusal, nominationRefusal } from './recruitment.rules';
import { groupIdKey, kindKey, payerKey, stateKey } from './search-attributes';
import { PATCH } from './versioning';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/** Step records as local activities (runs since the 2026-11 patch; see `recordStep` in effects.ts). */
const local = proxyLocalActivities<Activities>(LOCAL_RECORD_OPTIONS);

const REPRESENTATIONS = ['mandate', 'own-experience', 'both'];
const OPEN_REQUEST: readonly NominationRequestState[] = ['sent', 'reminded'];

function freshState(now: number, reviewEvery: number, payerCode: string | null): RecruitmentCarriedState {
  return {
    state: 'open',
    payerCode,
    transitionNo: 0,
    round: 0,
    roundOpen: false,
    roundUrgent: false,
    roundDeadlineAt: null,
    roundReminderAt: null,
    roundReminded: false,
    requests: [],
    lastOrganisationIds: [],
    nominations: [],
    assignments: [],
    everStaffed: false,
    restarts: 0,
    reviewsDone: 0,
    nextReviewAt: now + reviewEvery,
    runs: 1,
  };
}

function validateTerms(t: AssignmentTerms | undefined) {
  if (!t || typeof t !== 'object') throw invalidInput('Ange villkoren för uppdraget.');
  if (!isIsoDate(t.periodStart)) throw invalidInput('Uppdragets startdatum måste vara ett datum (ÅÅÅÅ-MM-DD).');
  if (t.periodEnd !== null && !isIsoDate(t.periodEnd)) throw invalidInput('Uppdragets slutdatum måste vara ett datum (ÅÅÅÅ-MM-DD) eller tomt.');
  if (t.periodEnd !== null && t.periodEnd < t.periodStart) throw invalidInput('Uppdragets slutdatum ligger före startdatumet.');
  // Issue 13 #8: a period that has already ended (the API checks the exact Stockholm date; this backstop allows a
  // day's margin for the time zone). Validators do not run on replay, so this needs no patch.
  if (t.periodEnd !== null && t.periodEnd < new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)) {
    throw invalidInput('Uppdragets period har redan tagit slut. Ange ett slutdatum som är i dag eller senare, eller lämna det tomt.');
  }
  if (t.reportingFrequency !== 'monthly' && t.reportingFrequency !== 'quarterly') throw invalidInput('Rapportering sker månadsvis eller kvartalsvis.');
  if (t.feeMode !== 'session' && t.feeMode !== 'hourly') throw invalidInput('Arvode betalas per möte eller per timme.');
  const hours = (h: unknown) => h === null || (Number.isInteger(h) && (h as number) >= 0 && (h as number) <= 5000);
  if (!hours(t.estimatedMeetingHours) || !hours(t.estimatedOtherHours)) throw invalidInput('Beräknad tid anges i hela timmar per år (0–5000).');
  if (!Number.isInteger(t.extraPreparationDays) || t.extraPreparationDays < 0 || t.extraPreparationDays > 50) {
    throw invalidInput('Extra förberedelsedagar anges som ett heltal (0–50).');
  }
  if (typeof t.employedByOrganisation !== 'boolean') throw invalidInput('Ange om personen är anställd av organisationen för uppdraget.');
}

/**
 * One per working group (ID `recruitment:<groupId>`), started when the group is created: keeps the group
 * staffed with at least its minimum number (default 2) of ACTIVE representatives (§4.2).
 *
 * The coordinator starts a nomination round (`startRound`) choosing organisations to ask (and/or direct
 * recruitment): each gets a nomination request with a deadline (`nominationWithin`, or `urgentNominationWithin`
 * when the group has already started its work), a reminder `nominationReminderBefore` the deadline if it has
 * not answered, and counts as "no answer" at the deadline. Organisations nominate (`nominate`) or decline
 * (`declineNominationRequest`); the coordinator appoints (`appoint`) or rejects (`rejectNominee`) each nominee.
 * An appointment starts the assignment workflow `assignment:<id>` as a child with parent close policy ABANDON:
 * it is started in the same workflow task that decided the appointment (no second start is possible, since the
 * assignment ID is in history), and it lives on through this workflow's continue-as-new and even its end.
 *
 * Assignments report back (`assignmentChanged`). When an active representative leaves and the group drops below
 * its minimum, a new round starts on its own (urgent: the group has started), asking the last round's
 * organisations again. The yearly review (`reviewEvery`) and a long history continue as new, carrying the state.
 * Ends on `groupEnded`, ending every assignment. Steps are recorded through idempotent activities.
 */
export async function recruitmentWorkflow(input: RecruitmentInput): Promise<RecruitmentStatus> {
  /** Step records as local activities, answers after the record, mails after the answer (effects.ts). */
  const localRecords = patched(PATCH.recruitmentLocalRecords);
  const policy: RecruitmentPolicy = { ...defaultRecruitmentPolicy, ...input.policy };
  const workflowId = workflowInfo().workflowId;
  /** Idempotency keys are `<workflowId>:<chainId>:<step number>:<what>`; the chain survives continue-as-new. */
  const chainId = workflowInfo().firstExecutionRunId;
  const SYSTEM = `system:${workflowId}`;
  const recruitment: RecruitmentCarriedState = input.carried ?? freshState(Date.now(), toMs(policy.reviewEvery), input.payerCode);
  const effects = new EffectQueue(localRecords);
  const timer = new DeadlineTimer();
  let reviewDue = false;

  const activeCount = () => recruitment.assignments.filter((a) => a.state === 'active').length;
  const computeState = (): RecruitmentState => {
    if (recruitment.state === 'ended') return 'ended';
    if (activeCount() >= input.minRepresentatives) return 'staffed';
    if (recruitment.roundOpen || recruitment.nominations.length > 0 || recruitment.assignments.some((a) => a.state === 'onboarding')) return 'recruiting';
    return 'open';
  };

  const publish = () => {
    const values = [
      { key: groupIdKey, value: input.groupId },
      { key: stateKey, value: recruitment.state },
      { key: kindKey, value: 'recruitment' },
      ...(recruitment.payerCode ? [{ key: payerKey, value: recruitment.payerCode }] : []),
    ];
    if (!localRecords) return upsertSearchAttributes(values);
    // Only what changed (continue-as-new carries the values over; most steps change nothing here).
    const current = workflowInfo().typedSearchAttributes;
    const changed = values.filter((v) => current.get(v.key) !== v.value);
    if (changed.length > 0) upsertSearchAttributes(changed);
  };

  /** Queues the record of a step (audit line + read models); returns the step's number (for mail keys). */
  const record = (action: string, actor: string, extra: Partial<RecruitmentStepArgs> = {}): number => {
    if (recruitment.state !== 'ended') recruitment.state = computeState();
    publish();
    recruitment.transitionNo++;
    const args: RecruitmentStepArgs = {
      groupId: input.groupId,
      workflowId,
      chainId,
      transitionNo: recruitment.transitionNo,
      action,
      actor,
      recruitmentState: recruitment.state,
      details: {},
      ...extra,
    };
    effects.record(localRecords ? () => recordStep(local.recordRecruitmentStep, acts.recordRecruitmentStep, args) : () => acts.recordRecruitmentStep(args));
    return recruitment.transitionNo;
  };

  const coordinators: MailRecipient = { kind: 'coordinators', groupId: input.groupId };
  const mail = (template: MailTemplate, to: MailRecipient, stepNo: number, params: Partial<MailParams> = {}, suffix = '') => {
    const req = { key: `${workflowId}:${chainId}:${stepNo}:${template}${suffix}`, template, to, params: { groupId: input.groupId, ...params } };
    effects.addConcurrent(() => acts.sendMail(req));
  };

  /** Opens a nomination round: requests to each organisation, with a deadline and a reminder before it. */
  const openRound = (
    organisationIds: string[],
    urgent: boolean,
    direct: boolean,
    actor: string,
    action: string,
    extra: Partial<RecruitmentStepArgs> = {},
  ): number => {
    const now = Date.now();
    recruitment.round++;
    recruitment.roundUrgent = urgent;
    recruitment.roundDeadlineAt = now + toMs(urgent ? policy.urgentNominationWithin : policy.nominationWithin);
    const reminderAt = recruitment.roundDeadlineAt - toMs(urgent ? policy.urgentNominationReminderBefore : policy.nominationReminderBefore);
    recruitment.roundReminderAt = reminderAt > now ? reminderAt : null;
    recruitment.roundReminded = false;
    recruitment.roundOpen = organisationIds.length > 0;
    recruitment.requests = organisationIds.map((organisationId) => ({ id: uuid4(), organisationId, state: 'sent' as const }));
    if (organisationIds.length > 0) recruitment.lastOrganisationIds = [...organisationIds];
    const deadline = iso(recruitment.roundDeadlineAt) as string;
    const no = record(action, actor, {
      details: { round: recruitment.round, urgent, directRecruitment: direct, organisations: organisationIds.length, deadline },
      requestsOpened: recruitment.requests.map((r) => ({ id: r.id, organisationId: r.organisationId, round: recruitment.round, deadline, urgent })),
      ...extra,
    });
    for (const r of recruitment.requests) {
      mail('nomination-request', { kind: 'organisation', organisationId: r.organisationId }, no, { requestId: r.id, deadline, urgent }, `:${r.organisationId}`);
    }
    return no;
  };

  const status = (): RecruitmentStatus => ({
    groupId: input.groupId,
    state: recruitment.state,
    urgent: input.urgent || recruitment.roundUrgent,
    minRepresentatives: input.minRepresentatives,
    activeRepresentatives: activeCount(),
    staffed: activeCount() >= input.minRepresentatives,
    reviewsDone: recruitment.reviewsDone,
    round: recruitment.round,
    roundOpen: recruitment.roundOpen,
    roundDeadline: recruitment.roundOpen ? iso(recruitment.roundDeadlineAt) : null,
    requests: recruitment.requests.map((r) => ({ ...r })),
    pendingNominations: recruitment.nominations.map((n) => ({ id: n.id, organisationId: n.organisationId })),
    assignments: recruitment.assignments.map((a) => ({ assignmentId: a.assignmentId, state: a.state })),
    restarts: recruitment.restarts,
    belowMinimumSince: iso(recruitment.belowMinimumSince ?? null),
  });
  setHandler(recruitmentStatusQuery, status);

  /**
   * Organisations the coordinator adds to the urgent round that runs while the group is below its minimum
   * (issue 13 #10): each gets a request with the round's deadline. Only reachable since the patch
   * `recruitment-2026-12-restart-below-minimum` (before it, `startRound` was refused while a round was open).
   */
  const addToRound = (organisationIds: string[], actor: string): number => {
    const fresh = organisationIds.filter((id) => !recruitment.requests.some((r) => r.organisationId === id));
    const added = fresh.map((organisationId) => ({ id: uuid4(), organisationId, state: 'sent' as const }));
    recruitment.requests = [...recruitment.requests, ...added];
    recruitment.lastOrganisationIds = [...recruitment.lastOrganisationIds, ...fresh.filter((id) => !recruitment.lastOrganisationIds.includes(id))];
    const deadline = iso(recruitment.roundDeadlineAt) as string;
    const urgent = recruitment.roundUrgent;
    const no = record('round-extended', actor, {
      details: { round: recruitment.round, urgent, organisations: added.length, deadline },
      requestsOpened: added.map((r) => ({ id: r.id, organisationId: r.organisationId, round: recruitment.round, deadline, urgent })),
    });
    for (const r of added) {
      mail('nomination-request', { kind: 'organisation', organisationId: r.organisationId }, no, { requestId: r.id, deadline, urgent }, `:${r.organisationId}`);
    }
    return no;
  };
  /** The open round was started while the group was below its minimum: the coordinator may add organisations. */
  const belowMinimumRoundOpen = () => recruitment.roundOpen && recruitment.belowMinimumSince !== undefined && recruitment.belowMinimumSince !== null;

  const ended = () => recruitment.state === 'ended';
  const notEnded = () => {
    if (ended()) throw wrongState('Gruppen har avslutats: rekryteringen är stängd.');
  };

  // ---- the coordinator's and organisations' steps ---------------------------------------------------------------

  setHandler(
    startRoundUpdate,
    async (a): Promise<RoundStarted> => {
      if (recruitment.roundOpen) addToRound([...a.organisationIds], a.actorId);
      else openRound([...a.organisationIds], a.urgent || input.urgent, a.directRecruitment, a.actorId, 'round-started');
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
          if (a.organisationId !== null) throw invalidInput('En nominering från en organisation ska svara på en förfrågan.');
          if (a.representation !== 'own-experience') throw invalidInput('En direktrekryterad företrädare företräder sin egen erfarenhet.');
          return;
        }
        const req = recruitment.requests.find((r) => r.id === a.requestId);
        if (!req) throw wrongState('Förfrågan hör inte till den pågående nomineringsomgången.');
        if (req.organisationId !== a.organisationId) throw wrongState('Förfrågan gäller en annan organisation.');
        if (req.state === 'declined') throw wrongState('Organisationen har redan avstått från att nominera i den här omgången.');
        if (!recruitment.roundOpen) throw wrongState('Nomineringstiden har gått ut.');
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
      const no = record('nominee-rejected', a.actorId, {
        details: { nominationId: a.nominationId },
        nomination: { id: a.nominationId, state: 'rejected', decidedBy: a.actorId },
      });
      if (n?.organisationId) mail('nominee-rejected', { kind: 'organisation', organisationId: n.organisationId }, no, { organisationId: n.organisationId });
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

  // ---- news from assignments and the group ----------------------------------------------------------------------

  setHandler(assignmentChangedSignal, (c) => {
    const entry = recruitment.assignments.find((x) => x.assignmentId === c?.assignmentId);
    if (!entry || ended()) return;
    if (c.state === 'active') {
      if (entry.state === 'active') return;
      const wasStaffed = activeCount() >= input.minRepresentatives;
      entry.state = 'active';
      const staffedAgain = !wasStaffed && activeCount() >= input.minRepresentatives && recruitment.belowMinimumSince !== undefined && recruitment.belowMinimumSince !== null;
      // Staffed again (issue 13 #10): no longer below the minimum (only runs since the patch ever set it).
      if (staffedAgain) recruitment.belowMinimumSince = null;
      const no = record('representative-active', SYSTEM, {
        details: { assignmentId: c.assignmentId, active: activeCount() },
        ...(staffedAgain ? { belowMinimumSince: null } : {}),
      });
      if (!wasStaffed && activeCount() >= input.minRepresentatives) {
        recruitment.everStaffed = true;
        mail('group-staffed', coordinators, no, { counts: { active: activeCount(), minimum: input.minRepresentatives } });
      }
      return;
    }
    const wasActive = entry.state === 'active';
    recruitment.assignments = recruitment.assignments.filter((x) => x !== entry);
    record(c.state === 'declined' ? 'representative-declined' : 'representative-left', SYSTEM, {
      details: { assignmentId: c.assignmentId, reason: c.reason, active: activeCount() },
    });
    if (wasActive && activeCount() < input.minRepresentatives) {
      // §4.2 / DOMAIN step 8: below the minimum, recruitment starts again on its own, as soon as possible.
      // Before the patch a round still open (the one that staffed the group: its deadline is weeks away, its
      // organisations have answered) kept it from starting: the group went back to `recruiting` with nothing asked
      // (issue 13 #10). Since the patch an open round is closed and a new urgent one starts, unless the open
      // round is already the urgent one of this shortfall; the group records since when it is below.
      const restartBelowMinimum = patched(PATCH.recruitmentRestartBelowMinimum);
      const alreadyBelow = recruitment.belowMinimumSince !== undefined && recruitment.belowMinimumSince !== null;
      if (restartBelowMinimum && !alreadyBelow) recruitment.belowMinimumSince = Date.now();
      const restart = restartBelowMinimum ? !(recruitment.roundOpen && alreadyBelow) : !recruitment.roundOpen;
      if (restart) {
        const superseded = restartBelowMinimum && recruitment.roundOpen ? recruitment.requests.filter((r) => OPEN_REQUEST.includes(r.state)) : [];
        for (const r of superseded) r.state = 'cancelled';
        recruitment.restarts++;
        const no = openRound(
          recruitment.lastOrganisationIds,
          true,
          recruitment.lastOrganisationIds.length === 0,
          SYSTEM,
          'recruitment-restarted',
          restartBelowMinimum
            ? {
                belowMinimumSince: iso(recruitment.belowMinimumSince ?? null),
                ...(superseded.length ? { requestStates: superseded.map((r) => ({ id: r.id, state: 'cancelled' as const })) } : {}),
              }
            : {},
        );
        mail('recruitment-restarted', coordinators, no, {
          urgent: true,
          deadline: recruitment.roundOpen ? iso(recruitment.roundDeadlineAt) : null,
          counts: { active: activeCount(), minimum: input.minRepresentatives, requests: recruitment.requests.length },
        });
      }
    }
  });

  setHandler(groupEndedSignal, () => {
    if (ended()) return;
    const cancelled = recruitment.requests.filter((r) => OPEN_REQUEST.includes(r.state));
    for (const r of cancelled) r.state = 'cancelled';
    recruitment.roundOpen = false;
    recruitment.state = 'ended';
    record('ended', SYSTEM, { requestStates: cancelled.map((r) => ({ id: r.id, state: 'cancelled' as const })) });
    for (const a of recruitment.assignments) {
      const id = assignmentWorkflowId(a.assignmentId);
      effects.add(async () => {
        try {
          await getExternalWorkflowHandle(id).signal(groupEndedSignal);
        } catch (err) {
          log.info('assignment workflow not reachable', { workflowId: id, error: String(err) });
        }
      });
    }
  });

  // ---- timers ---------------------------------------------------------------------------------------------------

  const handleTimers = (now: number) => {
    if (recruitment.roundOpen && !recruitment.roundReminded && recruitment.roundReminderAt !== null && now >= recruitment.roundReminderAt) {
      recruitment.roundReminded = true;
      const unanswered = recruitment.requests.filter((r) => r.state === 'sent');
      for (const r of unanswered) r.state = 'reminded';
      if (unanswered.length > 0) {
        const no = record('nomination-reminders-sent', SYSTEM, {
          details: { round: recruitment.round, reminded: unanswered.length },
          requestStates: unanswered.map((r) => ({ id: r.id, state: 'reminded' as const })),
        });
        const deadline = iso(recruitment.roundDeadlineAt);
        for (const r of unanswered) {
          mail('nomination-reminder', { kind: 'organisation', organisationId: r.organisationId }, no, { requestId: r.id, deadline }, `:${r.organisationId}`);
        }
      }
    }
    if (recruitment.roundOpen && recruitment.roundDeadlineAt !== null && now >= recruitment.roundDeadlineAt) {
      const unanswered = recruitment.requests.filter((r) => OPEN_REQUEST.includes(r.state));
      for (const r of unanswered) r.state = 'no-answer';
      recruitment.roundOpen = false;
      const counts = {
        nominated: recruitment.requests.filter((r) => r.state === 'nominated').length,
        declined: recruitment.requests.filter((r) => r.state === 'declined').length,
        noAnswer: unanswered.length,
        pending: recruitment.nominations.length,
      };
      const no = record('round-closed', SYSTEM, {
        details: { round: recruitment.round, ...counts },
        requestStates: unanswered.map((r) => ({ id: r.id, state: 'no-answer' as const })),
      });
      mail('nomination-round-closed', coordinators, no, { counts });
    }
    if (now >= recruitment.nextReviewAt) {
      recruitment.reviewsDone++;
      recruitment.nextReviewAt = now + toMs(policy.reviewEvery);
      reviewDue = true;
    }
  };

  const nextTimerAt = (): number => {
    const at = [recruitment.nextReviewAt];
    if (recruitment.roundOpen && !recruitment.roundReminded && recruitment.roundReminderAt !== null) at.push(recruitment.roundReminderAt);
    if (recruitment.roundOpen && recruitment.roundDeadlineAt !== null) at.push(recruitment.roundDeadlineAt);
    return Math.min(...at);
  };

  const shouldContinueAsNew = () => {
    const info = workflowInfo();
    return reviewDue || info.continueAsNewSuggested || info.historyLength > policy.continueAsNewAfterEvents;
  };

  // ---- the main loop ----------------------------------------------------------------------------------------------

  if (!input.carried) {
    if (recruitment.payerCode === null) recruitment.payerCode = (await acts.resolveGroupPayer({ groupId: input.groupId })).payerCode;
    record('opened', SYSTEM, { details: { minRepresentatives: input.minRepresentatives, urgent: input.urgent, payerCode: recruitment.payerCode } });
  }
  publish();

  for (;;) {
    await effects.drain();
    if (ended()) break;
    if (shouldContinueAsNew()) {
      await condition(() => allHandlersFinished() || effects.pending);
      if (!effects.pending) await continueAsNew<typeof recruitmentWorkflow>({ ...input, carried: { ...recruitment, runs: recruitment.runs + 1 } });
      continue;
    }
    const now = Date.now();
    if (localRecords) {
      timer.arm(nextTimerAt(), now);
      await condition(() => effects.pending || ended() || timer.fired);
    } else {
      await condition(() => effects.pending || ended(), waitMs(nextTimerAt(), now));
    }
    handleTimers(Date.now());
  }
  await effects.settle();
  return status();
}
