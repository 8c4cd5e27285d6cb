import { defaultPayloadConverter } from '@temporalio/common';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { REFERENCE_TABLES } from '../src/fees/testing/reference-tables';
import { RateTableRow } from '../src/rates/rate-table.entity';
import { recruitmentWorkflowId } from '../workflows/ids';
import { ApiClient, Harness, startHarness } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies */
const kr = (n: number) => Math.round(n * 100);

describe('rate tables, paying bodies and fee previews', () => {
  let h: Harness;
  let admin: ApiClient;
  let finance: ApiClient;

  beforeAll(async () => {
    // The seeded tables are checked exactly: no fixture table for the current year.
    h = await startHarness({ worker: false, ratesForToday: false });
    admin = await h.asAdmin();
    finance = (await h.createUser({ roles: ['finance'], payerCode: 'SKR' })).api;
  });
  afterAll(async () => {
    await h?.close();
  });

  const tableCount = () => h.dataSource.getRepository(RateTableRow).count();
  const auditCount = () => h.dataSource.getRepository(AuditEntry).countBy({ action: 'rate-table.created' });
  // A reduction's source text is compared apart (the reference tables do not repeat the migration's sentences).
  const withoutReductionSources = (t: any) => ({
    ...t,
    contributions: { ...t.contributions, reductions: (t.contributions.reductions ?? []).map(({ source: _src, ...r }: any) => r) },
  });
  const engineFields = ({ id: _id, source: _s, createdAt: _c, ...t }: any) => withoutReductionSources(t);
  /** A stored table as a body to post for another period: its reductions (dated in their own year) left out. */
  const withoutReductions = (t: any) => ({ ...t, contributions: { ...t.contributions, reductions: [] } });
  const fees = (body: any) => body.lines.filter((l: any) => l.kind === 'fee').map((l: any) => [l.tier, l.amountOre, l.table.code]);

  it('has SKR (also as SKL), the six healthcare regions and the 21 regions as paying bodies', async () => {
    const res = await finance.get('/paying-bodies');
    expect(res.status).toBe(200);
    const bodies: any[] = res.body;
    expect(bodies).toHaveLength(28);
    expect(bodies.find((b) => b.code === 'SKR')).toMatchObject({ kind: 'national', aliases: ['SKL'], payoutFrequency: 'monthly' });
    expect(bodies.filter((b) => b.kind === 'healthcare-region').map((b) => b.code).sort()).toEqual(
      ['mellansverige', 'norra', 'sodra', 'stockholm-gotland', 'sydostra', 'vastra'],
    );
    const regions = bodies.filter((b) => b.kind === 'region');
    expect(regions).toHaveLength(21);
    expect(regions.find((b) => b.code === 'region-kronoberg')).toMatchObject({ name: 'Region Kronoberg', healthcareRegion: 'sodra' });
    expect(regions.find((b) => b.code === 'region-gotland')).toMatchObject({ healthcareRegion: 'stockholm-gotland' });
    const perHealthcareRegion = (hr: string) => regions.filter((b) => b.healthcareRegion === hr).length;
    expect(['norra', 'mellansverige', 'stockholm-gotland', 'sydostra', 'vastra', 'sodra'].map(perHealthcareRegion)).toEqual([4, 7, 2, 3, 1, 4]);
  });

  it('is seeded with the national tables 2019–2026 from the reference figures', async () => {
    const res = await finance.get('/rate-tables');
    expect(res.status).toBe(200);
    expect(res.body.map(engineFields)).toEqual(REFERENCE_TABLES.map((t) => withoutReductionSources({ ...t })));
    // Every reduction for young people (issue 18 #5) names its law or proposition.
    const reductions = res.body.flatMap((t: any) => t.contributions.reductions);
    expect(reductions).toHaveLength(13);
    for (const r of reductions) expect(r.source).toMatch(/(lag|prop\.|socialavgiftslagen)/);
    expect(res.body[7].contributions.reductions[0]).toMatchObject({ rateBp: 2081, fromAge: 18, belowAge: 23, validFrom: '2026-04-01', monthlyCapOre: 2_500_000 });
    expect(res.body[7].contributions.reductions[0].source).toMatch(/prop\. 2025\/26:66/);
    expect(res.body[7]).toMatchObject({ code: 'nationell-2026', pbbOre: 5_920_000, contributions: { pensionOnlyFromAge: 67 }, mileage: { taxFreeOrePerMil: 2500 } });
    expect(res.body[7].source).toMatch(/prisbasbelopp 2026 59200 kr/);

    const inForce = await finance.get('/rate-tables/in-force?date=2021-06-30&payerCode=SKL');
    expect(inForce.status).toBe(200);
    expect(inForce.body).toMatchObject({ code: 'nationell-2021', pbbOre: 4_760_000 });
    expect((await finance.get('/rate-tables/nationell-2022')).body).toMatchObject({ validFrom: '2022-01-01', validTo: '2022-12-31', mileage: { taxFreeOrePerMil: 1850 } });
    expect((await finance.get('/rate-tables/nationell-1999')).status).toBe(404);
    expect((await finance.get('/rate-tables/in-force?date=2018-06-30&payerCode=SKR')).status).toBe(404);
  });

  it('previews 2021 fees with the routine’s figures: 1 714 / 857 / 428 kr, 238 kr an hour', async () => {
    const res = await finance.post('/fees/preview', {
      payerCode: 'SKL',
      birthYear: 1961,
      earlierPayoutsOre: kr(2_000),
      activities: [
        { ref: 'möte-1', date: '2021-03-10', kind: 'meeting', durationMinutes: 300, travelMinutes: 90, tickets: [{ amountOre: kr(645), receipt: true }] },
        { date: '2021-04-10', kind: 'meeting', durationMinutes: 180, travelMinutes: 60 },
        { date: '2021-05-10', kind: 'meeting', durationMinutes: 120 },
        { date: '2021-05-11', kind: 'open-information-meeting', durationMinutes: 90 },
      ],
    });
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b).toMatchObject({ status: 'calculated', payer: { code: 'SKR' }, paymentDate: '2021-05-11', year: 2021, contributionCategory: 'full' });
    expect(fees(b)).toEqual([
      ['full-day', kr(1_714), 'nationell-2021'],
      ['half-day', kr(857), 'nationell-2021'],
      ['short', kr(428), 'nationell-2021'],
      [undefined, 0, 'nationell-2021'],
    ]);
    expect(b.lines[0]).toMatchObject({ activityRef: 'möte-1', minutes: 390, rule: 'fee.full-day.pbb-percent', table: { code: 'nationell-2021', version: 1 } });
    expect(b.lines.find((l: any) => l.refusal)).toMatchObject({ refusal: 'open-information-meeting', ruleText: expect.stringMatching(/allmänna öppna möten/) });
    expect(b.totals).toEqual({
      feesOre: kr(2_999),
      taxFreeTravelOre: kr(645),
      taxableTravelOre: 0,
      taxablePayOre: kr(2_999),
      contributionsOre: kr(942), // 2 999 × 31,42 % = 942,29
      taxWithheldOre: kr(899), // 30 % = 899,70, rounded down
      grossOre: kr(3_644),
      netToPayeeOre: kr(3_644 - 899),
      costToPayerOre: kr(3_644 + 942),
    });
    expect(b.notices[0]).toMatch(/Försäkringskassan/);

    const hourly = await finance.post('/fees/preview', {
      payerCode: 'SKR',
      birthDate: '1961-04-12',
      feeMode: 'hourly',
      activities: [{ date: '2021-05-10', kind: 'meeting', durationMinutes: 60 }],
    });
    expect(fees(hourly.body)).toEqual([['hourly', kr(238), 'nationell-2021']]);
  });

  it('previews 2026 fees: 2 131 / 1 066 / 533 kr, 296 kr an hour, 25 kr per mil and the 2026 age limit', async () => {
    const res = await finance.post('/fees/preview', {
      payerCode: 'sydostra',
      birthYear: 1958, // 67 at the start of 2026: only the old-age pension fee
      paymentDate: '2026-04-25',
      earlierPayoutsOre: kr(5_000),
      activities: [
        { date: '2026-03-02', kind: 'meeting', durationMinutes: 241, carKm: 180 },
        { date: '2026-03-03', kind: 'meeting', durationMinutes: 240 },
        { date: '2026-03-04', kind: 'meeting', durationMinutes: 119 },
        { date: '2026-03-05', kind: 'extra-preparation', agreedTier: 'full-day' },
      ],
    });
    expect(res.status).toBe(200);
    expect(fees(res.body)).toEqual([
      ['full-day', kr(2_131), 'nationell-2026'],
      ['half-day', kr(1_066), 'nationell-2026'],
      ['short', kr(533), 'nationell-2026'],
      ['full-day', kr(2_131), 'nationell-2026'],
    ]);
    expect(res.body.contributionCategory).toBe('pension-only');
    expect(res.body.totals).toMatchObject({
      feesOre: kr(5_861),
      taxFreeTravelOre: kr(450), // 18 mil × 25 kr
      contributionsOre: kr(598), // 5 861 × 10,21 % = 598,41
      taxWithheldOre: kr(1_758), // 30 % = 1 758,30
    });

    const hourly = await finance.post('/fees/preview', {
      payerCode: 'SKR',
      birthYear: 1990,
      feeMode: 'hourly',
      activities: [{ date: '2026-09-01', kind: 'meeting', durationMinutes: 45 }],
    });
    expect(fees(hourly.body)).toEqual([['hourly', kr(296), 'nationell-2026']]);
    // A single 296 kr payout with nothing earlier this year: under 1 000 kr, so neither contributions nor tax.
    expect(hourly.body.totals).toMatchObject({ contributionsOre: 0, taxWithheldOre: 0, netToPayeeOre: kr(296) });
  });

  it('refuses to pay a company, in the preview itself', async () => {
    const res = await finance.post('/fees/preview', {
      payerCode: 'SKR',
      birthYear: 1970,
      fSkatt: true,
      activities: [{ date: '2026-03-02', kind: 'meeting', durationMinutes: 300 }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'refused', refusal: { code: 'payee-is-company' }, totals: { costToPayerOre: 0 } });
  });

  it('lets an administrator add a 2027 table and a region’s own table without a code change', async () => {
    const base = engineFields((await admin.get('/rate-tables/nationell-2026')).body);
    const { code: _code, version: _version, payerCode: _payer, ...rest } = base;

    // A reduction in the table must lie in the table's year: the 2026 one (to 31 December 2026) is refused in 2027.
    const badYear = await admin.post('/rate-tables', { ...rest, validFrom: '2027-01-01', validTo: '2027-12-31', pbbOre: 6_010_000, contributions: { ...rest.contributions, reductions: [{ ...rest.contributions.reductions[0], source: 'x' }] } });
    expect(badYear.status).toBe(400);
    expect(badYear.body.fields['contributions.reductions.0.validFrom']).toEqual(['En nedsättning i tabellen gäller inom tabellens kalenderår.']);
    const reduction2027 = {
      ...rest.contributions.reductions[0],
      code: 'ung-18-22-2027',
      validFrom: '2027-01-01',
      validTo: '2027-09-30',
      source: 'Lag (SFS 2026:100), prop. 2025/26:66',
    };
    const created = await admin.post('/rate-tables', {
      ...rest,
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
      pbbOre: 6_010_000,
      contributions: { ...rest.contributions, reductions: [reduction2027] },
      source: 'Test: PBB 2027',
    });
    expect(created.status).toBe(201);
    expect(created.body.contributions.reductions).toEqual([reduction2027]);
    // Born 2006: 20 at the start of 2027, paid in September (the reduction's last month) and in October (full rate).
    const young = (paymentDate: string) =>
      finance.post('/fees/preview', { payerCode: 'SKR', birthYear: 2006, paymentDate, earlierPayoutsOre: kr(2_000), activities: [{ date: '2027-08-02', kind: 'meeting', durationMinutes: 300 }] });
    const sept = (await young('2027-09-30')).body;
    expect(sept.contributionCategory).toBe('youth-reduced');
    expect(sept.totals.contributionsOre).toBe(kr(450)); // 20,81 % of 2 164 = 450,33
    expect(sept.lines.find((l: any) => l.kind === 'contributions').ruleText).toMatch(/^Nedsatt arbetsgivaravgift för unga 20,81 %.*prop\. 2025\/26:66/);
    expect((await young('2027-10-01')).body.totals.contributionsOre).toBe(kr(680)); // 31,42 % of 2 164 = 679,93
    expect(created.body).toMatchObject({ code: 'nationell-2027', version: 1, payerCode: null, pbbOre: 6_010_000 });
    expect((await finance.get('/rate-tables?year=2027')).body.map((t: any) => t.code)).toEqual(['nationell-2027']);
    const in2027 = await finance.post('/fees/preview', {
      payerCode: 'SKR',
      birthYear: 1970,
      activities: [{ date: '2027-02-01', kind: 'meeting', durationMinutes: 300 }],
    });
    expect(fees(in2027.body)).toEqual([['full-day', kr(2_164), 'nationell-2027']]); // 3,6 % of 60 100 = 2 163,60

    // Södra's own 2024 table rounds half to even: 286,50 kr an hour becomes 286 (the national table gives 287).
    const region = await admin.post('/rate-tables', {
      ...engineFields((await admin.get('/rate-tables/nationell-2024')).body),
      code: undefined,
      version: undefined,
      payerCode: 'sodra',
      rounding: 'kronor-half-even',
      defaultFeeMode: 'hourly',
    });
    expect(region.status).toBe(201);
    expect(region.body).toMatchObject({ code: 'sodra-2024', payerCode: 'sodra', rounding: 'kronor-half-even' });
    const preview = (payerCode: string) =>
      finance.post('/fees/preview', { payerCode, birthYear: 1970, activities: [{ date: '2024-10-01', kind: 'meeting', durationMinutes: 60 }] });
    expect(fees((await preview('sodra')).body)).toEqual([['hourly', kr(286), 'sodra-2024']]);
    expect(fees((await preview('vastra')).body)).toEqual([['short', kr(516), 'nationell-2024']]); // 0,9 % of 57 300 = 515,70
    expect((await finance.get('/rate-tables/in-force?date=2024-10-01&payerCode=sodra')).body.code).toBe('sodra-2024');
    expect((await finance.get('/rate-tables?payerCode=sodra&year=2024')).body.map((t: any) => t.code)).toEqual(['nationell-2024', 'sodra-2024']);

    const audit = await h.dataSource.getRepository(AuditEntry).findBy({ action: 'rate-table.created' });
    expect(audit.map((a) => a.details.code).sort()).toEqual(['nationell-2027', 'sodra-2024']);
  });

  it('refuses an overlapping table for the same payer with 409 and stores nothing', async () => {
    const before = await tableCount();
    const base = withoutReductions(engineFields((await admin.get('/rate-tables/nationell-2026')).body));
    const { code: _c, version: _v, payerCode: _p, ...rest } = base;

    const national = await admin.post('/rate-tables', { ...rest, code: 'nationell-2026-b', validFrom: '2026-07-01', validTo: '2026-12-31' });
    expect(national.status).toBe(409);
    expect(national.body.message).toMatch(/överlappar taxetabellen nationell-2026/);
    const regional = await admin.post('/rate-tables', { ...rest, payerCode: 'SODRA', code: 'sodra-2024-b', validFrom: '2024-12-01', validTo: '2024-12-31' });
    expect(regional.status).toBe(409);
    const sameCode = await admin.post('/rate-tables', { ...rest, code: 'nationell-2027', validFrom: '2025-01-01', validTo: '2025-01-01', payerCode: 'norra' });
    expect(sameCode.status).toBe(409);
    expect(sameCode.body.fields.code).toBeDefined();
    expect(await tableCount()).toBe(before);
  });

  it('answers bad input with 400 and field messages, never 500, and leaves the database unchanged', async () => {
    const before = [await tableCount(), await auditCount()];
    const bad = await admin.post('/rate-tables', {
      validFrom: '2028-01-01',
      validTo: '2028-13-01',
      pbbOre: -5,
      fees: { fullDayBp: 'x', halfDayBp: 180, shortBp: 90, hourlyBp: 50, shortMaxMinutes: 120, halfDayMaxMinutes: 240 },
      defaultFeeMode: 'monthly',
      rounding: 'up',
      hourly: 'often',
      contributions: { fullRateBp: 3142.5 },
      extra: true,
    });
    expect(bad.status).toBe(400);
    const f = bad.body.fields;
    expect(f.validTo).toEqual(['Sista giltighetsdag måste vara ett datum (ÅÅÅÅ-MM-DD).']);
    expect(f.pbbOre).toEqual(['Prisbasbeloppet måste vara större än 0.']);
    expect(f['fees.fullDayBp'][0]).toMatch(/baspunkter/);
    expect(f.defaultFeeMode[0]).toMatch(/Arvodesformen/);
    expect(f.rounding[0]).toMatch(/Avrundningen av arvoden/);
    expect(f.hourly).toBeDefined();
    expect(f['contributions.fullRateBp'][0]).toMatch(/hela baspunkter/);
    expect(f['contributions.pensionOnlyRateBp']).toBeDefined();
    expect(f.tax).toBeDefined();
    expect(f.mileage).toBeDefined();
    expect(f.extra).toBeDefined();

    const base = withoutReductions(engineFields((await admin.get('/rate-tables/nationell-2026')).body));
    const { code: _c, version: _v, payerCode: _p, ...rest } = base;
    const twoYears = await admin.post('/rate-tables', { ...rest, validFrom: '2028-01-01', validTo: '2029-01-31' });
    expect(twoYears.status).toBe(400);
    expect(twoYears.body.fields.validTo[0]).toMatch(/ett kalenderår/);
    const unknownPayer = await admin.post('/rate-tables', { ...rest, payerCode: 'region-atlantis', validFrom: '2028-01-01', validTo: '2028-12-31' });
    expect(unknownPayer.status).toBe(400);
    expect(unknownPayer.body.fields.payerCode[0]).toMatch(/Okänd betalare/);
    const notJson = await admin.fetch('/rate-tables', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pbbOre":' });
    expect(notJson.status).toBe(400);

    const previews: [unknown, string][] = [
      [{ payerCode: 'SKR', birthYear: 1970, activities: [] }, 'activities'],
      [{ payerCode: 'SKR', birthYear: 1970, activities: [{ date: '2026-01-01', kind: 'party', durationMinutes: 60 }] }, 'activities.0.kind'],
      [{ payerCode: 'SKR', birthYear: 1970, activities: [{ date: '2026-01-01', kind: 'meeting', durationMinutes: -1 }] }, 'activities.0.durationMinutes'],
      [{ payerCode: 'SKR', birthYear: 1970, activities: [{ date: '2026-01-01', kind: 'meeting' }] }, 'activities.0.durationMinutes'],
      [{ payerCode: 'SKR', birthYear: 1970, activities: [{ date: '2016-01-01', kind: 'meeting', durationMinutes: 60 }] }, 'activities.0.date'],
      [{ payerCode: 'SKR', birthYear: 1970, activities: [{ date: '2026-02-30', kind: 'meeting', durationMinutes: 60 }] }, 'activities.0.date'],
      [{ payerCode: 'SKR', activities: [{ date: '2026-01-01', kind: 'meeting', durationMinutes: 60 }] }, 'birthYear'],
      [{ payerCode: 'SKR', birthYear: 2030, paymentDate: '2026-05-01', activities: [{ date: '2026-01-01', kind: 'meeting', durationMinutes: 60 }] }, 'birthYear'],
      [{ payerCode: 'XYZ', birthYear: 1970, activities: [{ date: '2026-01-01', kind: 'meeting', durationMinutes: 60 }] }, 'payerCode'],
      [{ payerCode: 'SKR', birthYear: 1970, taxMode: 'tax-table', activities: [{ date: '2026-01-01', kind: 'meeting', durationMinutes: 60 }] }, 'taxTablePercent'],
      [{ payerCode: 'SKR', birthYear: 1970, earlierPayoutsOre: 12.5, activities: [{ date: '2026-01-01', kind: 'meeting', durationMinutes: 60 }] }, 'earlierPayoutsOre'],
      [{ payerCode: 'SKR', birthYear: 1970, activities: [{ date: '2026-01-01', kind: 'meeting', durationMinutes: 60, tickets: [{ amountOre: 'ten' }] }] }, 'activities.0.tickets.0.amountOre'],
      [{ payerCode: 'SKR', birthYear: 1970, activities: 'many' }, 'activities'],
    ];
    for (const [body, field] of previews) {
      const res = await finance.post('/fees/preview', body);
      expect([res.status, field, res.body.fields?.[field]?.length > 0]).toEqual([400, field, true]);
    }
    expect([await tableCount(), await auditCount()]).toEqual(before);
  });

  it('lets only administrators add tables, and only finance, coordinators and administrators preview', async () => {
    const table = engineFields((await admin.get('/rate-tables/nationell-2026')).body);
    expect((await finance.post('/rate-tables', { ...table, code: 'x-2030', validFrom: '2030-01-01', validTo: '2030-12-31' })).status).toBe(403);
    const rep = (await h.createUser({ roles: ['representative'] })).api;
    const body = { payerCode: 'SKR', birthYear: 1970, activities: [{ date: '2026-01-01', kind: 'meeting', durationMinutes: 60 }] };
    expect((await rep.post('/fees/preview', body)).status).toBe(403);
    expect((await h.api().post('/fees/preview', body)).status).toBe(401);
  });

  it('starts a group’s recruitment with the payer the routine names', async () => {
    await h.startWorker(); // answers the status query the create endpoint makes
    const coordinator = (await h.createUser({ roles: ['coordinator'] })).api;
    const npo = await coordinator.post('/working-groups', { name: 'NPO Barn och ungdomars hälsa', kind: 'NPO', hostRegion: 'sydostra', commission: 'Kunskapsstyrning.' });
    expect(npo.status).toBe(201);
    const nag = await coordinator.post('/working-groups', { name: 'NAG Astma', kind: 'NAG', parentGroupId: npo.body.group.id, commission: 'Vårdprogram.' });
    const nsg = await coordinator.post('/working-groups', { name: 'NSG Läkemedel', kind: 'NSG', commission: 'Samverkan.' });
    const payerOf = async (groupId: string) => {
      const history = await h.client.workflow.getHandle(recruitmentWorkflowId(groupId)).fetchHistory();
      const payload = history.events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      return (defaultPayloadConverter.fromPayload(payload!) as { payerCode: string | null }).payerCode;
    };
    expect(await payerOf(npo.body.group.id)).toBe('sydostra');
    expect(await payerOf(nag.body.group.id)).toBe('sydostra');
    expect(await payerOf(nsg.body.group.id)).toBe('SKR');
  });
});
