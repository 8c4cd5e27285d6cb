import { getExternalWorkflowHandle, log, patched, setHandler } from '@temporalio/workflow';
import { iso } from '../duration';
import { assignmentWorkflowId } from '../ids';
import { assignmentChangedSignal, groupEndedSignal } from '../recruitment.messages';
import { PATCH } from '../versioning';
import type { RecruitmentSteps } from './handlers';
import { OPEN_REQUEST } from './staffing';

/**
 * News from the group's assignments (`assignmentChanged`: active, declined, left) and from the group
 * (`groupEnded`). Below the minimum after an active representative left, an urgent round starts on its own.
 */
export function setNewsHandlers(w: RecruitmentSteps): void {
  const { input, recruitment, system: SYSTEM, effects, coordinators } = w;
  const { activeCount, record, mail, openRound } = w;
  const ended = () => recruitment.state === 'ended';


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
          // Each organisation asked may nominate as many as the group is short of (issue 16 #1).
          { wanted: Math.max(1, input.minRepresentatives - activeCount()) },
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
}
