import { ConflictError, InvalidInputError } from '../common/errors';
import { addDays, stockholmMidnight } from '../common/stockholm-time';

/**
 * Dates that have passed (issue 13 #8): a group whose end date has passed is neither created nor recruited for,
 * and an appointment whose period has already ended is refused. `today` is the business date (YYYY-MM-DD,
 * Europe/Stockholm); ISO dates compare as strings.
 */
export function refuseNewGroupEndedBefore(endsOn: string | null | undefined, today: string): void {
  if (endsOn && endsOn < today) {
    throw new InvalidInputError('Gruppens slutdatum har redan passerat. Ange ett slutdatum som är i dag eller senare.', {
      endsOn: [`Slutdatumet ${endsOn} har passerat; välj i dag (${today}) eller ett senare datum.`],
    });
  }
}

/** Recruiting (rounds, nominations, appointments) for a group whose end date has passed. */
export function refuseRecruitingForEndedGroup(endsOn: string | null | undefined, today: string): void {
  if (endsOn && endsOn < today) {
    throw new ConflictError(`Gruppens slutdatum (${endsOn}) har passerat: det går inte att rekrytera till gruppen.`);
  }
}

/** An appointment whose period has already ended. */
export function refuseEndedPeriod(periodEnd: string | null | undefined, today: string): void {
  if (periodEnd && periodEnd < today) {
    throw new InvalidInputError('Uppdragets period har redan tagit slut. Ange ett slutdatum som är i dag eller senare, eller lämna det tomt.', {
      periodEnd: [`Slutdatumet ${periodEnd} har passerat; välj i dag (${today}) eller ett senare datum.`],
    });
  }
}

/**
 * The reply deadline a coordinator chose for a nomination round (issue 16 #1): the end of that day in Stockholm
 * (23:59), as the instant the round's requests wait until. The day must be after today and at most `maxDays`
 * ahead (400 in Swedish otherwise).
 */
export function replyDeadline(replyBy: string, today: string, maxDays: number): number {
  const last = addDays(today, maxDays);
  if (replyBy <= today || replyBy > last) {
    throw new InvalidInputError(`Sista svarsdag ska ligga mellan i morgon och ${last} (högst ${maxDays} dagar fram).`, {
      replyBy: [replyBy <= today ? `Välj en dag efter i dag (${today}).` : `Välj senast ${last}.`],
    });
  }
  return stockholmMidnight(addDays(replyBy, 1)) - 60_000;
}
