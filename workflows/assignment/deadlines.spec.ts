import { defaultAssignmentPolicy, type AssignmentCarriedState, type AssignmentPolicy, type ReportingPeriodState } from '../assignment.messages';
import { deadlines, dueAt, nextDeadline, type TimerEvent } from './deadlines';
import { freshState, stepOf } from './onboarding';
import type { Running } from './reporting-cycle';

const H = 3_600_000;
const D = 24 * H;
const policy: AssignmentPolicy = { ...defaultAssignmentPolicy };
const running: Running = (p) => p.state === 'open';
const clone = (s: AssignmentCarriedState) => JSON.parse(JSON.stringify(s)) as AssignmentCarriedState;

function offered(now: number): AssignmentCarriedState {
  const s = freshState(now);
  s.step = stepOf('nominated', now, policy);
  return s;
}

function activeWithPeriod(now: number, period: Partial<ReportingPeriodState> = {}): AssignmentCarriedState {
  const s = freshState(now - 40 * D);
  s.state = 'active';
  s.step = stepOf('active', now - 40 * D, policy);
  s.activatedAt = now - 40 * D;
  s.planned = true;
  s.tenureEndsAt = now + 400 * D;
  s.declaration = { state: 'approved', declarationId: 'd', approvedAt: now - 40 * D, nextDueAt: now + 1000 * D, renewDeadlineAt: null };
  s.periods = [{ index: 1, key: '2026-03', startsAt: now - 40 * D, endsAt: now + 5 * D, dueAt: null, state: 'open', secondReminderSent: false, ...period }];
  return s;
}

/**
 * Follows an assignment from deadline to deadline: just before the nearest deadline nothing is due (the timer and
 * the handling agree), at it something is. Returns the events in order.
 */
function follow(s: AssignmentCarriedState, from: number, steps: number): TimerEvent[][] {
  const seen: TimerEvent[][] = [];
  let now = from;
  for (let i = 0; i < steps; i++) {
    const at = nextDeadline(s, now, policy, running);
    const before = clone(s);
    expect(dueAt(s, at - 1, policy, running)).toEqual([]);
    expect(s).toEqual(before);
    const events = dueAt(s, at, policy, running);
    seen.push(events);
    if (events.some((e) => e.kind === 'no-answer' || e.kind === 'tenure-ended')) break;
    now = at;
  }
  return seen;
}

describe('the assignment’s deadlines and what they bring (deadlines.ts)', () => {
  it('an offer: a reminder 4 days before the answer deadline, then the decline for no answer', () => {
    const now = Date.UTC(2026, 2, 1);
    const s = offered(now);
    expect(deadlines(s, now, policy, running).sort((a, b) => a - b).slice(0, 2)).toEqual([now + 10 * D, now + 14 * D]);
    expect(follow(s, now, 5)).toEqual([[{ kind: 'answer-reminder', deadlineAt: now + 14 * D }], [{ kind: 'no-answer' }]]);
  });

  it('a human step: two reminders to whoever’s turn it is, each with a new deadline, then the coordinators once', () => {
    const now = Date.UTC(2026, 2, 1);
    const s = freshState(now);
    s.state = 'signed';
    s.step = stepOf('signed', now, policy);
    const events = follow(s, now, 3);
    expect(events).toEqual([
      [{ kind: 'step-reminder', step: 'signed', reminder: 1, turn: 'coordinator', deadlineAt: now + 28 * D }],
      [{ kind: 'step-reminder', step: 'signed', reminder: 2, turn: 'coordinator', deadlineAt: now + 42 * D }],
      [{ kind: 'step-overdue', step: 'signed' }],
    ]);
    // After that nothing more is sent for the step (its deadline keeps moving on).
    expect(dueAt(s, now + 56 * D, policy, running)).toEqual([]);
  });

  it('nobody’s turn (the workflow drafts the agreement): no deadline but the yearly wake-up', () => {
    const now = Date.UTC(2026, 2, 1);
    const s = freshState(now);
    s.state = 'details-given';
    s.step = stepOf('details-given', now, policy);
    expect(deadlines(s, now, policy, running)).toEqual([now + 365 * D]);
  });

  it('a reporting period: it ends, the report is asked for, reminded, and missed at its deadline', () => {
    const now = Date.UTC(2026, 2, 27);
    const s = activeWithPeriod(now);
    const endsAt = now + 5 * D;
    expect(follow(s, now, 3)).toEqual([
      [{ kind: 'period-ended', key: '2026-03', state: 'awaiting-report', dueAt: endsAt + 14 * D, endsAt }],
      [{ kind: 'report-reminder', key: '2026-03', dueAt: endsAt + 14 * D }],
      [{ kind: 'report-missed', key: '2026-03' }],
    ]);
    expect(s.missedPeriods).toEqual(['2026-03']);
  });

  it('a submitted report not attested: the coordinators are reminded at the deadline, unattested 30 days later', () => {
    const now = Date.UTC(2026, 2, 27);
    const s = activeWithPeriod(now, { state: 'submitted', endsAt: now - D, dueAt: now + 13 * D });
    expect(follow(s, now, 2)).toEqual([
      [{ kind: 'attestation-reminder', key: '2026-03', attestBy: now + 43 * D }],
      [{ kind: 'report-unattested', key: '2026-03' }],
    ]);
  });

  it('the declaration: renewal due after declarationRenewEvery, overdue 30 days later; the agreement’s end ends it', () => {
    const now = Date.UTC(2026, 2, 27);
    const s = activeWithPeriod(now, { state: 'attested', endsAt: now - D, dueAt: now + 13 * D });
    s.declaration.nextDueAt = now + 10 * D;
    s.tenureEndsAt = now + 100 * D;
    s.periods[0].state = 'attested';
    expect(follow(s, now, 5)).toEqual([
      [{ kind: 'declaration-renewal-due', deadlineAt: now + 40 * D }],
      [{ kind: 'declaration-overdue' }],
      [{ kind: 'tenure-ended' }],
    ]);
  });

  it('an ended assignment still closes its periods and waits for their reports; no declaration, no tenure', () => {
    const now = Date.UTC(2026, 2, 27);
    const s = activeWithPeriod(now);
    s.state = 'ended';
    s.declaration.nextDueAt = now + D;
    const events = dueAt(s, now, policy, running);
    expect(events).toEqual([{ kind: 'period-ended', key: '2026-03', state: 'awaiting-report', dueAt: now + 14 * D, endsAt: now }]);
    expect(deadlines(s, now, policy, running)).not.toContain(now + D);
  });
});
