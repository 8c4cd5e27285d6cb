import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { REFUSAL } from '../refusals';
import { activityRefusal, approveRefusal, cancelRefusal, holdRefusal, type RunFacts } from './refusals';

const finance = { userId: 'u1', roles: ['finance'], payerCode: 'SKR' };
const open: RunFacts = { payerCode: 'SKR', period: '2026-09', phase: 'awaiting-approval', approving: false, pendingLines: 3 };
const LINE = '7d0b8a8e-5b7c-4b0e-9a8a-2c1f0b7d9e11';
const afterPeriod = Date.parse('2026-10-02T12:00:00Z');
const typed = (f: ApplicationFailure | null) => (f ? { type: f.type, message: f.message, nonRetryable: f.nonRetryable } : null);

describe('payout run refusals are typed (issue 15 #7)', () => {
  it('lets finance of the run’s payer hold, approve and cancel an open draft', () => {
    expect(holdRefusal(open, { ...finance, lineId: LINE, reason: 'Kallelsen saknas.' })).toBeNull();
    expect(approveRefusal(open, { ...finance, payerCode: 'skl' }, afterPeriod)).toBeNull(); // SKL is SKR
    expect(cancelRefusal(open, { ...finance, reason: 'Fel underlag.' })).toBeNull();
  });

  it('refuses others as Forbidden', () => {
    expect(typed(approveRefusal(open, { ...finance, roles: ['coordinator'] }, afterPeriod))).toEqual({
      type: REFUSAL.forbidden,
      message: 'Endast ekonomi kan hantera utbetalningar.',
      nonRetryable: true,
    });
    expect(typed(holdRefusal(open, { ...finance, payerCode: 'sodra', lineId: LINE, reason: 'x' }))?.type).toBe(REFUSAL.forbidden);
  });

  it('refuses a malformed request as InvalidInput and an unknown line as NotFound', () => {
    expect(typed(cancelRefusal(open, { ...finance, reason: '   ' }))).toEqual({ type: REFUSAL.invalidInput, message: 'Ange ett skäl.', nonRetryable: true });
    expect(typed(holdRefusal(open, { ...finance, lineId: LINE, reason: 'x'.repeat(2001) }))?.type).toBe(REFUSAL.invalidInput);
    expect(typed(holdRefusal(open, { ...finance, lineId: 'rad-1', reason: 'x' }))).toEqual({
      type: REFUSAL.notFound,
      message: 'Raden finns inte bland utbetalningens rader.',
      nonRetryable: true,
    });
  });

  it('refuses a step that does not fit the run now as WrongState, checks in the order the run has always checked', () => {
    expect(typed(approveRefusal(open, finance, Date.parse('2026-09-30T12:00:00Z')))?.type).toBe(REFUSAL.wrongState); // period open
    expect(typed(approveRefusal({ ...open, pendingLines: 0 }, finance, afterPeriod))?.message).toMatch(/Alla rader är innehållna/);
    expect(typed(holdRefusal({ ...open, phase: 'gathering' }, { ...finance, lineId: LINE, reason: 'x' }))?.message).toMatch(/sammanställs fortfarande/);
    expect(typed(cancelRefusal({ ...open, phase: 'approved' }, { ...finance, reason: 'x' }))).toEqual({
      type: REFUSAL.wrongState,
      message: 'Utbetalningen är redan godkänd.',
      nonRetryable: true,
    });
    expect(typed(cancelRefusal({ ...open, approving: true }, { ...finance, reason: 'x' }))?.message).toMatch(/håller på att godkännas/);
    // The actor first: another payer's finance learns nothing of the run's state.
    expect(typed(cancelRefusal({ ...open, phase: 'approved' }, { ...finance, payerCode: 'sodra', reason: '' }))?.type).toBe(REFUSAL.forbidden);
    // A bad reason on a closed run: the state is told first.
    expect(typed(cancelRefusal({ ...open, phase: 'cancelled' }, { ...finance, reason: '' }))?.type).toBe(REFUSAL.wrongState);
  });

  it('passes an activity’s refusal on with its message: a missing batch as NotFound, the rest as WrongState', () => {
    const fromActivity = (type: string, message: string) =>
      new ActivityFailure('Activity task failed', 'holdPayoutLine', '1', 'NON_RETRYABLE_FAILURE', 'worker', ApplicationFailure.nonRetryable(message, type));
    expect(typed(activityRefusal(fromActivity('PayoutRefusal.line-not-pending', 'Raden finns inte i denna utbetalning.')))).toEqual({
      type: REFUSAL.wrongState,
      message: 'Raden finns inte i denna utbetalning.',
      nonRetryable: true,
    });
    expect(typed(activityRefusal(fromActivity('PayoutRefusal.not-found', 'Utbetalningen finns inte.')))?.type).toBe(REFUSAL.notFound);
    expect(typed(activityRefusal(new Error('x')))).toEqual({ type: REFUSAL.wrongState, message: 'x', nonRetryable: true });
  });
});
