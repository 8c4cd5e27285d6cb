import { ConflictError, InvalidInputError } from '../common/errors';

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
