import { MigrationInterface, QueryRunner } from 'typeorm';

/** A reduction of employer contributions for young people as stored in `rate_table.contribution_reductions`. */
interface StoredReduction {
  code: string;
  fromAge: number;
  belowAge: number;
  validFrom: string;
  validTo: string;
  rateBp: number;
  monthlyCapOre: number | null;
  source: string;
}

const CAP = 2_500_000; // 25 000 kr a calendar month per payer
const YOUNG_15 =
  'Nedsättning för den som vid årets ingång fyllt 15 men inte 18 år: bara ålderspensionsavgiften 10,21 % på ersättning upp till 25 000 kr per månad, utgiven 1 augusti 2019–31 december 2023 (socialavgiftslagen 2000:980; Skatteverket)';
const LAW_2021_55 = 'lag (2021:55) om särskild beräkning av arbetsgivaravgifter och allmän löneavgift för personer som fyllt 18 men inte 23 år';
const YOUNG_18_2021 = `19,73 % på ersättning upp till 25 000 kr per månad, utgiven januari 2021–mars 2023 (${LAW_2021_55})`;
const SUMMER_2021 = `Bara ålderspensionsavgiften 10,21 % på ersättning utgiven juni–augusti 2021 (${LAW_2021_55}, prop. 2020/21:202)`;
const SUMMER_2022 = `Bara ålderspensionsavgiften 10,21 % på ersättning utgiven juni–augusti 2022 (${LAW_2021_55}, prop. 2021/22:97)`;
const YOUNG_18_2026 =
  'Ålderspensionsavgiften och hälften av övriga avgifter, 20,81 %, på ersättning upp till 25 000 kr per kalendermånad, utgiven 1 april 2026–30 september 2027 (lag SFS 2026:100, prop. 2025/26:66)';

const r = (code: string, fromAge: number, belowAge: number, validFrom: string, validTo: string, rateBp: number, source: string): StoredReduction => ({
  code,
  fromAge,
  belowAge,
  validFrom,
  validTo,
  rateBp,
  monthlyCapOre: CAP,
  source,
});

/** The reductions for young people in force each year 2019–2026, as the national tables of those years carry them. */
export const YOUTH_REDUCTIONS_BY_YEAR: Record<number, StoredReduction[]> = {
  2019: [r('ung-15-17-2019', 15, 18, '2019-08-01', '2019-12-31', 1021, YOUNG_15)],
  2020: [r('ung-15-17-2020', 15, 18, '2020-01-01', '2020-12-31', 1021, YOUNG_15)],
  2021: [
    r('ung-15-17-2021', 15, 18, '2021-01-01', '2021-12-31', 1021, YOUNG_15),
    r('ung-18-22-2021-1', 18, 23, '2021-01-01', '2021-05-31', 1973, YOUNG_18_2021),
    r('ung-18-22-2021-sommar', 18, 23, '2021-06-01', '2021-08-31', 1021, SUMMER_2021),
    r('ung-18-22-2021-2', 18, 23, '2021-09-01', '2021-12-31', 1973, YOUNG_18_2021),
  ],
  2022: [
    r('ung-15-17-2022', 15, 18, '2022-01-01', '2022-12-31', 1021, YOUNG_15),
    r('ung-18-22-2022-1', 18, 23, '2022-01-01', '2022-05-31', 1973, YOUNG_18_2021),
    r('ung-18-22-2022-sommar', 18, 23, '2022-06-01', '2022-08-31', 1021, SUMMER_2022),
    r('ung-18-22-2022-2', 18, 23, '2022-09-01', '2022-12-31', 1973, YOUNG_18_2021),
  ],
  2023: [r('ung-15-17-2023', 15, 18, '2023-01-01', '2023-12-31', 1021, YOUNG_15), r('ung-18-22-2023', 18, 23, '2023-01-01', '2023-03-31', 1973, YOUNG_18_2021)],
  2024: [],
  2025: [],
  2026: [r('ung-18-22-2026', 18, 23, '2026-04-01', '2026-12-31', 2081, YOUNG_18_2026)],
};

/**
 * Issue 18 #5: the reductions of employer contributions for young people are rate-table data. Each table gets
 * `contribution_reductions` (a JSON array, one element per reduction: age band at the start of the year, the
 * payment dates it applies to, the rate, the monthly cap per payer, the source). Every existing table of a year
 * 2019–2026 (national and payers' own: the law applies to every payer) gets that year's reductions; a table of a
 * later year (e.g. a test copy) gets none — an administrator adds the year's table with its reductions.
 */
export class ContributionReductions1765850000000 implements MigrationInterface {
  name = 'ContributionReductions1765850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rate_table ADD COLUMN contribution_reductions jsonb NOT NULL DEFAULT '[]'::jsonb
        CONSTRAINT rate_table_contribution_reductions_array CHECK (jsonb_typeof(contribution_reductions) = 'array')`);
    for (const [year, reductions] of Object.entries(YOUTH_REDUCTIONS_BY_YEAR)) {
      if (reductions.length === 0) continue;
      await q.query(`UPDATE rate_table SET contribution_reductions = $2::jsonb WHERE date_part('year', valid_from) = $1::int`, [
        Number(year),
        JSON.stringify(reductions),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rate_table DROP COLUMN contribution_reductions`);
  }
}
