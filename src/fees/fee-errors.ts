/**
 * Input the fee engine cannot compute from (no table in force, a meeting without a length, …). Carries the
 * field it concerns and a Swedish message, so the API can answer 400 with `fields`. Plain Error: no Nest here.
 */
export class FeeInputError extends Error {
  constructor(
    message: string,
    /** Path of the offending input field, e.g. `activities.2.durationMinutes`. */
    public readonly field: string,
  ) {
    super(message);
    this.name = 'FeeInputError';
  }
}
