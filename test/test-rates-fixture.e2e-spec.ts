import type { DataSource } from 'typeorm';
import { openDatabase } from '../src/database/data-source';
import { freshDatabase } from './support/harness';
import { ensureNationalRateTableForToday } from './support/rates';

/** The test fixture that keeps date-dependent tests working after the last seeded rate year (test/support/rates.ts). */
describe('test fixture: a national rate table for today', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openDatabase(await freshDatabase(), true, 'test-rates-fixture');
  });
  afterAll(() => ds?.destroy());

  const national = async () =>
    (await ds.query(`SELECT code, valid_from::text AS "from", valid_to::text AS "to", pbb_ore::int AS pbb, source FROM rate_table WHERE payer_code IS NULL ORDER BY valid_from`)) as {
      code: string;
      from: string;
      to: string;
      pbb: number;
      source: string;
    }[];

  it('adds nothing while a seeded table covers the day', async () => {
    const before = await national();
    await ensureNationalRateTableForToday(ds, '2026-06-15');
    expect(await national()).toEqual(before);
  });

  it('copies the newest table into each year without one up to today, once, marked as test data', async () => {
    const before = await national();
    const newest = before[before.length - 1];
    await ensureNationalRateTableForToday(ds, '2028-03-01');
    await ensureNationalRateTableForToday(ds, '2028-11-30');
    const after = await national();
    expect(after).toHaveLength(before.length + 2);
    expect(after.slice(-2)).toEqual(
      [
        ['2027', newest.code],
        ['2028', 'nationell-2027'],
      ].map(([y, from]) => ({
        code: `nationell-${y}`,
        from: `${y}-01-01`,
        to: `${y}-12-31`,
        pbb: newest.pbb,
        source: `TESTDATA: kopia av ${from} för tester, inte årets riktiga belopp`,
      })),
    );
  });
});
