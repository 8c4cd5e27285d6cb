import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../src/crypto/field-cipher';
import { addMonths, stockholmDate } from '../src/time-reports/business-dates';
import { ApiClient, Harness, startHarness, TestUser } from './support/harness';
import { routineCostExample, routinePlan } from './support/routine-example';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * The year's budget before the year (issue 19 #4), on the real API, database, fee engine and payout runs: the
 * coordinator's plan of the routine's §4.5.6 example (read from the routine's text) costs SKR 37 980 kr with a
 * flat-amount table of the example's 1 700 / 850 / 425 kr, and 45 980 kr with one representative's 8 trips of
 * 1 000 kr; the plan is stored in versions, editable until the year ends, read by the group's coordinators and SKR's
 * finance only, and compared with what an approved payout run paid for the group's activities of the year.
 */
describe('the year’s budget of a working group', () => {
  const e = routineCostExample();
  const kr = (n: number) => n * 100;
  const today = stockholmDate(new Date());
  const year = Number(today.slice(0, 4));
  let h: Harness;
  let admin: ApiClient;
  let groupId: string;
  let otherGroupId: string;
  let coordinator: TestUser;
  let otherCoordinator: TestUser;
  let financeSkr: TestUser;
  let financeSodra: TestUser;

  const budget = (user: TestUser, y = year, g = groupId) => user.api.get(`/working-groups/${g}/budgets/${y}`);
  const save = (user: TestUser, body: Record<string, unknown>, y = year, g = groupId) => user.api.put(`/working-groups/${g}/budgets/${y}`, body);

  /** SKR's own table for a year: the example's flat amounts and contribution rate, the rest as the national table. */
  async function flatTableFor(y: number): Promise<void> {
    const national = (await admin.get(`/rate-tables/in-force?date=${y}-06-30&payerCode=SKR`)).body;
    const { id: _id, source: _s, createdAt: _c, code: _code, version: _v, payerCode: _p, ...rest } = national;
    const created = await admin.post('/rate-tables', {
      ...rest,
      code: `skr-schablon-${y}`,
      payerCode: 'SKR',
      validFrom: `${y}-01-01`,
      validTo: `${y}-12-31`,
      fees: { ...rest.fees, fixedOre: { fullDayOre: kr(e.fullDayKr), halfDayOre: kr(e.halfDayKr), shortOre: kr(e.shortKr) } },
      contributions: { ...rest.contributions, fullRateBp: e.contributionBp },
      source: 'Rutinens räkneexempel §4.5.6 (schablonbelopp)',
    });
    expect(created.status).toBe(201);
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.asAdmin();
    groupId = randomUUID();
    otherGroupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Budgeterad grupp', 'NSG', 'Prov.'), ($2, 'NSG Annan grupp', 'NSG', 'Prov.')`, [
      groupId,
      otherGroupId,
    ]);
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId], displayName: 'Sara Samordnare' });
    otherCoordinator = await h.createUser({ roles: ['coordinator'], groupIds: [otherGroupId] });
    financeSkr = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
    financeSodra = await h.createUser({ roles: ['finance'], payerCode: 'sodra' });
    await flatTableFor(year);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('gives the routine’s 37 980 kr for its plan, and 45 980 kr with 8 trips of 1 000 kr, as new versions of one plan', async () => {
    const first = await save(coordinator, routinePlan(e, false));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      groupName: 'NSG Budgeterad grupp',
      year,
      payer: { code: 'SKR' },
      editable: true,
      plan: { representatives: 2, fullDays: 4, halfDays: 4, shortSessions: 6, extraPreparationDays: 1, travel: [], version: 1, updatedByName: 'Sara Samordnare' },
      costProblem: null,
    });
    expect(first.body.cost).toMatchObject({ payerCode: 'SKR', costOre: kr(e.totalExcludingTravelKr), travelOre: 0, tables: [{ code: `skr-schablon-${year}`, version: 1 }] });

    const second = await save(coordinator, { ...routinePlan(e, true), version: 1 });
    expect(second.status).toBe(200);
    expect(second.body.cost).toMatchObject({ costOre: kr(e.totalIncludingTravelKr), costExcludingTravelOre: kr(e.totalExcludingTravelKr), travelOre: kr(e.trips * e.tripKr) });
    expect(second.body.plan.version).toBe(2);
    expect(second.body.versions.map((v: any) => v.version)).toEqual([2, 1]);
    // Nothing planned is paid yet: the whole plan is left.
    expect(second.body.comparison).toEqual([{ payerCode: 'SKR', payerName: second.body.payer.name, plannedOre: kr(e.totalIncludingTravelKr), paidOre: 0, differenceOre: kr(e.totalIncludingTravelKr) }]);

    // The same plan again makes no new version; every version is stored as it was, and each save is audited.
    expect((await save(coordinator, routinePlan(e, true))).body.plan.version).toBe(2);
    const stored: Array<{ version: number; figures: any }> = await h.dataSource.query(
      `SELECT v.version, v.figures FROM budget_plan_version v JOIN budget_plan p ON p.id = v.plan_id WHERE p.group_id = $1 ORDER BY v.version`,
      [groupId],
    );
    expect(stored.map((s) => [s.version, s.figures.travel.length])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    const audit: Array<{ action: string }> = await h.dataSource.query(`SELECT action FROM audit_log WHERE subject_type = 'working_group' AND subject_id = $1 AND action = 'budget-plan.saved'`, [groupId]);
    expect(audit).toHaveLength(2);
  });

  it('is read by the group’s coordinators and its payer’s finance, and saved by the coordinators only', async () => {
    expect((await budget(coordinator)).status).toBe(200);
    const finance = await budget(financeSkr);
    expect(finance.status).toBe(200);
    expect(finance.body.cost.costOre).toBe(kr(e.totalIncludingTravelKr));
    for (const outsider of [otherCoordinator, financeSodra]) {
      const res = await budget(outsider);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('Gruppen finns inte.');
    }
    expect((await save(financeSkr, routinePlan(e, false))).status).toBe(404);
    expect((await save(otherCoordinator, routinePlan(e, false))).status).toBe(404);
    expect((await save(coordinator, routinePlan(e, false), year, otherGroupId)).status).toBe(404);
  });

  it('refuses what does not add up, an ended year and a stale version with Swedish messages, and stores nothing', async () => {
    const before = (await budget(coordinator)).body.plan.version;
    const travellers = await save(coordinator, { ...routinePlan(e, true), travel: [{ representatives: 3, tripsPerRepresentative: 2, costPerTripOre: 50_000 }] });
    expect(travellers.status).toBe(400);
    expect(travellers.body.fields.travel[0]).toMatch(/gäller 3 företrädare, men planen har 2/);
    const trips = await save(coordinator, { ...routinePlan(e, true), travel: [{ representatives: 1, tripsPerRepresentative: 15, costPerTripOre: 50_000 }] });
    expect(trips.status).toBe(400);
    expect(trips.body.fields['travel.0.tripsPerRepresentative'][0]).toMatch(/högst 14 resor/);
    const bounds = await save(coordinator, { ...routinePlan(e, false), fullDays: 101, representatives: 0, travel: [{ representatives: 1, tripsPerRepresentative: 1, costPerTripOre: -1 }] });
    expect(bounds.status).toBe(400);
    expect(Object.keys(bounds.body.fields).sort()).toEqual(['fullDays', 'representatives', 'travel.0.costPerTripOre']);
    expect(bounds.body.fields.fullDays[0]).toMatch(/högst 100/);
    const empty = await save(coordinator, { representatives: 2, fullDays: 0, halfDays: 0, shortSessions: 0, extraPreparationDays: 0 });
    expect(empty.status).toBe(400);
    const ended = await save(coordinator, routinePlan(e, false), year - 1);
    expect(ended.status).toBe(409);
    expect(ended.body.message).toBe(`Året ${year - 1} har slutat: budgeten kan inte längre ändras.`);
    expect((await save(coordinator, routinePlan(e, false), year + 6)).status).toBe(400);
    const stale = await save(coordinator, { ...routinePlan(e, false), version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/har ändrats sedan du läste den \(nu version 2\)/);
    expect((await coordinator.api.get(`/working-groups/${groupId}/budgets/20x6`)).status).toBe(400);
    expect((await coordinator.api.get(`/working-groups/${groupId}/budgets/1999`)).status).toBe(400);
    expect((await budget(coordinator)).body.plan.version).toBe(before);
  });

  it('says why there is no cost when no rate table is in force in the year yet', async () => {
    const next = await save(coordinator, routinePlan(e, false), year + 1);
    expect(next.status).toBe(200);
    // The national tables end with the seeded year; a later year has no table until an administrator adds it.
    const tables: Array<{ n: number }> = await h.dataSource.query(`SELECT count(*)::int AS n FROM rate_table WHERE date_part('year', valid_from) = $1`, [year + 1]);
    if (tables[0].n === 0) {
      expect(next.body.cost).toBeNull();
      expect(next.body.costProblem).toMatch(/^Ingen taxetabell gäller för betalaren SKR den \d{4}-01-01\. En administratör lägger in årets taxetabell/);
    }
    expect(next.body.plan.version).toBe(1);
  });

  it('keeps the database’s own rules: no plan of an ended year, no more travellers than representatives', async () => {
    const refused = async (sql: string, params: unknown[]) => {
      try {
        await h.dataSource.query(sql, params);
        return 'accepted';
      } catch (err) {
        return (err as { constraint?: string }).constraint ?? (err as Error).message;
      }
    };
    const insert = `INSERT INTO budget_plan (id, group_id, year, representatives, full_days, half_days, short_sessions, extra_preparation_days, travel, created_by, updated_by)
                    VALUES ($1, $2, $3, $4, 1, 0, 0, 0, $5::jsonb, $6, $6)`;
    expect(await refused(insert, [randomUUID(), otherGroupId, year - 1, 2, '[]', coordinator.user.id])).toBe('budget_plan_open_year');
    expect(await refused(insert, [randomUUID(), otherGroupId, year, 1, JSON.stringify([{ representatives: 2, tripsPerRepresentative: 1, costPerTripOre: 0 }]), coordinator.user.id])).toBe(
      'budget_plan_travel_valid',
    );
    expect(await refused(insert, [randomUUID(), otherGroupId, year, 1, JSON.stringify([{ representatives: 1, tripsPerRepresentative: 1, costPerTripOre: 1.5 }]), coordinator.user.id])).toBe(
      'budget_plan_travel_valid',
    );
    expect(await refused(`UPDATE budget_plan_version SET version = version WHERE true`, [])).toMatch(/append-only/);
  });

  it('compares the plan with what an approved payout run paid for the group’s activities of the year', async () => {
    // A full day in last month (a closed period), attested and paid by SKR's run for that month.
    const date = `${addMonths(today, -1).slice(0, 7)}-10`;
    const paidYear = Number(date.slice(0, 4));
    if (paidYear !== year) {
      // In January last month is last year's: that year's plan is arranged in the database (it can no longer be saved).
      await flatTableFor(paidYear);
      await h.dataSource.query(`ALTER TABLE budget_plan DISABLE TRIGGER budget_plan_open_year`);
      await h.dataSource.query(
        `INSERT INTO budget_plan (id, group_id, year, representatives, full_days, half_days, short_sessions, extra_preparation_days, travel, created_by, updated_by)
         VALUES ($1, $2, $3, 2, 4, 4, 6, 1, $4::jsonb, $5, $5)`,
        [randomUUID(), groupId, paidYear, JSON.stringify(routinePlan(e, true).travel), coordinator.user.id],
      );
      await h.dataSource.query(`ALTER TABLE budget_plan ENABLE TRIGGER budget_plan_open_year`);
    }
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    const cipher = new FieldCipher(h.config.crypto.dataKey);
    const pnr = '198507099805';
    const anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    await h.dataSource.query(
      `UPDATE person SET personal_number_enc = $2, personal_number_index = $3, bank_account_enc = $4, birth_date = '1985-07-09' WHERE id = $1`,
      [anna.user.personId, cipher.encrypt(pnr), cipher.blindIndex(pnr), cipher.encrypt('8327-9, 123 456 789-7')],
    );
    const assignmentId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end) VALUES ($1, $2, $3, 'own-experience', 'active', $4, $5)`,
      [assignmentId, groupId, anna.user.personId, `${paidYear}-01-01`, `${year + 1}-12-31`],
    );
    const activity = await coordinator.api.post(`/working-groups/${groupId}/activities`, {
      title: 'Heldag om riktlinjen',
      kind: 'meeting',
      date,
      durationMinutes: 420,
      mode: 'on-site',
      feeRule: 'full-day',
      calledAssignmentIds: [assignmentId],
    });
    expect(activity.status).toBe(201);
    const report = await anna.api.post('/time-reports', { assignmentId, activityId: activity.body.id, durationMinutes: 420 });
    expect(report.status).toBe(201);
    expect((await anna.api.post(`/time-reports/${report.body.id}/submit`)).status).toBe(200);
    expect((await coordinator.api.post(`/time-reports/${report.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);

    const period = date.slice(0, 7);
    const started = await financeSkr.api.post('/payers/SKR/payout-runs', { period });
    expect(started.status).toBe(202);
    const batchId = started.body.batch.batch.id as string;
    // Not approved yet: nothing counts as paid.
    expect((await budget(coordinator, paidYear)).body.paid).toEqual([]);
    let approved: any;
    for (let i = 0; i < 3 && !approved; i++) {
      const r = await financeSkr.api.post(`/payout-runs/${batchId}/approve`);
      if (r.status === 200) approved = r.body;
      else expect(r.status).toBe(409);
    }
    expect(approved.batch.state).toBe('approved');

    const view = (await budget(financeSkr, paidYear)).body;
    // One full day at the flat 1 700 kr, with 31,42 % contributions: 534,14 → 534 kr.
    const contributions = Math.round((e.fullDayKr * e.contributionBp) / 10_000);
    expect(view.paid).toEqual([
      {
        payerCode: 'SKR',
        payerName: view.payer.name,
        feesOre: kr(e.fullDayKr),
        travelOre: 0,
        contributionsOre: kr(contributions),
        costOre: kr(e.fullDayKr + contributions),
        people: 1,
        lines: 1,
        runs: 1,
      },
    ]);
    // The paid figures are the run's own.
    const person: Array<{ cost_ore: string }> = await h.dataSource.query(`SELECT cost_ore FROM payout_person WHERE batch_id = $1`, [batchId]);
    expect(Number(person[0].cost_ore)).toBe(kr(e.fullDayKr + contributions));
    expect(view.comparison).toEqual([
      {
        payerCode: 'SKR',
        payerName: view.payer.name,
        plannedOre: kr(e.totalIncludingTravelKr),
        paidOre: kr(e.fullDayKr + contributions),
        differenceOre: kr(e.totalIncludingTravelKr - e.fullDayKr - contributions),
      },
    ]);
    // Another group's budget shows nothing of it.
    expect((await budget(otherCoordinator, paidYear, otherGroupId)).body.paid).toEqual([]);

    // SKR's finance sees the cost per payer: every group SKR pays with a budget or payouts that year, and the sums.
    const overview = await financeSkr.api.get(`/payers/SKR/budgets/${paidYear}`);
    expect(overview.status).toBe(200);
    const paidOre = kr(e.fullDayKr + contributions);
    expect(overview.body.groups).toEqual([
      { groupId, groupName: 'NSG Budgeterad grupp', plannedOre: kr(e.totalIncludingTravelKr), paidOre, differenceOre: kr(e.totalIncludingTravelKr) - paidOre, costProblem: null },
    ]);
    expect(overview.body).toMatchObject({ payerCode: 'SKR', year: paidYear, plannedOre: kr(e.totalIncludingTravelKr), paidOre, differenceOre: kr(e.totalIncludingTravelKr) - paidOre });
    expect((await financeSodra.api.get(`/payers/SKR/budgets/${paidYear}`)).status).toBe(404);
    expect((await financeSodra.api.get(`/payers/sodra/budgets/${paidYear}`)).body.groups).toEqual([]);
    expect((await coordinator.api.get(`/payers/SKR/budgets/${paidYear}`)).status).toBe(404);
  });
});
