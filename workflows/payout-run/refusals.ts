import type { ApplicationFailure } from '@temporalio/workflow';
import { isLineId, samePayerCode, type FinanceActor, type PayoutRunPhase } from '../payout-run.messages';
import { periodHasEnded, periodOpenMessage } from '../payout-period';
import { forbidden, invalidInput, notFound, wrongState } from '../refusals';

/**
 * The payout run's validators: why an update is refused, as a typed refusal (see ../refusals.ts: the API answers
 * InvalidInput with 400, NotFound 404, Forbidden 403, WrongState 409), or nothing when it may run. Pure: the
 * workflow passes in what it knows.
 */
export interface RunFacts {
  payerCode: string;
  period: string;
  phase: PayoutRunPhase;
  /** An approval is under way. */
  approving: boolean;
  /** Lines of the draft waiting for approval. */
  pendingLines: number;
}

export const MAX_REASON = 2000;

/** Only finance of this run's payer. */
export function actorRefusal(actor: FinanceActor, payerCode: string): ApplicationFailure | null {
  if (!actor || typeof actor.userId !== 'string' || !Array.isArray(actor.roles) || !actor.roles.includes('finance')) {
    return forbidden('Endast ekonomi kan hantera utbetalningar.');
  }
  if (!samePayerCode(actor.payerCode, payerCode)) return forbidden('Du kan bara hantera utbetalningar för din egen betalare.');
  return null;
}

/** The draft can be changed only while it awaits approval and no approval is under way. */
export function openRefusal(run: Pick<RunFacts, 'phase' | 'approving'>): ApplicationFailure | null {
  if (run.phase === 'gathering') return wrongState('Utbetalningen sammanställs fortfarande. Försök igen om en stund.');
  if (run.phase === 'approved') return wrongState('Utbetalningen är redan godkänd.');
  if (run.phase !== 'awaiting-approval') return wrongState('Utbetalningen är avslutad och kan inte ändras.');
  if (run.approving) return wrongState('Utbetalningen håller på att godkännas.');
  return null;
}

export function reasonRefusal(reason: unknown): ApplicationFailure | null {
  if (typeof reason !== 'string' || reason.trim() === '') return invalidInput('Ange ett skäl.');
  if (reason.length > MAX_REASON) return invalidInput('Skälet får vara högst 2 000 tecken.');
  return null;
}

/** Holding a line back. Whether the line is pending in this batch is the activity's to tell (it refuses any other line). */
export function holdRefusal(run: RunFacts, req: FinanceActor & { lineId: unknown; reason: unknown }): ApplicationFailure | null {
  return (
    actorRefusal(req, run.payerCode) ??
    openRefusal(run) ??
    reasonRefusal(req.reason) ??
    (isLineId(req.lineId) ? null : notFound('Raden finns inte bland utbetalningens rader.'))
  );
}

/** Approving: a run covers a closed period, so only from the day after its last day (Stockholm). */
export function approveRefusal(run: RunFacts, req: FinanceActor, now: number): ApplicationFailure | null {
  return (
    actorRefusal(req, run.payerCode) ??
    (periodHasEnded(run.period, now) ? null : wrongState(periodOpenMessage(run.period))) ??
    openRefusal(run) ??
    (run.pendingLines === 0 ? wrongState('Alla rader är innehållna: det finns inget att godkänna. Avbryt omgången i stället.') : null)
  );
}

export function cancelRefusal(run: RunFacts, req: FinanceActor & { reason: unknown }): ApplicationFailure | null {
  return actorRefusal(req, run.payerCode) ?? openRefusal(run) ?? reasonRefusal(req.reason);
}

/**
 * An activity's refusal, for the caller: its Swedish message, typed by what it means. The payout activities
 * refuse with the types `PayoutRefusal.<code>` (src/payouts/payout-batches.ts) and `FeeInputError`; a batch that
 * is not found is NotFound, every other refusal WrongState (the step does not fit the batch as it is now).
 */
export function activityRefusal(e: unknown): ApplicationFailure {
  const message = refusalMessage(e);
  return failureType(e) === 'PayoutRefusal.not-found' ? notFound(message) : wrongState(message);
}

/** The innermost message of a failure chain (an activity failure's cause), or a generic Swedish one. */
export function refusalMessage(e: unknown): string {
  let cur: unknown = e;
  while (cur && typeof cur === 'object' && 'cause' in cur && (cur as { cause?: unknown }).cause) cur = (cur as { cause: unknown }).cause;
  return cur instanceof Error ? cur.message : 'Steget kunde inte utföras.';
}

function failureType(e: unknown): string | undefined {
  let type: string | undefined;
  for (let cur: unknown = e; cur && typeof cur === 'object'; cur = (cur as { cause?: unknown }).cause) {
    const t = (cur as { type?: unknown }).type;
    if (typeof t === 'string') type = t;
  }
  return type;
}
