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

  it('copies the newest table into a year without one, once, marked as test data', async () => {
    const before = await national();
    const newest = before[before.length - 1];
    await ensureNationalRateTableForToday(ds, '2027-03-01');
    await ensureNationalRateTableForToday(ds, '2027-11-30');
    const after = await national();
    expect(after).toHaveLength(before.length + 1);
    expect(after[after.length - 1]).toEqual({
      code: 'nationell-2027',
      from: '2027-01-01',
      to: '2027-12-31',
      pbb: newest.pbb,
      source: `TESTDATA: kopia av ${newest.code} för tester, inte årets riktiga belopp`,
    });
  });
});
