import type { DataSource } from 'typeorm';
import { stockholmDate } from '../../src/time-reports/business-dates';

/**
 * Tests that work with today's date (a payout approved today, time reported this month) need a national rate table
 * in force today. The migrations seed the reference figures up to 2026; once the calendar passes the last seeded
 * year, this copies the newest national table into every later year up to the current one — in the test's own database only, marked as
 * a test fixture in its `source` — so those tests keep working until real figures for the year are added. While a
 * seeded table covers today (as in 2026) it does nothing. Tests of the rate tables themselves opt out
 * (`startHarness({ ratesForToday: false })`), as they check the seeded list exactly.
 */
export async function ensureNationalRateTableForToday(ds: DataSource, today = stockholmDate(new Date())): Promise<void> {
  // Every year from the one after the newest national table up to today's (last year's lines are paid this year).
  const [{ newest }] = await ds.query(`SELECT max(date_part('year', valid_to))::int AS newest FROM rate_table WHERE payer_code IS NULL`);
  for (let y = Number(newest) + 1; y <= Number(today.slice(0, 4)); y++) await copyNewestInto(ds, String(y));
}

async function copyNewestInto(ds: DataSource, year: string): Promise<void> {
  await ds.query(
    `INSERT INTO rate_table (
       code, version, payer_code, valid_from, valid_to, pbb_ore,
       fee_full_day_bp, fee_half_day_bp, fee_short_bp, fee_hourly_bp,
       fee_full_day_fixed_ore, fee_half_day_fixed_ore, fee_short_fixed_ore, fee_hourly_fixed_ore,
       short_max_minutes, half_day_max_minutes, default_fee_mode, rounding, hourly_counting, hourly_scope,
       contribution_full_bp, contribution_pension_only_bp, contribution_pension_only_from_age,
       contribution_none_if_born_up_to, contribution_year_threshold_ore, contribution_rounding,
       tax_side_income_bp, tax_year_threshold_ore, tax_min_payment_ore, tax_rounding,
       mileage_tax_free_ore_per_mil, mileage_reimbursed_ore_per_mil, source)
     SELECT 'nationell-' || $1, 1, NULL, ($1 || '-01-01')::date, ($1 || '-12-31')::date, pbb_ore,
       fee_full_day_bp, fee_half_day_bp, fee_short_bp, fee_hourly_bp,
       fee_full_day_fixed_ore, fee_half_day_fixed_ore, fee_short_fixed_ore, fee_hourly_fixed_ore,
       short_max_minutes, half_day_max_minutes, default_fee_mode, rounding, hourly_counting, hourly_scope,
       contribution_full_bp, contribution_pension_only_bp, contribution_pension_only_from_age,
       contribution_none_if_born_up_to, contribution_year_threshold_ore, contribution_rounding,
       tax_side_income_bp, tax_year_threshold_ore, tax_min_payment_ore, tax_rounding,
       mileage_tax_free_ore_per_mil, mileage_reimbursed_ore_per_mil,
       'TESTDATA: kopia av ' || code || ' för tester, inte årets riktiga belopp'
     FROM rate_table
     WHERE payer_code IS NULL
       AND NOT EXISTS (SELECT 1 FROM rate_table WHERE payer_code IS NULL AND date_part('year', valid_from) = $1::int)
     ORDER BY valid_from DESC
     LIMIT 1`,
    [year],
  );
}
