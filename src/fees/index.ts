/**
 * The fee engine (arvodesmotor) of Rutin för patientmedverkan §4.5. Pure: no I/O, no NestJS, no clock, no Node
 * built-ins, so activities (and bundles) can import it. Money is integer öre; percentages are basis points;
 * every figure comes from a `RateTable` passed in (loaded by `RatesService` in src/rates/).
 *
 * Main entry point
 * - `computeFees(input: FeeInput, tables: readonly RateTable[]): FeeCalculation`
 *   One payout to one person from one payer. Each activity gets a fee line (tier, minutes, amount, rule, table)
 *   and travel lines; then employer contributions (with the 1 000 kr year threshold and a one-time catch-up when
 *   it is crossed) and tax withheld (30 % side income or a tax-table percentage; none under the year threshold or
 *   on a payment under 100 kr). `totals` are computed from the lines only. A company payee gives
 *   `status: 'refused'`; open information meetings and payees employed for the assignment give 0-lines with a
 *   `refusal`. Throws `FeeInputError` (Swedish message + field path) for input it cannot compute from.
 *   `earlierTaxablePayOre`: taxable pay this payer already paid the person this calendar year.
 *
 * Building blocks (used by computeFees, exported for payout slips and tests)
 * - `roundOre(amount: Ore | ExactOre, rule: RoundingRule): Ore` — THE rounding function; rules
 *   `kronor-half-up` (default), `kronor-half-even`, `kronor-down`, `ore`; `exactOre`, `basisPointsOf`,
 *   `scaleExact` build exact fractions; `roundWithTrace(amount, rule)` rounds and keeps the amount before
 *   rounding; `exactOreText` / `parseExactOreText` write and read it; `formatKronor(ore)` for Swedish text.
 * - `selectRateTable(tables, date, payerCode): RateTable | undefined` — the table in force; a payer's own table
 *   overrides the national one (payerCode null).
 * - `tierFor(minutes, table): FeeTier`, `countedMinutes(minutes, counting)`, `sessionFee(table, tier)`,
 *   `hourlyRate(table)`, `hourlyFee(table, minutes)`.
 * - `contributionRate(rates, birthYear, year)`, `contributionsFor(rates, rate, earlierOre, thisOre)`.
 * - `taxFor(rates, mode, earlierOre, thisOre, expectedYearOre?)`.
 * - `ticketPart(amountOre, receipt, description?)`, `carParts(mileageRates, km)`.
 * - `totalsOf(lines): FeeTotals`, `isIsoDate(s)`.
 *
 * Types: `RateTable` (+ `FeeRates`, `FixedFees`, `HourlyRules`, `ContributionRates`, `TaxRates`,
 * `MileageRates`), `FeeInput`, `FeeActivity`, `TicketInput`, `FeePayee`, `TaxMode`, `FeeCalculation`, `FeeLine`,
 * `FeeLineKind`, `FeeTotals`, `TableRef`, `FeeTier`, `FeeMode`, `HourlyCounting`, `HourlyScope`, `ActivityKind`,
 * `RefusalCode`, `ContributionCategory`, `Ore`, `ExactOre`, `ExactOreText`, `BeforeRounding`, `RoundingRule`.
 * Value lists for validation: `ACTIVITY_KINDS`, `FEE_TIERS`, `FEE_MODES`, `HOURLY_COUNTING_RULES`,
 * `HOURLY_SCOPES`, `ROUNDING_RULES`; Swedish texts: `REFUSAL_TEXT`, `ROUNDING_RULE_TEXT`, `FORSAKRINGSKASSAN_NOTICE`.
 *
 * Amounts before rounding
 * - A line whose amount was rounded (a fee from a PBB percentage or per hour, car allowance, contributions, tax)
 *   carries `unroundedOre` and `rounding`: `roundOre(parseExactOreText(l.unroundedOre), l.rounding) === l.amountOre`.
 *   Money stays integer öre; the amount before rounding is exact öre as text (`ExactOreText`), never a float:
 *   a decimal number of öre (`"213120"` = 2 131,20 kr, 2026's full day before it becomes 2 131 kr;
 *   `"23310.5"` = 233,105 kr) or, where no finite decimal exists (an hourly fee counted in exact minutes), the
 *   fraction `"54760/3"`. It is text so the stored calculation (jsonb) and the API keep it exactly.
 *   For an hourly fee it is the rounded hourly rate × counted hours, before that product's rounding.
 *   Fixed amounts, tickets, refusals and amounts that are 0 by a threshold have neither field.
 *
 * Decisions worth knowing
 * - Tiers: ≤ 2 h short, > 2 h ≤ 4 h half day, > 4 h full day, travel time included (exactly 2 h is short).
 * - Hourly mode: with the seeded `hourly.scope = 'short-only'` the hourly fee replaces the short-effort fee and
 *   half/full days keep their session fee (the routine offers the hourly rate as the alternative for shorter
 *   efforts); part-hours count per `hourly.counting` (seeded: every started half hour). The rounded hourly
 *   rate (e.g. 238 kr in 2021) × counted hours, rounded again.
 * - Fee and travel use the table in force on the activity date; contributions and tax the one in force on the
 *   payment date (age "vid årets ingång" by birth year: year − 1 − birthYear ≥ limit).
 * - Open information meetings and payees employed for the assignment get neither fee nor travel ("ersättning
 *   utgår inte"), as 0-lines with the reason; tickets without receipt are 0-lines too.
 */
export * from './rounding';
export * from './rate-table';
export * from './fee-errors';
export * from './fee-tiers';
export * from './contributions';
export * from './tax';
export * from './travel';
export * from './fee-engine';
