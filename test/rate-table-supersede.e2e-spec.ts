import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { stockholmDate } from '../src/common/stockholm-time';
import { Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Issue 18 #7: an administrator supersedes a rate table by a new version from a date — never an edit (the database
 * refuses any change of a stored table) — and first sees its effect: for every attested line not yet paid and every
 * open agreement's coming activity, what it pays under the table in force and under the new version, per payer.
 */
describe('superseding a rate table, and its effect before it is saved', () => {
  let h: Harness;
  let admin: Awaited<ReturnType<Harness['asAdmin']>>;
  let anna: TestUser;
  let coordinator: TestUser;
  let groupId: string;
  let assignmentId: string;
  let current: any;
  const FULL_2026 = 213_100; // 3,6 % of 59 200 kr = 2 131,20 → 2 131 kr
  const FULL_RAISED = 272_300; // 4,6 % of 59 200 kr = 2 723,20 → 2 723 kr

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Taxeändring', 'NSG', 'Prov.')`, [groupId]);
    anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    assignmentId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
       VALUES ($1, $2, $3, 'own-experience', 'active', '2026-01-01', '2026-12-31')`,
      [assignmentId, groupId, anna.user.personId],
    );
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    current = (await admin.get('/rate-tables/nationell-2026')).body;
  });

  afterAll(async () => {
    await h?.close();
  });

  async function activity(date: string, title: string): Promise<string> {
    const res = await coordinator.api.post(`/working-groups/${groupId}/activities`, { title, kind: 'meeting', date, durationMinutes: 420, mode: 'on-site', feeRule: 'full-day' });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function attested(activityId: string): Promise<string> {
    const created = await anna.api.post('/time-reports', { assignmentId, activityId, durationMinutes: 420 });
    expect(created.status).toBe(201);
    expect((await anna.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);
    expect((await coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
    return created.body.id;
  }

  /** The 2026 table's figures with the full day raised by one percentage point (3,6 % → 4,6 % of PBB), from `from`. */
  const raised = (from: string) => {
    const { id: _i, code: _c, version: _v, payerCode: _p, validFrom: _f, validTo: _t, createdAt: _a, ...figures } = current;
    return { ...figures, fees: { ...figures.fees, fullDayBp: figures.fees.fullDayBp + 100 }, from, source: 'Test: heldag 4,6 % från 1 juli' };
  };

  it('shows, before saving, what every unpaid attested line and open agreement pays under the old and the new version', async () => {
    const before = await activity('2026-05-05', 'Möte i maj'); // before the new version: unaffected
    const september = await activity('2026-09-10', 'Möte i september');
    const december = await activity('2026-12-10', 'Möte i december'); // Anna is called and has not reported: coming work
    const mayReport = await attested(before);
    const septReport = await attested(september);
    const tables = await h.dataSource.query(`SELECT count(*)::int AS n FROM rate_table`);

    const res = await admin.post('/rate-tables/nationell-2026/supersede/preview', raised('2026-07-01'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'nationell-2026', newVersion: 2, payerCode: null, validFrom: '2026-07-01', validTo: '2026-12-31' });
    const byLine = (l: any) => [l.source, l.timeReportId ?? l.activityId, l.oldOre, l.newOre, l.differenceOre, l.oldTable, l.newTable];
    expect(res.body.lines.map(byLine)).toEqual([
      ['attested', septReport, FULL_2026, FULL_RAISED, FULL_RAISED - FULL_2026, 'nationell-2026 v1', 'nationell-2026 v2'],
      ['open-agreement', december, FULL_2026, FULL_RAISED, FULL_RAISED - FULL_2026, 'nationell-2026 v1', 'nationell-2026 v2'],
    ]);
    expect(res.body.lines.map((l: any) => l.timeReportId)).not.toContain(mayReport);
    expect(res.body.perPayer).toEqual([{ payerCode: 'SKR', lines: 2, oldOre: 2 * FULL_2026, newOre: 2 * FULL_RAISED, differenceOre: 2 * 59_200 }]);
    expect(res.body.perAgreement).toEqual([
      { assignmentId, personName: 'Anna Andersson', groupName: 'NSG Taxeändring', payerCode: 'SKR', lines: 2, oldOre: 2 * FULL_2026, newOre: 2 * FULL_RAISED, differenceOre: 2 * 59_200 },
    ]);
    expect(res.body.totals.differenceOre).toBe(118_400); // one percentage point of 59 200 kr, twice
    // Nothing was saved.
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM rate_table`)).toEqual(tables);
  });

  it('saves the new version from the date; the old one stays as it was and readable, and the new one pays from then', async () => {
    const res = await admin.post('/rate-tables/nationell-2026/supersede', raised('2026-07-01'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'nationell-2026', version: 2, validFrom: '2026-07-01', validTo: '2026-12-31', fees: { fullDayBp: 460 } });

    const versions = await admin.get('/rate-tables/nationell-2026/versions');
    expect(versions.status).toBe(200);
    expect(versions.body.map((t: any) => [t.version, t.validFrom, t.validTo, t.fees.fullDayBp])).toEqual([
      [1, '2026-01-01', '2026-12-31', 360],
      [2, '2026-07-01', '2026-12-31', 460],
    ]);
    expect((await admin.get('/rate-tables/in-force?date=2026-06-30&payerCode=SKR')).body).toMatchObject({ code: 'nationell-2026', version: 1 });
    expect((await admin.get('/rate-tables/in-force?date=2026-07-01&payerCode=SKR')).body).toMatchObject({ code: 'nationell-2026', version: 2 });
    expect((await admin.get('/rate-tables/nationell-2026')).body).toMatchObject({ version: 2 }); // the latest version
    const fee = async (date: string) =>
      (await admin.post('/fees/preview', { payerCode: 'SKR', birthYear: 1970, paymentDate: date, activities: [{ date, kind: 'meeting', durationMinutes: 300 }] })).body.lines.find(
        (l: any) => l.kind === 'fee',
      );
    expect(await fee('2026-06-30')).toMatchObject({ amountOre: FULL_2026, table: { code: 'nationell-2026', version: 1 } });
    expect(await fee('2026-07-01')).toMatchObject({ amountOre: FULL_RAISED, table: { code: 'nationell-2026', version: 2 } });
    const audit = await h.dataSource.getRepository(AuditEntry).findBy({ action: 'rate-table.superseded' });
    expect(audit.map((a) => a.details)).toEqual([expect.objectContaining({ code: 'nationell-2026', version: 2, supersedes: 1, validFrom: '2026-07-01' })]);
  });

  it('refuses in the database to change a stored table or to chain a version wrongly', async () => {
    await expect(h.dataSource.query(`UPDATE rate_table SET fee_full_day_bp = 999 WHERE code = 'nationell-2026' AND version = 1`)).rejects.toThrow(/rate_table_final/);
    await expect(
      h.dataSource.query(
        `INSERT INTO rate_table (code, version, payer_code, valid_from, valid_to, pbb_ore, fee_full_day_bp, fee_half_day_bp, fee_short_bp, fee_hourly_bp,
           short_max_minutes, half_day_max_minutes, default_fee_mode, rounding, hourly_counting, hourly_scope, contribution_full_bp,
           contribution_pension_only_bp, contribution_pension_only_from_age, contribution_none_if_born_up_to, contribution_year_threshold_ore,
           contribution_rounding, tax_side_income_bp, tax_year_threshold_ore, tax_min_payment_ore, tax_rounding, mileage_tax_free_ore_per_mil,
           mileage_reimbursed_ore_per_mil)
         VALUES ('nationell-2026', 3, NULL, '2026-08-01', '2026-11-30', 5920000, 360, 180, 90, 50, 120, 240, 'per-session', 'kronor-half-up',
           'started-half-hour', 'short-only', 3142, 1021, 67, 1937, 100000, 'kronor-half-up', 3000, 100000, 10000, 'kronor-down', 2500, 2500)`,
      ),
    ).rejects.toThrow(/rate_table_version_chain/);
  });

  it('answers a date outside the table with 409, bad input with 400, an unknown table with 404 and others than administrators with 403', async () => {
    const early = await admin.post('/rate-tables/nationell-2026/supersede/preview', raised('2026-07-01')); // not after v2's first day
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/måste börja efter 2026-07-01/);
    expect((await admin.post('/rate-tables/nationell-2026/supersede', raised('2027-01-05'))).status).toBe(409);
    expect((await admin.post('/rate-tables/nationell-2026/supersede', { ...raised('2026-08-01'), from: '2026-02-30' })).status).toBe(400);
    expect((await admin.post('/rate-tables/finns-inte/supersede/preview', raised('2026-08-01'))).status).toBe(404);
    expect((await admin.get('/rate-tables/finns-inte/versions')).status).toBe(404);
    expect((await coordinator.api.post('/rate-tables/nationell-2026/supersede/preview', raised('2026-08-01'))).status).toBe(403);
    expect((await coordinator.api.post('/rate-tables/nationell-2026/supersede', raised('2026-08-01'))).status).toBe(403);
  });

  it('gives administrators, and only them, a task from 1 November while a payer has no table for the coming year, gone once the national one is added (issue 18 #5)', async () => {
    // The task goes by the real date in Stockholm (the provider reads the clock): before 1 November there is none.
    const today = stockholmDate(new Date());
    const next = Number(today.slice(0, 4)) + 1;
    const kinds = async (api: { get: (p: string) => Promise<{ status: number; body: any }> }) => {
      const res = await api.get('/me/tasks');
      expect(res.status).toBe(200);
      return (res.body as any[]).filter((t) => t.kind.startsWith('rate-table.'));
    };
    const tasks = await kinds(admin);
    if (today.slice(5) >= '11-01') {
      expect(tasks.map((t) => t.kind)).toContain('rate-table.next-year-missing');
      const missing = tasks.find((t) => t.kind === 'rate-table.next-year-missing');
      expect(missing.title).toContain(`Lägg in taxetabellen för ${next}`);
      expect(missing.deadline).toBe(new Date(`${next}-01-01T00:00:00+01:00`).toISOString());
      expect(missing.urgent).toBe(today.slice(5, 7) === '12');
    } else {
      expect(tasks).toEqual([]);
    }
    expect(await kinds(coordinator.api)).toEqual([]);

    const { id: _i, code: _c, version: _v, payerCode: _p, validFrom: _f, validTo: _t, createdAt: _a, ...figures } = current;
    const added = await admin.post('/rate-tables', {
      ...figures,
      contributions: { ...figures.contributions, reductions: [] },
      validFrom: `${next}-01-01`,
      validTo: `${next}-12-31`,
      source: 'Test: nästa års tabell',
    });
    expect(added.status).toBe(201);
    expect((await kinds(admin)).map((t) => t.kind)).not.toContain('rate-table.next-year-missing');
  });
});
