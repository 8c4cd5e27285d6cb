import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Paying bodies and rate tables (issue 3), seeded with DOMAIN.md's reference figures for 2019–2026.
 * The figures are written out here on purpose (not imported): a migration must keep meaning what it meant.
 */
const HEALTHCARE_REGIONS: [code: string, name: string][] = [
  ['norra', 'Norra sjukvårdsregionen'],
  ['mellansverige', 'Sjukvårdsregion Mellansverige'],
  ['stockholm-gotland', 'Sjukvårdsregion Stockholm-Gotland'],
  ['sydostra', 'Sydöstra sjukvårdsregionen'],
  ['vastra', 'Västra sjukvårdsregionen'],
  ['sodra', 'Södra sjukvårdsregionen'],
];

/** The 21 regions, each with its healthcare region. Region Halland is split by law (its north belongs to Västra); it is a member of Södra. */
const REGIONS: [code: string, name: string, healthcareRegion: string][] = [
  ['region-norrbotten', 'Region Norrbotten', 'norra'],
  ['region-vasterbotten', 'Region Västerbotten', 'norra'],
  ['region-jamtland-harjedalen', 'Region Jämtland Härjedalen', 'norra'],
  ['region-vasternorrland', 'Region Västernorrland', 'norra'],
  ['region-uppsala', 'Region Uppsala', 'mellansverige'],
  ['region-orebro', 'Region Örebro län', 'mellansverige'],
  ['region-varmland', 'Region Värmland', 'mellansverige'],
  ['region-dalarna', 'Region Dalarna', 'mellansverige'],
  ['region-gavleborg', 'Region Gävleborg', 'mellansverige'],
  ['region-vastmanland', 'Region Västmanland', 'mellansverige'],
  ['region-sormland', 'Region Sörmland', 'mellansverige'],
  ['region-stockholm', 'Region Stockholm', 'stockholm-gotland'],
  ['region-gotland', 'Region Gotland', 'stockholm-gotland'],
  ['region-ostergotland', 'Region Östergötland', 'sydostra'],
  ['region-jonkoping', 'Region Jönköpings län', 'sydostra'],
  ['region-kalmar', 'Region Kalmar län', 'sydostra'],
  ['vastra-gotalandsregionen', 'Västra Götalandsregionen', 'vastra'],
  ['region-skane', 'Region Skåne', 'sodra'],
  ['region-blekinge', 'Region Blekinge', 'sodra'],
  ['region-kronoberg', 'Region Kronoberg', 'sodra'],
  ['region-halland', 'Region Halland', 'sodra'],
];

/** Prisbasbelopp in kronor [SFS for each year; SCB]. */
const PBB_KRONOR: [year: number, pbb: number][] = [
  [2019, 46_500],
  [2020, 47_300],
  [2021, 47_600],
  [2022, 48_300],
  [2023, 52_500],
  [2024, 57_300],
  [2025, 58_800],
  [2026, 59_200],
];

const ROUNDING = `('kronor-half-up','kronor-half-even','kronor-down','ore')`;

export class RatesAndPayers1764100000000 implements MigrationInterface {
  name = 'RatesAndPayers1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE paying_body (
        code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9-]+$'),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        kind text NOT NULL CHECK (kind IN ('national','healthcare-region','region')),
        healthcare_region text CHECK (healthcare_region IN ('norra','mellansverige','stockholm-gotland','sydostra','vastra','sodra')),
        payout_frequency text NOT NULL DEFAULT 'monthly' CHECK (payout_frequency IN ('monthly','quarterly')),
        aliases text[] NOT NULL DEFAULT '{}',
        CHECK ((kind = 'national') = (healthcare_region IS NULL))
      )`);
    await q.query(`CREATE INDEX paying_body_aliases_idx ON paying_body USING gin (aliases)`);

    await q.query(`
      CREATE TABLE rate_table (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]*$'),
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        payer_code text REFERENCES paying_body(code),
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        pbb_ore bigint NOT NULL CHECK (pbb_ore > 0),
        fee_full_day_bp int NOT NULL CHECK (fee_full_day_bp BETWEEN 0 AND 10000),
        fee_half_day_bp int NOT NULL CHECK (fee_half_day_bp BETWEEN 0 AND 10000),
        fee_short_bp int NOT NULL CHECK (fee_short_bp BETWEEN 0 AND 10000),
        fee_hourly_bp int NOT NULL CHECK (fee_hourly_bp BETWEEN 0 AND 10000),
        fee_full_day_fixed_ore bigint CHECK (fee_full_day_fixed_ore >= 0),
        fee_half_day_fixed_ore bigint CHECK (fee_half_day_fixed_ore >= 0),
        fee_short_fixed_ore bigint CHECK (fee_short_fixed_ore >= 0),
        fee_hourly_fixed_ore bigint CHECK (fee_hourly_fixed_ore >= 0),
        short_max_minutes int NOT NULL CHECK (short_max_minutes > 0),
        half_day_max_minutes int NOT NULL,
        default_fee_mode text NOT NULL CHECK (default_fee_mode IN ('per-session','hourly')),
        rounding text NOT NULL CHECK (rounding IN ${ROUNDING}),
        hourly_counting text NOT NULL CHECK (hourly_counting IN ('started-half-hour','started-hour','exact-minutes')),
        hourly_scope text NOT NULL CHECK (hourly_scope IN ('short-only','all')),
        contribution_full_bp int NOT NULL CHECK (contribution_full_bp BETWEEN 0 AND 10000),
        contribution_pension_only_bp int NOT NULL CHECK (contribution_pension_only_bp BETWEEN 0 AND 10000),
        contribution_pension_only_from_age int NOT NULL CHECK (contribution_pension_only_from_age BETWEEN 0 AND 150),
        contribution_none_if_born_up_to int NOT NULL,
        contribution_year_threshold_ore bigint NOT NULL CHECK (contribution_year_threshold_ore >= 0),
        contribution_rounding text NOT NULL CHECK (contribution_rounding IN ${ROUNDING}),
        tax_side_income_bp int NOT NULL CHECK (tax_side_income_bp BETWEEN 0 AND 10000),
        tax_year_threshold_ore bigint NOT NULL CHECK (tax_year_threshold_ore >= 0),
        tax_min_payment_ore bigint NOT NULL CHECK (tax_min_payment_ore >= 0),
        tax_rounding text NOT NULL CHECK (tax_rounding IN ${ROUNDING}),
        mileage_tax_free_ore_per_mil int NOT NULL CHECK (mileage_tax_free_ore_per_mil >= 0),
        mileage_reimbursed_ore_per_mil int NOT NULL CHECK (mileage_reimbursed_ore_per_mil >= 0),
        source text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (code, version),
        CHECK (half_day_max_minutes > short_max_minutes),
        -- PBB is set per calendar year, so a table never spans two years.
        CHECK (valid_from <= valid_to AND date_part('year', valid_from) = date_part('year', valid_to))
      )`);
    await q.query(`CREATE INDEX rate_table_in_force_idx ON rate_table (payer_code, valid_from, valid_to)`);

    await q.query(
      `INSERT INTO paying_body (code, name, kind, healthcare_region, payout_frequency, aliases)
       VALUES ('SKR', 'Sveriges Kommuner och Regioner (SKR)', 'national', NULL, 'monthly', '{SKL}')`,
    );
    for (const [code, name] of HEALTHCARE_REGIONS) {
      await q.query(
        `INSERT INTO paying_body (code, name, kind, healthcare_region, payout_frequency) VALUES ($1, $2, 'healthcare-region', $1, 'monthly')`,
        [code, name],
      );
    }
    for (const [code, name, hr] of REGIONS) {
      await q.query(`INSERT INTO paying_body (code, name, kind, healthcare_region, payout_frequency) VALUES ($1, $2, 'region', $3, 'monthly')`, [
        code,
        name,
        hr,
      ]);
    }

    for (const [year, pbb] of PBB_KRONOR) {
      // Old-age pension fee only from 65 (2019–2022), 66 (2023–2025), 67 (from 2026) [Skatteverket, SAL].
      const ageLimit = year <= 2022 ? 65 : year <= 2025 ? 66 : 67;
      // Own car: 18,50 kr per mil tax-free before 2023, 25 kr from 2023 [Skatteverket].
      const mileage = year >= 2023 ? 2500 : 1850;
      await q.query(
        `INSERT INTO rate_table (
           code, version, payer_code, valid_from, valid_to, pbb_ore,
           fee_full_day_bp, fee_half_day_bp, fee_short_bp, fee_hourly_bp, short_max_minutes, half_day_max_minutes,
           default_fee_mode, rounding, hourly_counting, hourly_scope,
           contribution_full_bp, contribution_pension_only_bp, contribution_pension_only_from_age,
           contribution_none_if_born_up_to, contribution_year_threshold_ore, contribution_rounding,
           tax_side_income_bp, tax_year_threshold_ore, tax_min_payment_ore, tax_rounding,
           mileage_tax_free_ore_per_mil, mileage_reimbursed_ore_per_mil, source)
         VALUES ($1, 1, NULL, $2, $3, $4,
           360, 180, 90, 50, 120, 240,
           'per-session', 'kronor-half-up', 'started-half-hour', 'short-only',
           3142, 1021, $5, 1937, 100000, 'kronor-half-up',
           3000, 100000, 10000, 'kronor-down',
           $6, $6, $7)`,
        [
          `nationell-${year}`,
          `${year}-01-01`,
          `${year}-12-31`,
          pbb * 100,
          ageLimit,
          mileage,
          `Rutin för patientmedverkan §4.5.2 (3,6/1,8/0,9 % av PBB, 0,5 % per timme); prisbasbelopp ${year} ${pbb} kr (SFS, SCB); ` +
            `arbetsgivaravgifter 31,42 %, ålderspensionsavgift 10,21 % från ${ageLimit} år (Skatteverket, SAL); ` +
            `skatteavdrag 30 % på sidoinkomst (SFL 10–11 kap.); bilersättning ${mileage === 2500 ? '25' : '18,50'} kr per mil skattefritt (Skatteverket).`,
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_table`);
    await q.query(`DROP TABLE paying_body`);
  }
}
