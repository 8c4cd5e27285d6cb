import { addDays, addMonths, swedishDate } from './business-dates';

/**
 * The claim rules a payer sets (DOMAIN.md "Claims": one region takes claims within 3 months of the activity and
 * receipts no older than 6 months). Kept as data in `claim_policy` (scope `default` or a payer code), never as
 * constants in code; these functions only apply a policy they are given.
 */
export interface ClaimPolicyValues {
  claimWithinMonths: number;
  receiptMaxAgeMonths: number;
  /** How many days before the deadline the person is reminded of a claim not yet sent in. */
  remindDaysBefore: number;
}

/** The last day a claim for an activity on `activityDate` may be sent in. */
export function claimDeadline(activityDate: string, policy: ClaimPolicyValues): string {
  return addMonths(activityDate, policy.claimWithinMonths);
}

/** The oldest receipt date accepted on `today`. */
export function oldestReceiptDate(today: string, policy: ClaimPolicyValues): string {
  return addMonths(today, -policy.receiptMaxAgeMonths);
}

/** The day from which the person is reminded of a claim due on `deadline`. */
export function reminderFrom(deadline: string, policy: ClaimPolicyValues): string {
  return addDays(deadline, -policy.remindDaysBefore);
}

/** Problems with an activity date on `today` (Swedish field messages): in the future, or outside the agreement's period. */
export function activityDateProblems(activityDate: string, today: string, period: { start: string | null; end: string | null }): string[] {
  const problems: string[] = [];
  if (activityDate > today) problems.push('Datumet ligger i framtiden: rapportera mötet eller aktiviteten när den har ägt rum.');
  if (period.start === null || activityDate < period.start || (period.end !== null && activityDate > period.end)) {
    const range = period.start ? `${swedishDate(period.start)}–${period.end ? swedishDate(period.end) : 'tills vidare'}` : 'ej fastställd';
    problems.push(`Datumet ligger utanför överenskommelsens period (${range}).`);
  }
  return problems;
}

/** The claim deadline of an activity has passed on `today` (Swedish message), or undefined. */
export function deadlineProblem(activityDate: string, today: string, policy: ClaimPolicyValues): string | undefined {
  const deadline = claimDeadline(activityDate, policy);
  if (today <= deadline) return undefined;
  return `Sista dag att begära ersättning för denna aktivitet var ${swedishDate(deadline)} (inom ${policy.claimWithinMonths} månader efter aktiviteten).`;
}

/** Problems with a receipt's date on `today` (Swedish); empty when it is fine. */
export function receiptDateProblems(receiptDate: string, today: string, policy: ClaimPolicyValues): string[] {
  if (receiptDate > today) return ['Kvittots datum ligger i framtiden.'];
  const oldest = oldestReceiptDate(today, policy);
  if (receiptDate < oldest) {
    return [`Kvittot är äldre än ${policy.receiptMaxAgeMonths} månader: kvitton från före ${swedishDate(oldest)} ersätts inte.`];
  }
  return [];
}
