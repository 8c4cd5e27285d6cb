import { createHash, randomBytes } from 'node:crypto';
import { addDays, stockholmDate } from '../src/time-reports/business-dates';
import { ApiClient, ApiResponse, eventually, Harness, startHarness, TestUser } from './support/harness';
import { flatText } from './support/pdf-text';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Issue 7: the whole routine end to end, THROUGH HTTP ONLY, on the real Temporal dev server and PostgreSQL.
 * A coordinator creates an NSG and asks an organisation to nominate; the organisation nominates two people; both
 * get a login by invitation, accept, give personal and payment details, sign the agreement PDF (countersigned),
 * declare interests (reviewed) and are introduced; the group is staffed; they report time, the coordinator attests,
 * SKR's finance runs and approves the payout (another payer's finance is refused), and the bank file, the AGI
 * figures and the slips show the amounts computed here from DOMAIN.md's reference figures.
 *
 * Only the accounts the routine takes as given (coordinator, organisation contact with its organisation, finance)
 * come from `h.createUser`: no API creates organisations. Every step after that is a request as the person whose
 * turn it is; the database is only read, to double-check what the API says.
 */

// ---- the rules, from DOMAIN.md (2026 reference figures), independent of src/fees --------------------------------

/** Prisbasbelopp in kronor, by the year of the activity. */
const PBB: Record<number, number> = { 2026: 59_200 };
/** Percent of PBB in basis points per tier (§4.5.2). */
const TIER_BP = { full: 360, half: 180, short: 90 } as const;
const THRESHOLD_KR = 1_000; // contributions and tax: none while the year's pay from one payer stays under 1 000 kr
const MIN_TAXED_PAYMENT_KR = 100; // no tax on a single payment under 100 kr
const TAX_BP = 3_000; // 30 % preliminary tax on a side income
const CONTRIBUTIONS_FULL_BP = 3_142;
const CONTRIBUTIONS_PENSION_ONLY_BP = 1_021;
/** Age on 1 January from which only the old-age pension fee is due, by payment year. */
const PENSION_ONLY_FROM_AGE: Record<number, number> = { 2026: 67 };

/** Whole kronor, halves up, of `kr × bp / 10 000` (integers only: no binary floats). */
const halfUp = (kr: number, bp: number) => Math.floor((kr * bp + 5_000) / 10_000);

/** The fee of one activity: time incl. travel decides the tier; more than 4 h a full day, 2–4 h a half day. */
function feeKr(activityDate: string, minutesInclTravel: number): number {
  const year = Number(activityDate.slice(0, 4));
  const pbb = PBB[year];
  if (!pbb) throw new Error(`no reference PBB for ${year} in this test: add the year's figures from DOMAIN.md`);
  const tier = minutesInclTravel > 240 ? 'full' : minutesInclTravel > 120 ? 'half' : 'short';
  return halfUp(pbb, TIER_BP[tier]);
}

interface Expected {
  feesKr: number;
  contributionsKr: number;
  taxKr: number;
  travelKr: number;
  netKr: number;
  agiField: '011' | '131';
}

/** One person's first payout of the year from one payer, paid on `paymentDate`. */
function expectedPayout(paymentDate: string, birthYear: number, fees: number[], taxFreeTravelKr: number): Expected {
  const year = Number(paymentDate.slice(0, 4));
  const ageLimit = PENSION_ONLY_FROM_AGE[year];
  if (!ageLimit) throw new Error(`no reference contribution figures for ${year} in this test: add them from DOMAIN.md`);
  const feesKr = fees.reduce((a, b) => a + b, 0);
  const age = year - 1 - birthYear; // age reached on 1 January of the payment year
  const rateBp = birthYear <= 1937 ? 0 : age >= ageLimit ? CONTRIBUTIONS_PENSION_ONLY_BP : CONTRIBUTIONS_FULL_BP;
  const overThreshold = feesKr >= THRESHOLD_KR;
  const contributionsKr = overThreshold ? halfUp(feesKr, rateBp) : 0;
  // Tax is rounded down to whole kronor (the rate table's tax rounding; Skatteverket drops öre on withholding).
  const taxKr = overThreshold && feesKr >= MIN_TAXED_PAYMENT_KR ? Math.floor((feesKr * TAX_BP) / 10_000) : 0;
  return {
    feesKr,
    contributionsKr,
    taxKr,
    travelKr: taxFreeTravelKr,
    netKr: feesKr + taxFreeTravelKr - taxKr,
    agiField: overThreshold && rateBp > 0 ? '011' : '131',
  };
}

/** A valid personnummer (Luhn check digit over the 10-digit form's first 9 digits). */
function personnummer(birth: string, serial: string): string {
  const nine = `${birth.slice(2)}${serial}`;
  const sum = [...nine].reduce((acc, d, i) => {
    const v = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `${birth}-${serial}${(10 - (sum % 10)) % 10}`;
}

/** "2 131" with Swedish digit grouping; `kronorText` adds the öre as a slip prints them ("2 131,00"). */
const grouped = (kr: number) => String(kr).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const kronorText = (kr: number) => `${grouped(kr)},00`;
const ore = (kr: number) => kr * 100;

// ---- helpers: every call is checked, with the body in the message when it is not what the step expects ---------

function ok<T = any>(res: ApiResponse<T>, status: number, what: string): T {
  if (res.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function download(api: ApiClient, path: string, what: string): Promise<{ body: Buffer; type: string }> {
  const res = await api.fetch(path);
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${what}: expected HTTP 200, got ${res.status} ${body.toString('utf8').slice(0, 500)}`);
  return { body, type: res.headers.get('content-type') ?? '' };
}

interface Representative {
  name: string;
  email: string;
  birthYear: number;
  personalNumber: string;
  clearingNumber: string;
  accountNumber: string;
  nominationId?: string;
  personId?: string;
  assignmentId?: string;
  api?: ApiClient;
}

describe('journey (issue 7): from a new NSG to paid representatives, over HTTP only', () => {
  let h: Harness;
  let coordinator: TestUser;
  let orgContact: TestUser;
  let finance: TestUser;
  let otherFinance: TestUser;
  let groupId: string;
  const tag = randomBytes(3).toString('hex');
  const groupName = `NSG Journey ${tag}`;
  const commission = 'Utveckla nationella metoder för kunskapsstöd tillsammans med patienter och närstående.';

  // Anna (born 1985: full contributions) reports a full day on site with a train ticket and a short video meeting;
  // Britt (born 1990) only the short video meeting: 533 kr stays under the 1 000 kr thresholds.
  const anna: Representative = {
    name: 'Anna Ahlström',
    email: `anna.ahlstrom.${tag}@example.se`,
    birthYear: 1985,
    personalNumber: personnummer('19850709', '980'),
    clearingNumber: '8327-9',
    accountNumber: '123 456 789-7',
  };
  const britt: Representative = {
    name: 'Britt Berg',
    email: `britt.berg.${tag}@example.se`,
    birthYear: 1990,
    personalNumber: personnummer('19900101', '123'),
    clearingNumber: '6000',
    accountNumber: '987 654 322',
  };
  const reps = [anna, britt];

  const today = stockholmDate(new Date());
  // A payout run covers a closed period (issue 13 #3): the activities are in last month, paid by last month's run.
  const videoDate = addDays(`${today.slice(0, 7)}-01`, -1);
  const fullDayDate = addDays(videoDate, -7);
  const terms = { periodStart: addDays(videoDate, -30), periodEnd: addDays(today, 700), reportingFrequency: 'monthly', estimatedMeetingHours: 40, estimatedOtherHours: 20 };
  const ticketKr = 640;
  const reports: Record<string, string> = {};
  let batchId: string;

  const FULL_DAY = { durationMinutes: 300, travelMinutes: 90 }; // 6 h 30 min incl. travel: a full day
  const VIDEO = { durationMinutes: 90, travelMinutes: 0 }; // 1 h 30 min: short
  const annaExpected = () => expectedPayout(today, anna.birthYear, [feeKr(fullDayDate, 390), feeKr(videoDate, 90)], ticketKr);
  const brittExpected = () => expectedPayout(today, britt.birthYear, [feeKr(videoDate, 90)], 0);

  beforeAll(async () => {
    h = await startHarness();
    coordinator = await h.createUser({ roles: ['coordinator'], displayName: 'Nils Samordnare' });
    orgContact = await h.createUser({ roles: ['org-contact'], displayName: 'Karin Kontakt' });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR', displayName: 'Ekonomi SKR' });
    otherFinance = await h.createUser({ roles: ['finance'], payerCode: 'sodra', displayName: 'Ekonomi Södra' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('sanity: the test data follows the rules it relies on', () => {
    // 3.6 % and 0.9 % of 59 200 kr: 2 131.20 → 2 131 and 532.80 → 533.
    expect(halfUp(59_200, 360)).toBe(2_131);
    expect(halfUp(59_200, 90)).toBe(533);
    expect(anna.personalNumber).toMatch(/^19850709-980\d$/);
    expect(britt.personalNumber).toMatch(/^19900101-123\d$/);
    // The activities are in the past and within the agreement's period; the test has reference figures for the
    // years of the activities (fees) and of the payment, today (contributions).
    for (const d of [fullDayDate, videoDate]) {
      expect(d < today && d >= terms.periodStart).toBe(true);
      expect(PBB[Number(d.slice(0, 4))]).toBeDefined();
    }
    expect(PENSION_ONLY_FROM_AGE[Number(today.slice(0, 4))]).toBeDefined();
  });

  it('the coordinator creates the NSG and its recruitment starts', async () => {
    const created = ok(
      await coordinator.api.post('/working-groups', { name: groupName, kind: 'NSG', commission, standing: true, minRepresentatives: 2 }),
      201,
      'create group',
    );
    groupId = created.group.id;
    expect(created.group).toMatchObject({ name: groupName, kind: 'NSG', minRepresentatives: 2 });
    const group = await eventually(async () => {
      const g = ok(await coordinator.api.get(`/working-groups/${groupId}`), 200, 'read group');
      return g.recruitment.status?.state === 'open' ? g : undefined;
    });
    expect(group.recruitment).toMatchObject({ running: true, status: { staffed: false, activeRepresentatives: 0, minRepresentatives: 2 } });
    // The creator became the group's coordinator: another coordinator cannot see it.
    const stranger = await h.createUser({ roles: ['coordinator'] });
    expect((await stranger.api.get(`/working-groups/${groupId}`)).status).toBe(404);
  });

  it('asks the organisation, which nominates two people; the coordinator appoints both', async () => {
    const round = ok(
      await coordinator.api.post(`/working-groups/${groupId}/recruitment/rounds`, { organisationIds: [orgContact.user.organisationId] }),
      201,
      'start round',
    );
    expect(round.requests).toEqual([expect.objectContaining({ organisationId: orgContact.user.organisationId })]);

    // The organisation finds the request among its own, with the group's commission.
    const mine = await eventually(async () => {
      const list = ok(await orgContact.api.get('/nomination-requests'), 200, 'list requests');
      return list.find((r: any) => r.groupId === groupId);
    });
    const request = ok(await orgContact.api.get(`/nomination-requests/${mine.id}`), 200, 'read request');
    expect(request).toMatchObject({ groupName, commission });

    for (const [rep, representation] of [
      [anna, 'mandate'],
      [britt, 'own-experience'],
    ] as const) {
      const nomination = ok(
        await orgContact.api.post(`/nomination-requests/${mine.id}/nominations`, {
          fullName: rep.name,
          email: rep.email,
          perspective: 'patient',
          representation,
        }),
        201,
        `nominate ${rep.name}`,
      );
      rep.nominationId = nomination.id;
      rep.personId = nomination.nominee.personId;
      expect(nomination.nominee).toMatchObject({ fullName: rep.name, email: rep.email });
    }

    // The coordinator sees both nominations and appoints each with the agreement's terms.
    const nominations = await eventually(async () => {
      const list = ok(await coordinator.api.get(`/working-groups/${groupId}/nominations`), 200, 'list nominations');
      return list.length === 2 ? list : undefined;
    });
    expect(nominations.map((n: any) => n.nominee.fullName).sort()).toEqual([anna.name, britt.name].sort());
    for (const rep of reps) {
      const appointed = ok(await coordinator.api.post(`/working-groups/${groupId}/nominations/${rep.nominationId}/appoint`, terms), 201, `appoint ${rep.name}`);
      rep.assignmentId = appointed.assignmentId;
      expect(rep.assignmentId).toEqual(expect.any(String));
      // The nominee had no account: the appointment invited them.
      expect(appointed.invitation).toMatchObject({ invited: true });
    }
    const group = ok(await coordinator.api.get(`/working-groups/${groupId}`), 200, 'read group');
    expect(group.recruitment.status).toMatchObject({ state: 'recruiting', staffed: false });
  });

  it('each nominee gets the offer by mail, a login by invitation, and finds the offer among their tasks', async () => {
    // The offer went to the nominee's address (outbox), asking them to log in.
    const offers = await eventually(async () => {
      const page = ok(await coordinator.api.get(`/outbox?groupId=${groupId}&pageSize=100`), 200, 'outbox');
      const found = page.items.filter((m: any) => m.template === 'assignment-offer');
      return found.length === 2 ? found : undefined;
    });
    expect(offers.map((m: any) => m.toAddress).sort()).toEqual(reps.map((r) => r.email).sort());
    const admin = await h.asAdmin();
    for (const rep of reps) {
      // The invitation the appointment sent: one single-use link to the nominee's address, for a new account.
      const invitations = await eventually(async () => {
        const page = ok(await admin.get('/outbox?pageSize=100'), 200, 'outbox (admin)');
        const found = page.items.filter((m: any) => m.template === 'user-invitation' && m.toAddress === rep.email);
        return found.length ? found : undefined;
      });
      expect(invitations).toHaveLength(1);
      const users = ok(await admin.get(`/users?status=invited&pageSize=100`), 200, 'invited users');
      expect(users.items.find((u: any) => u.personId === rep.personId)).toMatchObject({ email: rep.email, personId: rep.personId, status: 'invited', roles: ['representative'] });
      const token = /token=([A-Za-z0-9_-]+)/.exec(String(invitations[0].body))?.[1];
      expect(token).toBeDefined();
      const session = ok(await h.api().post('/auth/invitations/accept', { token, password: `Journey-${tag}-lösenord` }), 200, `accept invitation ${rep.name}`);
      rep.api = h.api(session.token);
      const me = ok(await rep.api.get('/auth/me'), 200, 'me');
      expect(me.user).toMatchObject({ email: rep.email, personId: rep.personId, roles: ['representative'] });

      const task = await eventually(async () => {
        const tasks = ok(await rep.api!.get('/me/tasks'), 200, 'tasks');
        return tasks.find((t: any) => t.kind === 'assignment.answer-offer' && t.subject.id === rep.assignmentId);
      });
      expect(task).toMatchObject({ subject: { type: 'assignment' }, groupId });
    }
  });

  it('both accept, give personal and payment details, sign the agreement PDF; the coordinator countersigns', async () => {
    for (const rep of reps) {
      const api = rep.api!;
      const a = `/assignments/${rep.assignmentId}`;
      ok(await api.post(`${a}/accept`), 200, `accept ${rep.name}`);
      const details = ok(
        await api.put(`${a}/personal-details`, { personalNumber: rep.personalNumber, clearingNumber: rep.clearingNumber, accountNumber: rep.accountNumber }),
        200,
        `details ${rep.name}`,
      );
      // The answer never carries the personal data.
      expect(JSON.stringify(details)).not.toContain(rep.personalNumber.replace('-', '').slice(2));
      expect(JSON.stringify(details)).not.toContain(rep.accountNumber.replace(/\D/g, ''));

      // The agreement is drafted from the terms and the commission and rendered as a PDF.
      const view = await eventually(async () => {
        const v = ok(await api.get(a), 200, 'read assignment');
        return v.assignment.state === 'agreement-drafted' && v.agreement?.documentId ? v : undefined;
      }, 30_000);
      const documentId = view.agreement.documentId as string;
      const doc = ok(await api.get(`/documents/${documentId}`), 200, 'read agreement document');
      expect(doc).toMatchObject({ kind: 'agreement', subject: { type: 'assignment', id: rep.assignmentId }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const pdf = await download(api, `/documents/${documentId}/pdf`, 'agreement PDF');
      expect(pdf.type).toMatch(/application\/pdf/);
      expect(createHash('sha256').update(pdf.body).digest('hex')).toBe(doc.sha256);
      const text = flatText(pdf.body);
      expect(text).toContain(rep.name);
      expect(text).toContain(groupName);
      expect(text).toContain(commission);
      expect(text).toContain('Sveriges Kommuner och Regioner (SKR)'); // an NSG: SKR pays (§4.5.4)
      // The fee table of the year, as computed here from PBB 59 200 kr.
      expect(text).toContain(`${grouped(feeKr(fullDayDate, 390))} kr`);
      expect(text).toContain(`${grouped(feeKr(videoDate, 90))} kr`);
      expect(text).toContain('Försäkringskassan');
      // Signing a document whose checksum the signer did not read is refused.
      expect((await api.post(`/documents/${documentId}/signatures`, { role: 'representative', expectedSha256: '0'.repeat(64) })).status).toBe(409);
      // Signing the PDF is the signing: the assignment moves on with no further call.
      ok(await api.post(`/documents/${documentId}/signatures`, { role: 'representative', expectedSha256: doc.sha256 }), 201, 'sign PDF');
      expect(ok(await api.get(a), 200, 'read assignment after signing')).toMatchObject({ assignment: { state: 'signed' }, agreement: { state: 'signed' } });

      // Now it is the coordinator's turn.
      await eventually(async () => {
        const tasks = ok(await coordinator.api.get('/me/tasks'), 200, 'coordinator tasks');
        return tasks.some((t: any) => t.kind === 'assignment.countersign-agreement' && t.subject.id === rep.assignmentId);
      });
      const signedDoc = ok(await coordinator.api.get(`/documents/${documentId}`), 200, 'coordinator reads agreement');
      ok(await coordinator.api.post(`/documents/${documentId}/signatures`, { role: 'countersigner', expectedSha256: signedDoc.sha256 }), 201, 'countersign PDF');
      const after = ok(await api.get(a), 200, 'read assignment');
      expect(after.agreement).toMatchObject({ state: 'countersigned', documentId });
      expect(ok(await api.get(`/documents/${documentId}`), 200, 'read signed document').pendingRoles).toEqual([]);
    }
    // Stored encrypted, not as typed.
    const rows = await h.dataSource.query(`SELECT personal_number_enc, bank_account_enc FROM person WHERE id = ANY($1::uuid[])`, [reps.map((r) => r.personId)]);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.personal_number_enc).toMatch(/^v1\./);
      expect(r.bank_account_enc).toMatch(/^v1\./);
    }
  });

  it('declarations are submitted and reviewed, introductions recorded: both are active and the group is staffed', async () => {
    ok(await anna.api!.post(`/assignments/${anna.assignmentId}/declaration`, { hasInterests: false }), 200, 'declare (Anna)');
    ok(
      await britt.api!.post(`/assignments/${britt.assignmentId}/declaration`, { hasInterests: true, interests: 'Styrelseledamot i en patientförening.' }),
      200,
      'declare (Britt)',
    );
    for (const rep of reps) {
      ok(await coordinator.api.post(`/assignments/${rep.assignmentId}/declaration/review`, { outcome: 'approved' }), 200, `review ${rep.name}`);
      ok(await coordinator.api.post(`/assignments/${rep.assignmentId}/introduction`), 200, `introduction ${rep.name}`);
      const view = await eventually(async () => {
        const v = ok(await rep.api!.get(`/assignments/${rep.assignmentId}`), 200, 'read assignment');
        return v.assignment.state === 'active' ? v : undefined;
      });
      expect(view.declaration).toMatchObject({ state: 'approved' });
      expect(view.workflow.status).toMatchObject({ state: 'active', waitingFor: null });
      const audit = ok(await coordinator.api.get(`/assignments/${rep.assignmentId}/audit`), 200, 'assignment audit').map((e: any) => e.action);
      expect(audit).toEqual(
        expect.arrayContaining([
          'assignment.accepted',
          'assignment.details-given',
          'assignment.agreement-signed',
          'assignment.agreement-countersigned',
          'assignment.declaration-approved',
          'assignment.introduction-completed',
        ]),
      );
    }
    const group = await eventually(async () => {
      const g = ok(await coordinator.api.get(`/working-groups/${groupId}`), 200, 'read group');
      // The live status and the read model (written by the next activity) must both say staffed.
      return g.recruitment.status?.staffed && g.group.recruitmentState === 'staffed' ? g : undefined;
    });
    expect(group.recruitment.status).toMatchObject({ state: 'staffed', staffed: true, activeRepresentatives: 2 });
    expect(group.group.recruitmentState).toBe('staffed');
  });

  it('the representatives report time and the coordinator attests it', async () => {
    // The coordinator calls the group to its activities (issue 13 §4.5.1); the representatives report against them.
    const activity = async (title: string, date: string, mode: string, durationMinutes: number) =>
      ok(await coordinator.api.post(`/working-groups/${groupId}/activities`, { title, kind: 'meeting', date, durationMinutes, mode, agenda: ['Remissvar'] }), 201, `activity ${title}`);
    const workshop = await activity('Arbetsmöte 1', fullDayDate, 'on-site', 300);
    const checkIn = await activity('Avstämning via video', videoDate, 'video', 90);
    expect([...checkIn.calledAssignmentIds].sort()).toEqual([anna.assignmentId, britt.assignmentId].sort());
    const mine = ok(await anna.api!.get(`/assignments/${anna.assignmentId}/activities`), 200, 'what Anna can report');
    expect(mine.map((a: any) => a.title)).toEqual(['Arbete enligt överenskommelsen', 'Arbetsmöte 1', 'Avstämning via video']);

    // Rules the person would notice: not in the future, not outside the agreement.
    const planned = await activity('Planerat möte', addDays(today, 1), 'video', 90);
    const future = await anna.api!.post('/time-reports', { assignmentId: anna.assignmentId, activityId: planned.id, ...VIDEO });
    expect(future.status).toBe(400);
    expect(future.body.fields.activityDate.join(' ')).toMatch(/framtiden/);
    const early = await activity('Före överenskommelsen', addDays(terms.periodStart, -1), 'video', 90);
    const before = await anna.api!.post('/time-reports', { assignmentId: anna.assignmentId, activityId: early.id, ...VIDEO });
    expect(before.status).toBe(400);
    expect(before.body.fields.activityDate.join(' ')).toMatch(/utanför överenskommelsens period/);

    const report = async (rep: Representative, key: string, body: Record<string, unknown>, receipt?: Buffer) => {
      const created = ok(await rep.api!.post('/time-reports', { assignmentId: rep.assignmentId, ...body }), 201, `report ${key}`);
      reports[key] = created.id;
      if (receipt) {
        const form = new FormData();
        form.append('file', new Blob([receipt], { type: 'application/pdf' }), 'sj-biljett.pdf');
        form.append('receiptDate', fullDayDate);
        const res = await rep.api!.fetch(`/time-reports/${created.id}/receipts`, { method: 'POST', body: form });
        expect(res.status).toBe(201);
      }
      const submitted = ok(await rep.api!.post(`/time-reports/${created.id}/submit`), 200, `submit ${key}`);
      expect(submitted).toMatchObject({ state: 'submitted', payerCode: 'SKR', groupId });
    };
    await report(
      anna,
      'annaFullDay',
      { activityId: workshop.id, ticketCostOre: ore(ticketKr), ...FULL_DAY },
      Buffer.from('%PDF-1.4\n% kvitto SJ tur och retur\n%%EOF\n'),
    );
    await report(anna, 'annaVideo', { activityId: checkIn.id, ...VIDEO });
    await report(britt, 'brittVideo', { activityId: checkIn.id, ...VIDEO });
    // One report per person and activity.
    const again = await britt.api!.post('/time-reports', { assignmentId: britt.assignmentId, activityId: checkIn.id, ...VIDEO });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Du har redan rapporterat den här aktiviteten.');

    const waiting = ok(await coordinator.api.get(`/working-groups/${groupId}/time-reports`), 200, 'reports to attest');
    expect(waiting.map((r: any) => r.id).sort()).toEqual(Object.values(reports).sort());
    // A representative cannot attest.
    expect((await britt.api!.post(`/time-reports/${reports.annaVideo}/attestation`, { decision: 'confirm' })).status).toBe(404);
    for (const id of Object.values(reports)) {
      const attested = ok(await coordinator.api.post(`/time-reports/${id}/attestation`, { decision: 'confirm' }), 200, 'attest');
      expect(attested).toMatchObject({ state: 'attested', attestation: { decision: 'confirmed', attestedBy: coordinator.user.id } });
    }
    const own = ok(await anna.api!.get('/time-reports'), 200, 'own reports');
    expect(own.map((r: any) => r.state)).toEqual(['attested', 'attested']);
  });

  it('SKR\'s finance starts the payout run by hand; finance of another payer is refused; SKR approves', async () => {
    const period = videoDate.slice(0, 7);
    expect((await otherFinance.api.post('/payers/SKR/payout-runs', { period })).status).toBe(404);
    const started = ok(await finance.api.post('/payers/SKR/payout-runs', { period }), 202, 'start payout run');
    const batch =
      started.batch ??
      (await eventually(async () => {
        const list = ok(await finance.api.get('/payers/SKR/payout-runs'), 200, 'list runs');
        const b = list.find((x: any) => x.period === period);
        return b ? ok(await finance.api.get(`/payout-runs/${b.id}`), 200, 'read run') : undefined;
      }, 30_000));
    batchId = batch.batch.id;
    expect(batch.batch).toMatchObject({ state: 'draft', payerCode: 'SKR', period });
    expect(batch.batch.skipped ?? []).toEqual([]);

    // Each attested line with its fee from the 2026 table; nothing else.
    expect(batch.lines.map((l: any) => l.timeReportId).sort()).toEqual(Object.values(reports).sort());
    const line = (key: string) => batch.lines.find((l: any) => l.timeReportId === reports[key]);
    expect(line('annaFullDay')).toMatchObject({ feeOre: ore(feeKr(fullDayDate, 390)), travelOre: ore(ticketKr), state: 'pending', minutes: 390 });
    expect(line('annaVideo')).toMatchObject({ feeOre: ore(feeKr(videoDate, 90)), travelOre: 0, minutes: 90 });
    expect(line('brittVideo')).toMatchObject({ feeOre: ore(feeKr(videoDate, 90)), travelOre: 0 });

    const person = (rep: Representative) => batch.persons.find((p: any) => p.personId === rep.personId);
    const a = annaExpected();
    const b = brittExpected();
    expect(person(anna)).toMatchObject({
      feesOre: ore(a.feesKr),
      taxFreeTravelOre: ore(a.travelKr),
      taxablePayOre: ore(a.feesKr),
      contributionsOre: ore(a.contributionsKr),
      taxWithheldOre: ore(a.taxKr),
      netOre: ore(a.netKr),
      earlierTaxablePayOre: 0,
      agiPayField: a.agiField,
    });
    expect(person(britt)).toMatchObject({
      feesOre: ore(b.feesKr),
      contributionsOre: ore(b.contributionsKr),
      taxWithheldOre: ore(b.taxKr),
      netOre: ore(b.netKr),
      agiPayField: b.agiField,
    });

    // Finance sees the batch among its tasks; the other payer's finance does not.
    const financeTasks = ok(await finance.api.get('/me/tasks'), 200, 'finance tasks');
    expect(financeTasks.some((t: any) => t.subject.id === batchId)).toBe(true);
    expect(ok(await otherFinance.api.get('/me/tasks'), 200, 'other finance tasks').some((t: any) => t.subject.id === batchId)).toBe(false);

    // Nothing to export before approval.
    expect((await finance.api.fetch(`/payout-runs/${batchId}/payments.csv`)).status).toBe(409);
    // Finance of another payer cannot see or approve SKR's batch; a coordinator cannot approve either.
    expect((await otherFinance.api.get(`/payout-runs/${batchId}`)).status).toBe(404);
    expect((await otherFinance.api.post(`/payout-runs/${batchId}/approve`)).status).toBe(404);
    expect((await coordinator.api.post(`/payout-runs/${batchId}/approve`)).status).toBe(404);
    expect(ok(await finance.api.get(`/payout-runs/${batchId}`), 200, 'read run').batch.state).toBe('draft');

    const approved = ok(await finance.api.post(`/payout-runs/${batchId}/approve`), 200, 'approve');
    expect(approved.batch).toMatchObject({ state: 'approved', approvedBy: finance.user.id, paymentDate: today });
    expect(approved.lines.every((l: any) => l.state === 'paid')).toBe(true);
    // The representative sees the line as paid.
    const seen = ok(await britt.api!.get(`/time-reports/${reports.brittVideo}`), 200, 'read own report');
    expect(seen.payout).toMatchObject({ batchId, state: 'paid', payerCode: 'SKR' });
  });

  it('the bank file, the AGI figures and the slips show the amounts', async () => {
    const a = annaExpected();
    const b = brittExpected();
    const digits = (s: string) => s.replace(/\D/g, '');

    // Bank file: one row per person, personnummer (12 digits), account, net amount, reference.
    const csv = await download(finance.api, `/payout-runs/${batchId}/payments.csv`, 'bank file');
    expect(csv.type).toMatch(/text\/csv/);
    const rows = csv.body
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .map((r) => r.split(';'));
    expect(rows[0]).toEqual(['Personnummer', 'Kontonummer', 'Belopp', 'Referens']);
    const byPnr = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    expect(Object.keys(byPnr).sort()).toEqual([digits(anna.personalNumber), digits(britt.personalNumber)].sort());
    for (const [rep, exp] of [
      [anna, a],
      [britt, b],
    ] as const) {
      const [, account, amount, reference] = byPnr[digits(rep.personalNumber)];
      expect(digits(account)).toBe(digits(rep.clearingNumber) + digits(rep.accountNumber));
      expect(amount).toBe(`${exp.netKr},00`);
      expect(reference).toContain(videoDate.slice(0, 7));
    }
    expect((await otherFinance.api.fetch(`/payout-runs/${batchId}/payments.csv`)).status).toBe(404);

    // AGI: field 215 personnummer, 011 (with contributions) or 131 (without), 001 tax, box 050 car allowance.
    const agi = ok(await finance.api.get(`/payout-runs/${batchId}/agi`), 200, 'AGI');
    expect(agi.period).toBe(today.slice(0, 7));
    const agiOf = (rep: Representative) => agi.persons.find((p: any) => p.field215 === digits(rep.personalNumber));
    expect(agiOf(anna)).toMatchObject({ field011: a.feesKr, field131: null, field001: a.taxKr, field050: false });
    expect(agiOf(britt)).toMatchObject({ field011: null, field131: b.feesKr, field001: 0, field050: false });
    expect(agi.totals).toMatchObject({ field011: a.feesKr, field131: b.feesKr, field001: a.taxKr });

    // Slips: finance gets each; each person gets their own, the same PDF, and not the other's.
    for (const [rep, exp, other] of [
      [anna, a, britt],
      [britt, b, anna],
    ] as const) {
      const slip = await download(finance.api, `/payout-runs/${batchId}/slips/${rep.personId}`, `slip ${rep.name}`);
      expect(slip.type).toMatch(/application\/pdf/);
      const text = flatText(slip.body);
      expect(text).toContain(rep.name);
      expect(text).toContain(`********-${rep.personalNumber.slice(-4)}`);
      expect(text).not.toContain(digits(rep.personalNumber));
      expect(text).toContain(kronorText(exp.netKr));
      expect(text).toContain(kronorText(feeKr(videoDate, 90)));
      expect(text).toContain(exp.agiField);
      expect(text).toContain('avrundat till hela kronor, 50 öre uppåt'); // the rounding rule is on the slip
      if (exp.taxKr > 0) expect(text).toContain(kronorText(exp.taxKr));
      if (exp.contributionsKr > 0) expect(text).toContain(kronorText(exp.contributionsKr));
      const own = await download(rep.api!, `/people/${rep.personId}/payouts/${batchId}/slip`, `own slip ${rep.name}`);
      expect(own.body.equals(slip.body)).toBe(true);
      expect((await other.api!.fetch(`/people/${rep.personId}/payouts/${batchId}/slip`)).status).toBe(404);
    }
    const annaSlip = flatText((await download(anna.api!, `/people/${anna.personId}/payouts/${batchId}/slip`, 'own slip')).body);
    expect(annaSlip).toContain(kronorText(feeKr(fullDayDate, 390)));
    expect(annaSlip).toContain(kronorText(ticketKr));

    // SKR's year per person.
    const summary = ok(await finance.api.get(`/payers/SKR/yearly-summary?year=${today.slice(0, 4)}`), 200, 'yearly summary');
    expect(summary.persons).toHaveLength(2);
    expect(summary.totals).toMatchObject({
      feesOre: ore(a.feesKr + b.feesKr),
      contributionsOre: ore(a.contributionsKr + b.contributionsKr),
      taxWithheldOre: ore(a.taxKr + b.taxKr),
      netOre: ore(a.netKr + b.netKr),
    });

    // The person's own year, and who read personal numbers is in the audit log.
    const year = ok(await anna.api!.get(`/people/${anna.personId}/payouts?year=${today.slice(0, 4)}`), 200, 'own payouts');
    expect(year.perPayer).toEqual([expect.objectContaining({ payerCode: 'SKR', feesOre: ore(a.feesKr), netOre: ore(a.netKr), payouts: 1 })]);
    const audited = await h.dataSource.query(
      `SELECT action, actor FROM audit_log WHERE subject_id = $1 AND action IN ('payout.exported', 'payout.agi-viewed') ORDER BY at`,
      [batchId],
    );
    expect(audited).toEqual([
      { action: 'payout.exported', actor: finance.user.id },
      { action: 'payout.agi-viewed', actor: finance.user.id },
    ]);
  });
});
