import { defaultAssignmentPolicy, type AssignmentPolicy } from '../assignment.messages';
import { REFUSAL } from '../refusals';
import { freshState, onboardingTimers, refuseExtension, refuseOverdueDecision, stepOf } from './onboarding';

const D = 24 * 60 * 60 * 1000;
const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as { type?: string }).type;
  }
  return null;
};

/** Issue 16 #9: an overdue human step has an end. */
describe('an overdue human step (onboarding.ts)', () => {
  const policy = (over: Partial<AssignmentPolicy> = {}): AssignmentPolicy => ({ ...defaultAssignmentPolicy, maxStepReminders: 1, ...over });
  /** Waiting for the representative's details, with the step entered at 0. */
  const accepted = (p: AssignmentPolicy) => {
    const s = freshState(0);
    s.state = 'accepted';
    s.step = stepOf('accepted', 0, p);
    return s;
  };
  /** Every event of the step's deadlines, one deadline after the other. */
  const run = (p: AssignmentPolicy, deadlines: number, decide = true) => {
    const s = accepted(p);
    const kinds: string[] = [];
    for (let i = 0; i < deadlines; i++) kinds.push(...onboardingTimers(s, s.step.deadlineAt as number, p, decide).map((e) => e.kind));
    return { s, kinds };
  };

  it('reminds, tells the coordinator, then reminds the coordinator to decide (the default policy)', () => {
    expect(run(policy(), 4).kinds).toEqual(['step-reminder', 'step-overdue', 'overdue-decision-reminder', 'overdue-decision-reminder']);
  });

  it('ends the assignment one step deadline after the notice when the policy says end', () => {
    expect(run(policy({ onOverdueStep: 'end' }), 3).kinds).toEqual(['step-reminder', 'step-overdue', 'step-lapsed']);
  });

  it('does nothing after the notice in runs before the patch', () => {
    expect(run(policy({ onOverdueStep: 'end' }), 4, false).kinds).toEqual(['step-reminder', 'step-overdue']);
  });

  it('lets the coordinator decide only on an overdue step, and only a new deadline of 1–365 days', () => {
    const p = policy();
    const s = accepted(p);
    expect(refusal(() => refuseOverdueDecision(s, 'förlänga tiden'))).toBe(REFUSAL.wrongState);
    const { s: overdue } = run(p, 2);
    expect(refusal(() => refuseOverdueDecision(overdue, 'förlänga tiden'))).toBeNull();
    overdue.state = 'nominated';
    expect(refusal(() => refuseOverdueDecision(overdue, 'förlänga tiden'))).toBe(REFUSAL.wrongState);
    overdue.state = 'ended';
    expect(refusal(() => refuseOverdueDecision(overdue, 'förlänga tiden'))).toBe(REFUSAL.wrongState);
    for (const bad of [0, 366, 1.5, '7']) expect(refusal(() => refuseExtension({ extendByDays: bad }))).toBe(REFUSAL.invalidInput);
    for (const ok of [undefined, 1, 30, 365]) expect(refusal(() => refuseExtension({ extendByDays: ok }))).toBeNull();
  });

  it('keeps an unanswered offer lapsing at its answer deadline, whatever the policy', () => {
    const p = policy({ onOverdueStep: 'coordinator-decides' });
    const s = freshState(0);
    s.step = stepOf('nominated', 0, p);
    const events = onboardingTimers(s, 15 * D, p, true).map((e) => e.kind);
    expect(events).toContain('no-answer');
  });
});
