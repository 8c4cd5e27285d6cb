import { createHash, randomUUID } from 'node:crypto';
import { stockholmDate } from '../src/common/stockholm-time';
import { windowOf } from '../src/group-reviews/review-policy';
import { flatText } from './support/pdf-text';
import { ApiClient, Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * The group's yearly review by its NPO (issue 16, §3.2), on the real API, database, Temporal (ending a group) and
 * pdfkit: a NAG made a year ago is a task of its NPO's coordinator in the policy's review month; the review shows the
 * staffing, the year's activities and the representatives' participation; recording the decision removes the task,
 * stores the yearly report with its SHA-256 and is refused a second time (409); 'end' ends the group.
 */
describe('the yearly review of a working group', () => {
  const today = stockholmDate(new Date());
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  let h: Harness;
  let admin: ApiClient;
  let npoCoordinator: TestUser;
  let nagCoordinator: TestUser;
  let otherCoordinator: TestUser;
  let npoId: string;
  let nagId: string;
  let youngId: string;
  let endingId: string;

  const review = (u: TestUser | ApiClient, g: string, y = year) => ('api' in u ? u.api : u).get(`/working-groups/${g}/reviews/${y}`);
  const decide = (u: TestUser, g: string, body: Record<string, unknown>, y = year) => u.api.post(`/working-groups/${g}/reviews/${y}/decision`, body);
  const tasksOf = async (u: TestUser) => ((await u.api.get('/me/tasks')).body as any[]).filter((t) => t.kind === 'working-group.yearly-review');
  const pdfOf = async (u: TestUser, g: string) => {
    const res = await fetch(`${h.baseUrl}/working-groups/${g}/reviews/${year}/report`, { headers: { Authorization: `Bearer ${u.api.token}` } });
    return { status: res.status, stored: res.headers.get('x-report-stored'), type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const createGroup = async (u: TestUser, body: Record<string, unknown>) => {
    const res = await u.api.post('/working-groups', { commission: 'Ta fram ett nationellt vårdprogram med patienter och närstående.', ...body });
    expect(res.status).toBe(201);
    return res.body.group.id as string;
  };
  const madeAYearAgo = (id: string) => h.dataSource.query(`UPDATE working_group SET created_at = now() - interval '1 year' WHERE id = $1`, [id]);

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.asAdmin();
    npoCoordinator = await h.createUser({ roles: ['coordinator'], displayName: 'Nora NPO-samordnare' });
    nagCoordinator = await h.createUser({ roles: ['coordinator'], displayName: 'Nils NAG-samordnare' });
    otherCoordinator = await h.createUser({ roles: ['coordinator'] });
    npoId = await createGroup(npoCoordinator, { name: 'NPO Hjärt- och kärlsjukdomar', kind: 'NPO', hostRegion: 'sodra' });
    nagId = await createGroup(nagCoordinator, { name: 'NAG Hjärtsvikt', kind: 'NAG', parentGroupId: npoId });
    youngId = await createGroup(nagCoordinator, { name: 'NAG Klaffsjukdomar', kind: 'NAG', parentGroupId: npoId });
    endingId = await createGroup(nagCoordinator, { name: 'NAG Avslutas', kind: 'NAG', parentGroupId: npoId });
    for (const id of [npoId, nagId, endingId]) await madeAYearAgo(id);

    // The NAG's year: two representatives (one active, one who ended), two meetings, three reports.
    const org = randomUUID();
    await h.dataSource.query(`INSERT INTO organisation (id, name, perspective, contact_email) VALUES ($1, 'Hjärtförbundet', 'patient', 'kontakt@hjartforbundet.example')`, [org]);
    const people = [randomUUID(), randomUUID()];
    await h.dataSource.query(`INSERT INTO person (id, full_name, email, perspective) VALUES ($1, 'Åsa Öberg', $3, 'patient'), ($2, 'Per Nilsson', $4, 'next-of-kin')`, [
      ...people,
      `asa.${people[0].slice(0, 6)}@example.se`,
      `per.${people[1].slice(0, 6)}@example.se`,
    ]);
    const assignments = [randomUUID(), randomUUID()];
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, perspective, nominating_organisation_id, state, period_start, ended_on)
       VALUES ($1, $3, $4, 'mandate', 'patient', $6, 'active', $7, NULL), ($2, $3, $5, 'own-experience', 'next-of-kin', NULL, 'ended', $7, $8)`,
      [...assignments, nagId, ...people, org, `${year}-01-01`, today],
    );
    const meetings = [uuidFrom('review-meeting-1'), uuidFrom('review-meeting-2')];
    for (const [i, id] of meetings.entries()) {
      await h.dataSource.query(
        `INSERT INTO group_activity (id, group_id, title, kind, activity_date, duration_minutes, mode, fee_rule, material_sent_on)
         VALUES ($1, $2, $3, 'meeting', $4, 180, 'video', 'by-length', $5)`,
        [id, nagId, i === 0 ? 'Arbetsmöte om behandlingsriktlinjer' : 'Avstämning om egenvårdsråd', today, i === 0 ? today : null],
      );
      for (const a of assignments) await h.dataSource.query(`INSERT INTO group_activity_called (activity_id, assignment_id) VALUES ($1, $2)`, [id, a]);
    }
    const report = (a: string, p: string, act: string) =>
      h.dataSource.query(
        `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, meeting_ref, activity_id, duration_minutes, participation, claim_deadline, state, submitted_at)
         VALUES ($1, $2, $3, $4, 'sodra', $5, 'meeting', $8, $6, 60, 'video', $7, 'submitted', now())`,
        [randomUUID(), a, p, nagId, today, act, `${year + 1}-03-31`, act],
      );
    await report(assignments[0], people[0], meetings[0]);
    await report(assignments[0], people[0], meetings[1]);
    await report(assignments[1], people[1], meetings[0]);

    // The policy is data: the review month is this month (so the review is open now), groups at least 180 days old.
    const put = await admin.put('/group-review-policy', { reviewMonth: month, minAgeDays: 180 });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("makes a NAG made a year ago its NPO's coordinator's task, due by the end of the review month; not a group made today", async () => {
    const tasks = await tasksOf(npoCoordinator);
    const due = new Date(windowOf({ reviewMonth: month, minAgeDays: 180 }, year).dueAt).toISOString();
    expect(tasks.map((t) => [t.groupId, t.groupName, t.deadline, t.subject.type])).toEqual(
      expect.arrayContaining([
        [nagId, 'NAG Hjärtsvikt', due, 'group-review'],
        [endingId, 'NAG Avslutas', due, 'group-review'],
        // The NPO has nothing above it: its own coordinators review it.
        [npoId, 'NPO Hjärt- och kärlsjukdomar', due, 'group-review'],
      ]),
    );
    expect(tasks.map((t) => t.groupId)).not.toContain(youngId);
    expect(tasks.every((t) => t.urgent === false && /årliga översynen/.test(t.title))).toBe(true);
    // Whose turn: the NPO's coordinators, not the NAG's own (who may still read the review).
    expect(await tasksOf(nagCoordinator)).toEqual([]);
    expect(await tasksOf(otherCoordinator)).toEqual([]);
  });

  it('a group made this year is not reviewed until next year (409 with the reason)', async () => {
    const view = (await review(npoCoordinator, youngId)).body;
    expect([view.canDecide, view.cannotDecideReason]).toEqual([false, expect.stringMatching(/Första översynen blir \d{4}/)]);
    const res = await decide(npoCoordinator, youngId, { decision: 'continue' });
    expect([res.status, res.body.message]).toEqual([409, expect.stringMatching(/ses inte över/)]);
  });

  it('shows the staffing against the minimum, the year’s activities with their reports and each representative’s participation', async () => {
    const res = await review(npoCoordinator, nagId);
    expect(res.status).toBe(200);
    const v = res.body;
    expect(v).toMatchObject({ groupName: 'NAG Hjärtsvikt', parentName: 'NPO Hjärt- och kärlsjukdomar', reviewedBy: { groupId: npoId }, open: true, canDecide: true, decision: null });
    expect(v.staffing).toMatchObject({ minimum: 2, active: 1 });
    expect(v.staffing.representatives.map((r: any) => [r.name, r.state, r.since, r.organisationName])).toEqual([
      ['Åsa Öberg', 'active', `${year}-01-01`, 'Hjärtförbundet'],
      ['Per Nilsson', 'ended', `${year}-01-01`, null],
    ]);
    expect(v.activities.map((a: any) => [a.title, a.called, a.reports])).toEqual(
      expect.arrayContaining([
        ['Arbetsmöte om behandlingsriktlinjer', 2, 2],
        ['Avstämning om egenvårdsråd', 2, 1],
      ]),
    );
    expect(v.participation.map((p: any) => [p.name, p.called, p.reported])).toEqual([
      ['Per Nilsson', 2, 1],
      ['Åsa Öberg', 2, 2],
    ]);
    // The NAG's own coordinator reads it too; anyone else gets the 404 of a missing group.
    expect((await review(nagCoordinator, nagId)).status).toBe(200);
    const denied = await review(otherCoordinator, nagId);
    expect([denied.status, denied.body.message]).toEqual([404, 'Gruppen finns inte.']);
    const rep = await h.createUser({ roles: ['representative'] });
    expect((await review(rep, nagId)).status).toBe(404);
    expect((await decide(otherCoordinator, nagId, { decision: 'continue' })).status).toBe(404);
  });

  it('the draft yearly report as a PDF has the figures and says it is a draft', async () => {
    const pdf = await pdfOf(npoCoordinator, nagId);
    expect([pdf.status, pdf.type, pdf.stored]).toEqual([200, 'application/pdf', 'false']);
    const text = flatText(pdf.bytes);
    expect(text).toContain(`Årsrapport ${year}`);
    expect(text).toContain('Aktiva patient- och närståendeföreträdare: 1 av minst 2.');
    expect(text).toContain('Arbetsmöte om behandlingsriktlinjer');
    expect(text).toContain('Utkast: beslutet är ännu inte fattat.');
  });

  it('refuses a change without what changes, and a decision of a year that is not open', async () => {
    const res = await decide(npoCoordinator, nagId, { decision: 'change' });
    expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([400, ['changes']]);
    const bad = await decide(npoCoordinator, nagId, { decision: 'maybe' });
    expect([bad.status, Object.keys(bad.body.fields ?? {})]).toEqual([400, ['decision']]);
    const past = await decide(npoCoordinator, nagId, { decision: 'continue' }, year - 1);
    expect([past.status, past.body.message]).toEqual([409, expect.stringMatching(/inte öppen/)]);
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM group_review`))[0].n).toBe(0);
  });

  it('recording the decision removes the task, stores the report with its SHA-256 and audits it; a second decision is 409', async () => {
    const res = await decide(npoCoordinator, nagId, { decision: 'change', changes: 'Rekrytera en närståendeföreträdare före mars.' });
    expect(res.status).toBe(201);
    expect(res.body.decision).toMatchObject({ decision: 'change', changes: 'Rekrytera en närståendeföreträdare före mars.', decidedByName: 'Nora NPO-samordnare' });
    expect(res.body.canDecide).toBe(false);
    expect((await tasksOf(npoCoordinator)).map((t) => t.groupId)).not.toContain(nagId);

    const doc = res.body.decision.document;
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    const pdf = await pdfOf(npoCoordinator, nagId);
    expect([pdf.status, pdf.stored]).toEqual([200, 'true']);
    expect(createHash('sha256').update(pdf.bytes).digest('hex')).toBe(doc.sha256);
    const text = flatText(pdf.bytes);
    expect(text).toContain('Gruppen fortsätter med förändringar');
    expect(text).toContain('Förändringar: Rekrytera en närståendeföreträdare före mars.');
    expect(text).toContain('Beslutat av: Nora NPO-samordnare');
    const [stored] = await h.dataSource.query(`SELECT kind, subject_type, subject_id, sha256 FROM document WHERE id = $1`, [doc.id]);
    expect(stored).toEqual({ kind: 'yearly-report', subject_type: 'group', subject_id: nagId, sha256: doc.sha256 });
    const audit = await h.dataSource.query(`SELECT actor, details FROM audit_log WHERE action = 'group-review.decided' AND subject_id = $1`, [nagId]);
    expect(audit).toEqual([{ actor: npoCoordinator.user.id, details: expect.objectContaining({ year, decision: 'change' }) }]);

    const again = await decide(nagCoordinator, nagId, { decision: 'continue' });
    expect([again.status, again.body.message]).toEqual([409, expect.stringMatching(/^Översynen av NAG Hjärtsvikt för \d{4} är redan beslutad/)]);
    // The database holds it too: one decision per group and year, and a decision never changes.
    await expect(
      h.dataSource.query(`INSERT INTO group_review (id, group_id, year, decision, decided_by, report_data) VALUES ($1, $2, $3, 'continue', $4, '{}')`, [
        randomUUID(),
        nagId,
        year,
        npoCoordinator.user.id,
      ]),
    ).rejects.toThrow(/group_review_once/);
    await expect(h.dataSource.query(`UPDATE group_review SET decision = 'end' WHERE group_id = $1`, [nagId])).rejects.toThrow(/cannot change/);
  });

  it("'end' needs its confirmation, then ends the group through the end-group path", async () => {
    const unconfirmed = await decide(npoCoordinator, endingId, { decision: 'end' });
    expect([unconfirmed.status, Object.keys(unconfirmed.body.fields ?? {})]).toEqual([400, ['confirmEnd']]);
    const res = await decide(npoCoordinator, endingId, { decision: 'end', confirmEnd: true });
    expect(res.status).toBe(201);
    expect(res.body.decision.decision).toBe('end');
    const deadline = Date.now() + 30_000;
    let state = '';
    while (Date.now() < deadline) {
      state = (await h.dataSource.query(`SELECT recruitment_state FROM working_group WHERE id = $1`, [endingId]))[0].recruitment_state;
      if (state === 'ended') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(state).toBe('ended');
    expect(await h.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 AND action IN ('working-group.ended', 'group-review.decided') ORDER BY id`, [endingId])).toEqual([
      { action: 'group-review.decided' },
      { action: 'working-group.ended' },
    ]);
    expect((await tasksOf(npoCoordinator)).map((t) => t.groupId)).not.toContain(endingId);
  });

  it('the policy is the administrator’s, bounded', async () => {
    expect((await admin.put('/group-review-policy', { reviewMonth: 13, minAgeDays: 180 })).status).toBe(400);
    expect((await admin.put('/group-review-policy', { reviewMonth: 12, minAgeDays: -1 })).status).toBe(400);
    expect((await npoCoordinator.api.put('/group-review-policy', { reviewMonth: 12, minAgeDays: 180 })).status).toBe(403);
    const read = await npoCoordinator.api.get('/group-review-policy');
    expect(read.body).toMatchObject({ reviewMonth: month, minAgeDays: 180, openYear: year });
  });
});

function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
