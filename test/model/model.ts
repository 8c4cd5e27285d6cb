import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { checkSwedishAccount } from '../../src/identity/bank-account';
import fs from 'node:fs';
import fc from 'fast-check';
import { calculatePeople, GatheredLine } from '../../src/payouts/payout-compute';
import { RateTableRow, toRateTable } from '../../src/rates/rate-table.entity';
import { addDays, stockholmDate } from '../../src/time-reports/business-dates';
import { assignmentStatusQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflowId, recruitmentWorkflowId } from '../../workflows/ids';
import { recruitmentStatusQuery } from '../../workflows/recruitment.messages';
import type { Harness, TestUser } from '../support/harness';
import { invitationTokenFor, testPersonnummer } from '../support/lifecycle';
import { Answer, ModelApi, Terms } from './api';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as a client sees them */

/**
 * The model-based test of issue 13: fast-check invents sequences of steps by every role, sends each through HTTP
 * to the real API and worker (real Temporal dev server, real PostgreSQL), and after every step checks the
 * invariants against the database and the workflows. See README "The model-based test".
 */

// ---- invariants -----------------------------------------------------------------------------------------------

/** The invariants, by the name a failure carries (`[invariant <name>] …`). */
export const INVARIANTS = {
  'paid-once-per-meeting': 'nobody is paid twice for one meeting (person, group, date, kind, meeting — or activity)',
  'one-report-per-meeting': 'one report per person and meeting (the second answers 409)',
  'paid-equals-engine': 'every paid amount equals the fee engine’s figure for the frozen inputs',
  'approved-file-frozen': 'no approved run’s bank file changes',
  'attested-lines-paid': 'a run of a period takes every attested, unpaid line up to the period’s end (never lost)',
  'workflow-equals-read-model': 'every assignment’s workflow state and reporting periods equal the read model',
  'model-state': 'each step leads to the state the routine says (e.g. countersigning before signing is refused)',
  'one-person-per-email': 'one person record per e-mail address, in any letter case',
  'one-live-assignment-per-group': 'a person has at most one open nomination and one live assignment per group',
  'below-minimum-has-open-round': 'a group that fell below its minimum has an open recruitment round',
  'scope': 'nobody reads an object outside their scope (403/404)',
  'expected-answer': 'each step gets the answer the routine promises (a 2xx where it is allowed, a 4xx where not)',
} as const;
export type InvariantName = keyof typeof INVARIANTS;


export class InvariantViolation extends Error {
  constructor(
    readonly invariant: InvariantName,
    detail: string,
  ) {
    super(`[invariant ${invariant}] ${INVARIANTS[invariant]}: ${detail}`);
    this.name = 'InvariantViolation';
  }
}

const violated = (name: InvariantName, detail: string): never => {
  throw new InvariantViolation(name, detail);
};

// ---- the model ------------------------------------------------------------------------------------------------

type AssignmentState =
  | 'nominated'
  | 'accepted'
  | 'agreement-drafted'
  | 'signed'
  | 'countersigned'
  | 'declaration-submitted'
  | 'declaration-approved'
  | 'active'
  | 'declined'
  | 'ended';

interface GroupM {
  id: string;
  coordinator: TestUser;
  org: TestUser;
  requestId: string;
  /** How many people the open request asks for (issue 16 #1), as it says; null: no limit. */
  wanted?: number | null;
  min: number;
  /** Active representatives once seen at or above the minimum (then a fall below must restart recruitment). */
  wasStaffed: boolean;
  /** The coordinator ended the group: recruitment closed, every assignment ended. */
  ended: boolean;
}
interface PersonM {
  n: number;
  email: string;
  name: string;
  personId?: string;
  token?: string;
  pnr: string;
}
interface NominationM {
  id: string;
  group: number;
  person: number;
  /** closed: its group ended before it was appointed. */
  state: 'open' | 'appointed' | 'closed';
  /** Nominated on the organisation's mandate (representation `mandate`), which the organisation can withdraw. */
  mandate: boolean;
  /** The request it answered (issue 16 #1: a request takes at most `wanted` nominations; the model declines none). */
  request?: string;
}
interface AssignmentM {
  id: string;
  group: number;
  person: number;
  state: AssignmentState;
  mandate: boolean;
  /** It was active once (an assignment ended before it was active reports nothing). */
  wasActive?: boolean;
  documentId?: string;
}
interface ActivityM {
  id: string;
  group: number;
  date: string;
  ref: string;
  /** Assignments called to it (those that could be called when it was created). */
  called: string[];
}
interface ReportM {
  id: string;
  assignment: number;
  activity: string;
  date: string;
  ref: string;
  minutes: number;
  state: 'submitted' | 'attested';
  paidIn?: string;
}
interface BatchM {
  id: string;
  period: string;
  /** 0: the period's ordinary run; n ≥ 1: its n:th supplementary run (kompletteringsomgång). */
  supplement: number;
  csvSha: string;
}

export interface Model {
  period: string;
  periodEnd: string;
  days: string[];
  terms: Terms;
  groups: GroupM[];
  people: PersonM[];
  nominations: NominationM[];
  assignments: AssignmentM[];
  activities: ActivityM[];
  reports: ReportM[];
  batches: BatchM[];
  /** Steps this sequence may still take (bounds a run's time; commands beyond it are skipped). */
  stepsLeft: number;
  /** The period's run was approved before this sequence (by an earlier run of the model) or is done. */
  periodClosed: boolean;
}

/** What lives across runs of one test file: the engines, the accounts outside every group, the counters. */
export interface World {
  h: Harness;
  api: ModelApi;
  admin: string;
  finance: TestUser;
  /** Finance of another payer: reads nothing of SKR's. */
  otherFinance: TestUser;
  strangers: TestUser[];
  runs: number;
  people: number;
  /** Approved batches whose figures were checked against the engine (they are final). */
  verified: Set<string>;
  trace: string[];
  /** Every sequence's trace, in order (shrinking replays included). */
  sequences: string[][];
  /** Steps run over all sequences. */
  steps: number;
  /** Over all sequences: payout runs approved (ordinary and supplementary), supplementary ones, lines they paid. */
  approvedRuns: number;
  supplementaryRuns: number;
  paidLines: number;
}

export interface Real {
  w: World;
}

const DAY_MINUTES = 1440;
/** Nominations per sequence at most (more would spread the onboarding steps too thin to reach payouts). */
const MAX_NOMINATIONS = 5;
const MEETINGS = ['Arbetsmöte A', 'Arbetsmöte B'];
const MINUTES = [90, 180, 300, 700];
const TRAVEL = [0, 60, 600];

/** Boots the accounts every run shares (after the harness, once per test file). */
export async function createWorld(h: Harness): Promise<World> {
  const admin = await h.asAdmin();
  const api = new ModelApi(h.baseUrl);
  // Activities of earlier months are claimable (each run of the model uses a month of its own).
  const policy = await api.setClaimPolicy(admin.token!, 'SKR');
  if (policy.status !== 200) throw new Error(`claim policy: HTTP ${policy.status} ${JSON.stringify(policy.body)}`);
  const finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR', displayName: 'Modell Ekonomi SKR' });
  const otherFinance = await h.createUser({ roles: ['finance'], payerCode: 'sodra', displayName: 'Modell Ekonomi Södra' });
  const strangers = [
    await h.createUser({ roles: ['coordinator'], displayName: 'Främmande Samordnare' }),
    await h.createUser({ roles: ['org-contact'], displayName: 'Främmande Kontakt' }),
    await h.createUser({ roles: ['representative'], displayName: 'Främmande Företrädare' }),
    otherFinance,
  ];
  return { h, api, admin: admin.token!, finance, otherFinance, strangers, runs: 0, people: 0, verified: new Set(), trace: [], sequences: [], steps: 0, approvedRuns: 0, supplementaryRuns: 0, paidLines: 0 };
}

/** The month `k` months before last month, as YYYY-MM. */
function monthBack(k: number): string {
  const today = stockholmDate(new Date());
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7)) - 1 - k;
  while (m < 1) {
    m += 12;
    y--;
  }
  return `${y}-${String(m).padStart(2, '0')}`;
}

function periodEndOf(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** A fresh model for one run: its own month, group, coordinator and organisation. */
export async function setUp(w: World, maxSteps: number): Promise<{ model: Model; real: Real }> {
  // Each run pays a month of its own (one batch per payer and period); 36 months back at most, then around again.
  const period = monthBack(w.runs % 36);
  w.runs++;
  w.trace = [];
  w.sequences.push(w.trace);
  const model: Model = {
    period,
    periodEnd: periodEndOf(period),
    days: [`${period}-10`, `${period}-20`],
    terms: {
      periodStart: `${period}-01`,
      periodEnd: addDays(stockholmDate(new Date()), 700),
      reportingFrequency: 'quarterly',
      estimatedMeetingHours: 40,
      estimatedOtherHours: 20,
    },
    groups: [],
    people: [],
    nominations: [],
    assignments: [],
    activities: [],
    reports: [],
    batches: [],
    stepsLeft: maxSteps,
    periodClosed: false,
  };
  const real: Real = { w };
  await newGroup(model, real);
  return { model, real };
}

// ---- helpers --------------------------------------------------------------------------------------------------

/** MODEL_DEBUG=<file> appends every step and failure to that file as it happens (jest holds console output back). */
export function debug(line: string): void {
  const file = process.env.MODEL_DEBUG;
  if (file) fs.appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
}

const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectAnswer(res: Answer, wanted: number | number[], what: string): any {
  const ok = Array.isArray(wanted) ? wanted : [wanted];
  if (!ok.includes(res.status)) violated('expected-answer', `${what}: expected HTTP ${ok.join('/')}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
    await sleep(150);
  }
}

async function newGroup(m: Model, r: Real): Promise<void> {
  const { h, api } = r.w;
  const coordinator = await h.createUser({ roles: ['coordinator'], displayName: `Modell Samordnare ${m.groups.length}` });
  const org = await h.createUser({ roles: ['org-contact'], displayName: `Modell Kontakt ${m.groups.length}` });
  const id = randomUUID();
  expectAnswer(await api.createGroup(coordinator.token, { id, name: `NSG Modell ${id.slice(0, 8)}`, minRepresentatives: 2 }), 201, 'create group');
  await until('recruitment open', async () => (await api.readGroup(coordinator.token, id)).body?.recruitment?.status?.state);
  expectAnswer(await api.startRound(coordinator.token, id, [org.user.organisationId!]), 201, 'start round');
  const request = await until('nomination request', async () => ((await api.nominationRequests(org.token)).body ?? []).find((x: any) => x.groupId === id));
  m.groups.push({ id, coordinator, org, requestId: request.id, min: 2, wasStaffed: false, ended: false });
}

const OPEN_REQUEST = ['sent', 'reminded', 'nominated'];

/**
 * The organisation's open request of the group, read again before each nomination: a round closes, and below the
 * minimum an urgent round cancels the old requests and sends new ones (issue 13 #10). Undefined when none is open.
 */
async function openRequest(r: Real, g: GroupM): Promise<string | undefined> {
  const list: any[] = (await r.w.api.nominationRequests(g.org.token)).body ?? [];
  const open = list.filter((x) => x.groupId === g.id && OPEN_REQUEST.includes(x.state));
  const newest = open.sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')))[0];
  if (newest) g.requestId = newest.id;
  g.wanted = newest?.wanted ?? null;
  return newest?.id;
}

/** The request already has as many nominations as it asks for (issue 16 #1): a further one answers 409. */
const requestFull = (m: Readonly<Model>, g: GroupM, requestId: string) =>
  g.wanted !== null && g.wanted !== undefined && m.nominations.filter((n) => n.request === requestId).length >= g.wanted;

function newPerson(m: Model, r: Real): number {
  const n = ++r.w.people;
  const tag = randomBytes(3).toString('hex');
  m.people.push({ n, email: `modell.${n}.${tag}@example.se`, name: `Modell Person ${n}`, pnr: testPersonnummer(500 + n) });
  return m.people.length - 1;
}

/** The person's e-mail in another letter case (the same address). */
const otherCase = (email: string, variant: number) =>
  [...email].map((c, i) => ((i + variant) % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join('');

/** An assignment that is over: ended (withdrawn, mandate withdrawn, group ended) or declined. */
const FINAL_STATES: AssignmentState[] = ['ended', 'declined'];

const liveIn = (m: Model, group: number, person: number) =>
  m.nominations.some((n) => n.group === group && n.person === person && n.state === 'open') ||
  m.assignments.some((a) => a.group === group && a.person === person && !FINAL_STATES.includes(a.state));

const activeIn = (m: Model, group: number) => m.assignments.filter((a) => a.group === group && a.state === 'active').length;

// ---- invariants, checked after every step ---------------------------------------------------------------------

export async function checkInvariants(m: Model, r: Real): Promise<void> {
  const { h } = r.w;
  const ds = h.dataSource;

  // Nobody paid twice for one meeting (across assignments and runs): by activity once activities are records.
  const hasActivity = (await ds.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'time_report' AND column_name = 'activity_id'`)).length > 0;
  const twice: any[] = await ds.query(
    `SELECT tr.person_id, tr.group_id, tr.activity_date::text AS day, tr.kind, tr.meeting_ref, count(*) AS n
       FROM payout_line l JOIN time_report tr ON tr.id = l.time_report_id
      WHERE l.state = 'paid'
      GROUP BY tr.person_id, tr.group_id, ${hasActivity ? 'COALESCE(tr.activity_id::text, tr.activity_date::text || tr.kind || tr.meeting_ref)' : 'tr.activity_date, tr.kind, tr.meeting_ref'},
               tr.activity_date, tr.kind, tr.meeting_ref
     HAVING count(*) > 1`,
  );
  if (twice.length) violated('paid-once-per-meeting', JSON.stringify(twice));

  const dupReports: any[] = await ds.query(
    `SELECT person_id, group_id, activity_date::text AS day, kind, meeting_ref, count(*) AS n FROM time_report
      WHERE state <> 'rejected' GROUP BY person_id, group_id, activity_date, kind, meeting_ref HAVING count(*) > 1`,
  );
  if (dupReports.length) violated('one-report-per-meeting', JSON.stringify(dupReports));

  const dupPeople: any[] = await ds.query(`SELECT lower(email) AS email, count(*) AS n FROM person GROUP BY lower(email) HAVING count(*) > 1`);
  if (dupPeople.length) violated('one-person-per-email', JSON.stringify(dupPeople));

  const dupLive: any[] = await ds.query(
    `SELECT group_id, person_id, 'nomination' AS what, count(*) AS n FROM nomination WHERE state IN ('submitted','proposed')
      GROUP BY group_id, person_id HAVING count(*) > 1
     UNION ALL
     SELECT group_id, person_id, 'assignment', count(*) FROM assignment WHERE state NOT IN ('ended','declined')
      GROUP BY group_id, person_id HAVING count(*) > 1`,
  );
  if (dupLive.length) violated('one-live-assignment-per-group', JSON.stringify(dupLive));

  await checkApprovedRuns(m, r);
  await checkAssignments(m, r);
  await checkBelowMinimum(m, r);
}

async function checkApprovedRuns(m: Model, r: Real): Promise<void> {
  const { h, api, finance } = r.w;
  const ds = h.dataSource;
  // The bank file of every approved run of this sequence is the one of its approval.
  for (const b of m.batches) {
    const csv = await api.bankFile(finance.token, b.id);
    if (csv.status !== 200) violated('approved-file-frozen', `batch ${b.id}: HTTP ${csv.status}`);
    const sha = createHash('sha256').update(csv.body).digest('hex');
    if (sha !== b.csvSha) violated('approved-file-frozen', `batch ${b.id} (${b.period}): the bank file changed after approval`);
  }
  // Every approved batch (of any run) once: its figures are the engine's for its frozen inputs.
  const batches: Array<{ id: string; payer_code: string; payment_date: string }> = await ds.query(
    `SELECT id, payer_code, payment_date::text AS payment_date FROM payout_batch WHERE state = 'approved'`,
  );
  const todo = batches.filter((b) => !r.w.verified.has(b.id));
  if (!todo.length) return;
  const tables = ((await ds.getRepository(RateTableRow).find()) as RateTableRow[]).map(toRateTable);
  for (const b of todo) {
    const persons: any[] = await ds.query(
      `SELECT pp.person_id, pp.fees_ore, pp.tax_free_travel_ore, pp.taxable_pay_ore, pp.contributions_ore, pp.tax_withheld_ore, pp.net_ore,
              pp.earlier_taxable_pay_ore, p.birth_date::text AS birth_date, p.tax_table_main_income, p.tax_table_percent::text AS tax_table_percent
         FROM payout_person pp JOIN person p ON p.id = pp.person_id WHERE pp.batch_id = $1`,
      [b.id],
    );
    const lines: any[] = await ds.query(
      `SELECT l.id AS line_id, l.fee_ore, l.travel_ore, l.state, tr.id AS time_report_id, tr.person_id, tr.activity_date::text AS activity_date, tr.kind,
              tr.attested_duration_minutes AS minutes, tr.attested_travel_minutes AS travel, tr.attested_ticket_cost_ore AS ticket,
              tr.attested_other_travel_cost_ore AS other, tr.attested_car_km AS km,
              EXISTS (SELECT 1 FROM time_report_receipt x WHERE x.time_report_id = tr.id) AS has_receipt,
              a.fee_mode, a.employed_by_organisation AS employed
         FROM payout_line l JOIN time_report tr ON tr.id = l.time_report_id JOIN assignment a ON a.id = tr.assignment_id
        WHERE l.batch_id = $1 AND l.state = 'paid' ORDER BY l.activity_date, tr.id`,
      [b.id],
    );
    const gathered = (personId: string): GatheredLine[] =>
      lines
        .filter((l) => l.person_id === personId)
        .map((l) => ({
          lineId: l.line_id,
          personId,
          timeReportId: l.time_report_id,
          activityDate: l.activity_date,
          kind: l.kind,
          durationMinutes: Number(l.minutes),
          travelMinutes: Number(l.travel),
          ticketCostOre: Number(l.ticket),
          otherTravelCostOre: Number(l.other),
          carKm: Number(l.km),
          hasReceipt: l.has_receipt,
          feeMode: l.fee_mode,
          employedByOrganisation: l.employed,
        }));
    const outcomes = calculatePeople({
      payerCode: b.payer_code,
      paymentDate: b.payment_date,
      tables,
      people: persons.map((p) => ({
        personId: p.person_id,
        payee: { birthYear: Number(String(p.birth_date).slice(0, 4)), taxTableMainIncome: p.tax_table_main_income, taxTablePercent: p.tax_table_percent },
        earlierTaxablePayOre: Number(p.earlier_taxable_pay_ore),
        lines: gathered(p.person_id),
      })),
    });
    for (const o of outcomes) {
      if ('error' in o) return violated('paid-equals-engine', `batch ${b.id}: the engine refuses person ${o.personId}: ${o.error.message}`);
      const stored = persons.find((p) => p.person_id === o.personId);
      const f = o.calc.figures;
      const pairs: Array<[string, number, number]> = [
        ['feesOre', f.feesOre, Number(stored.fees_ore)],
        ['taxFreeTravelOre', f.taxFreeTravelOre, Number(stored.tax_free_travel_ore)],
        ['taxablePayOre', f.taxablePayOre, Number(stored.taxable_pay_ore)],
        ['contributionsOre', f.contributionsOre, Number(stored.contributions_ore)],
        ['taxWithheldOre', f.taxWithheldOre, Number(stored.tax_withheld_ore)],
        ['netOre', f.netOre, Number(stored.net_ore)],
      ];
      for (const [field, engine, paid] of pairs) {
        if (engine !== paid) violated('paid-equals-engine', `batch ${b.id}, person ${o.personId}: ${field} paid ${paid}, engine ${engine}`);
      }
      o.calc.lines.forEach((la) => {
        const l = lines.find((x) => x.time_report_id === la.timeReportId);
        if (Number(l.fee_ore) !== la.feeOre || Number(l.travel_ore) !== la.travelOre) {
          violated('paid-equals-engine', `batch ${b.id}, line ${l.line_id}: paid fee ${l.fee_ore} + travel ${l.travel_ore}, engine ${la.feeOre} + ${la.travelOre}`);
        }
      });
    }
    const paidPeople = new Set(lines.map((l) => l.person_id));
    for (const id of paidPeople) if (!persons.some((p) => p.person_id === id)) violated('paid-equals-engine', `batch ${b.id}: a paid line of person ${id} has no person figures`);
    r.w.verified.add(b.id);
  }
}

async function checkAssignments(m: Model, r: Real): Promise<void> {
  const { h } = r.w;
  for (const a of m.assignments) {
    // The read model is written by the workflow's activities (some after the Update answered): wait a little for it.
    let last = '';
    const ok = await until(
      `assignment ${a.id}`,
      async () => {
        const status = await h.client.workflow.getHandle(assignmentWorkflowId(a.id)).query(assignmentStatusQuery);
        const row = (await h.dataSource.query(`SELECT state FROM assignment WHERE id = $1`, [a.id]))[0];
        const periods: Array<{ period_key: string; state: string }> = await h.dataSource.query(
          `SELECT period_key, state FROM assignment_reporting_period WHERE assignment_id = $1 ORDER BY period_index`,
          [a.id],
        );
        const wfPeriods = status.reporting.periods.map((p) => `${p.key}:${p.state}`);
        const dbPeriods = periods.map((p) => `${p.period_key}:${p.state}`);
        // The workflow keeps the periods it still follows; the read model keeps every period it ever had.
        const periodsAgree = wfPeriods.every((p) => dbPeriods.includes(p));
        last = `model ${a.state}, workflow ${status.state}, read model ${row?.state}; periods workflow [${wfPeriods}] read model [${dbPeriods}]`;
        return status.state === row?.state && status.state === a.state && periodsAgree ? true : undefined;
      },
      15_000,
    ).catch(() => false);
    if (!ok) {
      const name: InvariantName = last.startsWith(`model ${a.state}, workflow ${a.state},`) ? 'workflow-equals-read-model' : 'model-state';
      violated(name, `assignment ${a.id}: ${last}`);
    }
  }
}

async function checkBelowMinimum(m: Model, r: Real): Promise<void> {
  for (const [i, g] of m.groups.entries()) {
    if (g.ended) continue; // an ended group recruits no more
    if (activeIn(m, i) >= g.min) g.wasStaffed = true;
    if (!g.wasStaffed || activeIn(m, i) >= g.min) continue;
    // The ended assignment tells the recruitment workflow by a signal: give it a moment to start the round.
    const handle = r.w.h.client.workflow.getHandle(recruitmentWorkflowId(g.id));
    const status = await until('round open', async () => {
      const st = await handle.query(recruitmentStatusQuery);
      return st.roundOpen ? st : undefined;
    }, 15_000).catch(() => handle.query(recruitmentStatusQuery));
    if (!status.roundOpen) {
      const detail = `group ${g.id}: ${activeIn(m, i)} active of ${g.min}, recruitment ${status.state}, no open round`;
      violated('below-minimum-has-open-round', detail);
    }
  }
}

// ---- the commands ---------------------------------------------------------------------------------------------

type Cmd = fc.AsyncCommand<Model, Real, boolean>;

abstract class Step implements Cmd {
  abstract applies(m: Readonly<Model>): boolean;
  /** Runs when it applies and the sequence has steps left (a skipped command costs nothing). */
  check(m: Readonly<Model>): boolean {
    return m.stepsLeft > 0 && this.applies(m);
  }
  abstract act(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
  async run(m: Model, r: Real): Promise<void> {
    r.w.trace.push(this.toString());
    r.w.steps++;
    m.stepsLeft--;
    debug(`step ${r.w.steps} (${m.period}): ${this.toString()}`);
    try {
      await this.act(m, r);
      await checkInvariants(m, r);
    } catch (e) {
      debug(`  failed: ${String(e)}`);
      throw e;
    }
  }
}

class NewGroup extends Step {
  applies = (m: Readonly<Model>) => m.groups.length < 3;
  toString = () => 'NewGroup';
  act = (m: Model, r: Real) => newGroup(m, r);
}

/** An organisation nominates a new person, or one it nominated to another group (the address in another letter case). */
class Nominate extends Step {
  constructor(
    readonly group: number,
    readonly existing: number | null,
    readonly letterCase: number,
    readonly mandate = false,
  ) {
    super();
  }
  toString = () =>
    `Nominate(group ${this.group}, ${this.existing === null ? 'new person' : `person ${this.existing}, case ${this.letterCase}`}${this.mandate ? ', on the organisation’s mandate' : ''})`;
  applies = (m: Readonly<Model>) => m.nominations.length < MAX_NOMINATIONS;
  async act(m: Model, r: Real) {
    const gi = this.group % m.groups.length;
    const g = m.groups[gi];
    let pi: number;
    if (this.existing === null || m.people.length === 0) pi = newPerson(m, r);
    else {
      pi = this.existing % m.people.length;
      // The same person again in the same group is the duplicate of issue 13 #1: the model predicts the 409.
    }
    const p = m.people[pi];
    const open = await openRequest(r, g);
    const res = await r.w.api.nominate(g.org.token, open ?? g.requestId, {
      fullName: p.name,
      email: otherCase(p.email, this.letterCase),
      representation: this.mandate ? 'mandate' : 'own-experience',
    });
    if (!open || g.ended) {
      // The round closed, or the group ended (its requests may still read open for a moment): refused.
      expectAnswer(res, 409, g.ended ? 'nominating to a group that has ended' : 'nominating in answer to a request that is no longer open');
      return;
    }
    if (liveIn(m, gi, pi)) {
      expectAnswer(res, 409, 'nominating a person with an open nomination or live assignment in the group');
      return;
    }
    if (requestFull(m, g, open)) {
      expectAnswer(res, 409, 'nominating more people than the request asks for');
      return;
    }
    const body = expectAnswer(res, 201, 'nominate');
    if (p.personId && body.nominee.personId !== p.personId) violated('one-person-per-email', `${p.email} nominated as person ${body.nominee.personId}, known as ${p.personId}`);
    p.personId = body.nominee.personId;
    m.nominations.push({ id: body.id, group: gi, person: pi, state: 'open', mandate: this.mandate, request: open });
  }
}

/** Four nominations of one new person at the same moment, each address in another letter case: exactly one 201. */
class NominateAtOnce extends Step {
  constructor(readonly group: number) {
    super();
  }
  toString = () => `NominateAtOnce(group ${this.group})`;
  applies = (m: Readonly<Model>) => m.nominations.length < MAX_NOMINATIONS;
  async act(m: Model, r: Real) {
    const gi = this.group % m.groups.length;
    const g = m.groups[gi];
    const requestId = await openRequest(r, g);
    if (!requestId) return; // no open request: Nominate covers the refusal
    const pi = newPerson(m, r);
    const p = m.people[pi];
    const answers = await Promise.all([0, 1, 2, 3].map((v) => r.w.api.nominate(g.org.token, requestId, { fullName: p.name, email: otherCase(p.email, v) })));
    if (g.ended) {
      // The group ended (its request may still read open for a moment): all four are refused.
      for (const a of answers) expectAnswer(a, 409, 'nominating to a group that has ended');
      return;
    }
    if (requestFull(m, g, requestId)) {
      for (const a of answers) expectAnswer(a, 409, 'nominating more people than the request asks for');
      return;
    }
    const created = answers.filter((a) => a.status === 201);
    if (created.length !== 1 || answers.some((a) => a.status !== 201 && a.status !== 409)) {
      const said = answers.map((a) => `${a.status}${a.status === 201 ? '' : ` ${String(a.body?.message ?? '').slice(0, 80)}`}`).join('; ');
      violated('one-live-assignment-per-group', `four simultaneous nominations of one person answered ${said}`);
    }
    p.personId = created[0].body.nominee.personId;
    m.nominations.push({ id: created[0].body.id, group: gi, person: pi, state: 'open', mandate: false, request: requestId });
  }
}

class Appoint extends Step {
  constructor(readonly nomination: number) {
    super();
  }
  toString = () => `Appoint(nomination ${this.nomination})`;
  // At most two on their way to active at a time, so the steps reach reports and payouts.
  applies = (m: Readonly<Model>) => m.nominations.some((n) => n.state === 'open') && m.assignments.filter((a) => ONBOARDING.includes(a.state)).length < 2;
  async act(m: Model, r: Real) {
    const open = m.nominations.filter((n) => n.state === 'open');
    const n = pick(open, this.nomination)!;
    const g = m.groups[n.group];
    const body = expectAnswer(await r.w.api.appoint(g.coordinator.token, g.id, n.id, m.terms), 201, 'appoint');
    n.state = 'appointed';
    const p = m.people[n.person];
    if (!p.token) {
      const token = await until('invitation mailed', () => invitationTokenFor(r.w.h, p.personId!));
      const session = expectAnswer(await r.w.api.acceptInvitation(token, `Modell-${randomBytes(6).toString('hex')}`), 200, 'accept invitation');
      p.token = session.token;
    }
    m.assignments.push({ id: body.assignmentId, group: n.group, person: n.person, state: 'nominated', mandate: n.mandate });
  }
}

const ONBOARDING: AssignmentState[] = ['nominated', 'accepted', 'agreement-drafted', 'signed', 'countersigned', 'declaration-submitted', 'declaration-approved'];

/** The next step of an assignment on its way to active, by whoever's turn it is; or (outOfOrder) the coordinator countersigning first. */
class Advance extends Step {
  constructor(
    readonly assignment: number,
    readonly outOfOrder: boolean,
  ) {
    super();
  }
  toString = () => `Advance(assignment ${this.assignment}${this.outOfOrder ? ', countersign out of order' : ''})`;
  applies = (m: Readonly<Model>) => m.assignments.some((a) => ONBOARDING.includes(a.state));
  async act(m: Model, r: Real) {
    // Mostly the one furthest on (so sequences reach reports and payouts), sometimes the next.
    const onTheWay = m.assignments.filter((x) => ONBOARDING.includes(x.state)).sort((x, y) => ONBOARDING.indexOf(y.state) - ONBOARDING.indexOf(x.state));
    const a = onTheWay[this.assignment % 4 === 0 ? Math.min(1, onTheWay.length - 1) : 0];
    const g = m.groups[a.group];
    const p = m.people[a.person];
    const { api } = r.w;
    const coord = g.coordinator.token;
    switch (a.state) {
      case 'nominated':
        expectAnswer(await api.accept(p.token!, a.id), 200, 'accept');
        a.state = 'accepted';
        return;
      case 'accepted': {
        expectAnswer(await api.giveDetails(p.token!, a.id, { personalNumber: p.pnr, clearingNumber: '8327-9', accountNumber: '123 456 789-7' }), 200, 'details');
        const v = await until('agreement drafted', async () => {
          const res = await api.readAssignment(p.token!, a.id);
          return res.body?.assignment?.state === 'agreement-drafted' && res.body.agreement?.documentId ? res.body : undefined;
        });
        a.documentId = v.agreement.documentId;
        a.state = 'agreement-drafted';
        return;
      }
      case 'agreement-drafted':
        if (this.outOfOrder) {
          // Issue 13 #7: the group countersigns only what the representative has signed.
          expectAnswer(await api.signAgreement(coord, a.documentId!, 'countersigner'), 409, 'countersigning the document before the representative signed');
          expectAnswer(await api.countersign(coord, a.id), 409, 'countersign step before the representative signed');
          return;
        }
        expectAnswer(await api.signAgreement(p.token!, a.documentId!, 'representative'), 201, 'sign');
        a.state = 'signed';
        return;
      case 'signed':
        expectAnswer(await api.signAgreement(coord, a.documentId!, 'countersigner'), 201, 'countersign');
        a.state = 'countersigned';
        return;
      case 'countersigned':
        expectAnswer(await api.declare(p.token!, a.id), 200, 'declare');
        a.state = 'declaration-submitted';
        return;
      case 'declaration-submitted':
        expectAnswer(await api.review(coord, a.id), 200, 'review');
        a.state = 'declaration-approved';
        return;
      case 'declaration-approved':
        expectAnswer(await api.introduce(coord, a.id), 200, 'introduction');
        a.state = 'active';
        a.wasActive = true;
        return;
      default:
        return;
    }
  }
}

/**
 * The group's activity for a date and meeting, created by its coordinator the first time someone reports it; it
 * calls every assignment of the group that can be called then (not only nominated, not ended).
 */
async function ensureActivity(m: Model, r: Real, group: number, date: string, ref: string): Promise<ActivityM> {
  const found = m.activities.find((x) => x.group === group && x.date === date && x.ref === ref);
  if (found) return found;
  const g = m.groups[group];
  const called = m.assignments.filter((x) => x.group === group && x.state !== 'nominated' && !FINAL_STATES.includes(x.state)).map((x) => x.id);
  const id = randomUUID();
  const body = expectAnswer(
    await r.w.api.createActivity(g.coordinator.token, g.id, { id, title: ref, date, durationMinutes: 180, calledAssignmentIds: called }),
    201,
    'create activity',
  );
  if (body.id !== id) violated('expected-answer', `the activity was created as ${body.id}, not with its client id ${id}`);
  const act: ActivityM = { id, group, date, ref, called };
  m.activities.push(act);
  return act;
}

const reportable = (m: Readonly<Model>) => m.assignments.filter((a) => a.state === 'active' || (a.state === 'ended' && a.wasActive));

/** Minutes (meeting plus travel) the person has reported for a day, across all their assignments (not rejected). */
const dayMinutes = (m: Readonly<Model>, person: number, date: string) =>
  m.reports.filter((x) => m.assignments[x.assignment].person === person && x.date === date).reduce((s, x) => s + x.minutes, 0);

/** A representative reports a meeting and submits it; the same meeting again is 409, over 24 hours a day 400. */
class Report extends Step {
  constructor(
    readonly assignment: number,
    readonly day: number,
    readonly meeting: number,
    readonly minutes: number,
    readonly travel: number,
  ) {
    super();
  }
  toString = () => `Report(assignment ${this.assignment}, day ${this.day}, meeting ${this.meeting}, ${MINUTES[this.minutes]} + ${TRAVEL[this.travel]} min)`;
  applies = (m: Readonly<Model>) => reportable(m).length > 0;
  async act(m: Model, r: Real) {
    const a = pick(reportable(m), this.assignment)!;
    const ai = m.assignments.indexOf(a);
    const p = m.people[a.person];
    const date = m.days[this.day % m.days.length];
    const ref = MEETINGS[this.meeting % MEETINGS.length];
    const minutes = MINUTES[this.minutes % MINUTES.length];
    const travel = TRAVEL[this.travel % TRAVEL.length];
    const act = await ensureActivity(m, r, a.group, date, ref);
    const res = await r.w.api.createReport(p.token!, { assignmentId: a.id, activityId: act.id, durationMinutes: minutes, travelMinutes: travel });
    if (!act.called.includes(a.id)) {
      // Only an assignment called to the activity reports it (issue 13 §4.5.1).
      expectAnswer(res, [403, 409], 'reporting an activity one was not called to');
      return;
    }
    const sameMeeting = m.reports.some((x) => m.assignments[x.assignment].person === a.person && x.activity === act.id);
    const overDay = dayMinutes(m, a.person, date) + minutes + travel > DAY_MINUTES;
    if (sameMeeting) {
      if (res.status === 201) violated('one-report-per-meeting', `${this} was accepted a second time (report ${res.body.id})`);
      // The day's limit is checked before the store refuses the duplicate: either refusal is right.
      expectAnswer(res, overDay ? [400, 409] : 409, 'reporting a meeting already reported');
      return;
    }
    if (overDay) {
      expectAnswer(res, 400, 'more than 24 hours in one day');
      return;
    }
    const body = expectAnswer(res, 201, 'report');
    expectAnswer(await r.w.api.submitReport(p.token!, body.id), 200, 'submit');
    m.reports.push({ id: body.id, assignment: ai, activity: act.id, date, ref, minutes: minutes + travel, state: 'submitted' });
  }
}

/** The same meeting reported twice at the same moment (a double click, two tabs): exactly one 201. */
class ReportTwice extends Step {
  constructor(
    readonly assignment: number,
    readonly day: number,
  ) {
    super();
  }
  toString = () => `ReportTwice(assignment ${this.assignment}, day ${this.day})`;
  applies = (m: Readonly<Model>) => m.assignments.some((a) => a.state === 'active');
  async act(m: Model, r: Real) {
    const a = pick(
      m.assignments.filter((x) => x.state === 'active'),
      this.assignment,
    )!;
    const ai = m.assignments.indexOf(a);
    const p = m.people[a.person];
    const date = m.days[this.day % m.days.length];
    const ref = `Extramöte ${randomBytes(2).toString('hex')}`;
    if (dayMinutes(m, a.person, date) + 2 * 90 > DAY_MINUTES) return;
    const act = await ensureActivity(m, r, a.group, date, ref);
    const input = { assignmentId: a.id, activityId: act.id, durationMinutes: 90, travelMinutes: 0 };
    const answers = await Promise.all([r.w.api.createReport(p.token!, input), r.w.api.createReport(p.token!, input)]);
    const created = answers.filter((x) => x.status === 201);
    if (created.length !== 1) violated('one-report-per-meeting', `two simultaneous reports of one meeting answered ${answers.map((x) => x.status).join(', ')}`);
    expectAnswer(answers.find((x) => x.status !== 201)!, 409, 'the second of two simultaneous reports');
    expectAnswer(await r.w.api.submitReport(p.token!, created[0].body.id), 200, 'submit');
    m.reports.push({ id: created[0].body.id, assignment: ai, activity: act.id, date, ref, minutes: 90, state: 'submitted' });
  }
}

class Attest extends Step {
  constructor(readonly report: number) {
    super();
  }
  toString = () => `Attest(report ${this.report})`;
  applies = (m: Readonly<Model>) => m.reports.some((x) => x.state === 'submitted');
  async act(m: Model, r: Real) {
    const rep = pick(
      m.reports.filter((x) => x.state === 'submitted'),
      this.report,
    )!;
    const g = m.groups[m.assignments[rep.assignment].group];
    expectAnswer(await r.w.api.attest(g.coordinator.token, rep.id), 200, 'attest');
    rep.state = 'attested';
  }
}

/** SKR's finance starts the period's run and approves it (concurrently: two approvals at once); every attested line is paid once. */
class PayoutRun extends Step {
  constructor(readonly concurrent: boolean) {
    super();
  }
  toString = () => `PayoutRun(${this.concurrent ? 'two approvals at once' : 'one approval'})`;
  applies = (m: Readonly<Model>) => !m.periodClosed && m.reports.some((x) => x.state === 'attested' && !x.paidIn);
  async act(m: Model, r: Real) {
    const { api, finance } = r.w;
    const started = expectAnswer(await api.startRun(finance.token, 'SKR', m.period), 202, 'start payout run');
    const batchId: string =
      started.batch?.batch?.id ??
      (await until('batch', async () => ((await api.runs(finance.token, 'SKR')).body ?? []).find((b: any) => b.period === m.period)?.id));
    const draft = await until('draft', async () => {
      const b = (await api.readRun(finance.token, batchId)).body;
      return b && b.batch.state !== 'computing' && ['draft', 'approved', 'empty', 'cancelled'].includes(b.batch.state) ? b : undefined;
    });
    if (draft.batch.state !== 'draft') {
      // A run of an earlier sequence paid this period already (the model does not know its lines).
      m.periodClosed = true;
      return;
    }
    const attempts = this.concurrent ? 2 : 1;
    let approved: any;
    for (let i = 0; i < 4 && !approved; i++) {
      const answers = await Promise.all(Array.from({ length: attempts }, () => api.approveRun(finance.token, batchId)));
      for (const a of answers) expectAnswer(a, [200, 409], 'approve');
      approved = answers.find((a) => a.status === 200)?.body;
    }
    if (!approved) violated('expected-answer', `batch ${batchId} was not approved in 4 attempts`);
    const view = (await api.readRun(finance.token, batchId)).body;
    if (view.batch.state !== 'approved') violated('expected-answer', `batch ${batchId} is ${view.batch.state} after approval`);
    const inBatch = new Set<string>(view.lines.filter((l: any) => l.state === 'paid').map((l: any) => l.timeReportId));
    for (const x of m.reports) {
      if (x.state !== 'attested' || x.paidIn || x.date > m.periodEnd) continue;
      if (!inBatch.has(x.id)) violated('attested-lines-paid', `report ${x.id} (${x.date}) attested before the run is not paid by it`);
      x.paidIn = batchId;
    }
    const csv = expectAnswer(await api.bankFile(finance.token, batchId), 200, 'bank file');
    m.batches.push({ id: batchId, period: m.period, supplement: 0, csvSha: createHash('sha256').update(csv).digest('hex') });
    m.periodClosed = true;
    r.w.approvedRuns++;
    r.w.paidLines += inBatch.size;
    r.w.trace.push(`  ⇒ payout run ${m.period} approved: ${inBatch.size} line(s) paid`);
  }
}

/** Attested reports of the period that no run has paid yet (attested after the period's run was approved). */
const unpaidInPeriod = (m: Readonly<Model>) => m.reports.filter((x) => x.state === 'attested' && !x.paidIn && x.date <= m.periodEnd);

/**
 * After the period's run was approved, a line attested later is paid by a supplementary run (issue 13 #3,
 * `{ period, supplementary: true }`): it takes exactly those lines, never one paid already.
 */
class SupplementaryRun extends Step {
  toString = () => 'SupplementaryRun';
  applies = (m: Readonly<Model>) => m.batches.some((b) => b.period === m.period && b.supplement === 0) && unpaidInPeriod(m).length > 0;
  async act(m: Model, r: Real) {
    const { api, finance } = r.w;
    const started = expectAnswer(await api.startRun(finance.token, 'SKR', m.period, true), 202, 'start supplementary run');
    const supplement = Math.max(...m.batches.filter((b) => b.period === m.period).map((b) => b.supplement)) + 1;
    const batchId: string =
      started.batch?.batch?.id ??
      (await until('supplementary batch', async () =>
        ((await api.runs(finance.token, 'SKR')).body ?? []).find((b: any) => b.period === m.period && b.supplement === supplement)?.id,
      ));
    const draft = await until('supplementary draft', async () => {
      const b = (await api.readRun(finance.token, batchId)).body;
      return b && b.batch.state !== 'computing' && ['draft', 'approved', 'empty', 'cancelled'].includes(b.batch.state) ? b : undefined;
    });
    if (draft.batch.state !== 'draft' || draft.batch.supplement !== supplement) {
      violated('attested-lines-paid', `supplementary run ${supplement} of ${m.period} is ${draft.batch.state} (supplement ${draft.batch.supplement}), with ${unpaidInPeriod(m).length} line(s) waiting`);
    }
    let approved = false;
    for (let i = 0; i < 4 && !approved; i++) {
      const res = await api.approveRun(finance.token, batchId);
      expectAnswer(res, [200, 409], 'approve supplementary run');
      approved = res.status === 200;
    }
    const view = (await api.readRun(finance.token, batchId)).body;
    if (view.batch.state !== 'approved') violated('expected-answer', `supplementary batch ${batchId} is ${view.batch.state} after approval`);
    const inBatch = new Set<string>(view.lines.filter((l: any) => l.state === 'paid').map((l: any) => l.timeReportId));
    const waiting = unpaidInPeriod(m);
    for (const x of waiting) {
      if (!inBatch.has(x.id)) violated('attested-lines-paid', `report ${x.id} (${x.date}) attested after the approval is not paid by the supplementary run`);
      x.paidIn = batchId;
    }
    if (inBatch.size !== waiting.length) violated('paid-once-per-meeting', `supplementary run ${batchId} paid ${inBatch.size} line(s), ${waiting.length} were waiting`);
    const csv = expectAnswer(await api.bankFile(finance.token, batchId), 200, 'bank file');
    m.batches.push({ id: batchId, period: m.period, supplement, csvSha: createHash('sha256').update(csv).digest('hex') });
    r.w.approvedRuns++;
    r.w.supplementaryRuns++;
    r.w.paidLines += inBatch.size;
    r.w.trace.push(`  ⇒ supplementary run ${supplement} of ${m.period} approved: ${inBatch.size} line(s) paid`);
  }
}

/** The representative gives new bank details (after an approval too): later runs pay them, approved ones do not change. */
class ChangeDetails extends Step {
  constructor(readonly assignment: number) {
    super();
  }
  toString = () => `ChangeDetails(assignment ${this.assignment})`;
  applies = (m: Readonly<Model>) => m.assignments.some((a) => a.state !== 'nominated' && a.state !== 'accepted' && !FINAL_STATES.includes(a.state));
  async act(m: Model, r: Real) {
    const a = pick(
      m.assignments.filter((x) => x.state !== 'nominated' && x.state !== 'accepted' && !FINAL_STATES.includes(x.state)),
      this.assignment,
    )!;
    const p = m.people[a.person];
    const account = randomHandelsbankenAccount();
    expectAnswer(await r.w.api.giveDetails(p.token!, a.id, { personalNumber: p.pnr, clearingNumber: '6000', accountNumber: account }), 200, 'change details');
  }
}

/** A random Handelsbanken account number (9 digits) that passes its bank's check digit (issue 18 checks it at entry). */
function randomHandelsbankenAccount(): string {
  for (;;) {
    const eight = String(10_000_000 + (randomBytes(4).readUInt32BE(0) % 90_000_000));
    for (let d = 0; d <= 9; d++) if (checkSwedishAccount('6000', `${eight}${d}`).ok) return `${eight.slice(0, 3)} ${eight.slice(3, 6)} ${eight.slice(6)}${d}`;
  }
}

class Withdraw extends Step {
  constructor(readonly assignment: number) {
    super();
  }
  toString = () => `Withdraw(assignment ${this.assignment})`;
  applies = (m: Readonly<Model>) => m.assignments.some((a) => a.state === 'active');
  async act(m: Model, r: Real) {
    const a = pick(
      m.assignments.filter((x) => x.state === 'active'),
      this.assignment,
    )!;
    expectAnswer(await r.w.api.withdraw(m.people[a.person].token!, a.id), 200, 'withdraw');
    a.state = 'ended';
  }
}

/** The representative declines the offer (appointed, not yet accepted): the assignment is declined, never live again. */
class Decline extends Step {
  constructor(readonly assignment: number) {
    super();
  }
  toString = () => `Decline(assignment ${this.assignment})`;
  applies = (m: Readonly<Model>) => m.assignments.some((a) => a.state === 'nominated');
  async act(m: Model, r: Real) {
    const a = pick(
      m.assignments.filter((x) => x.state === 'nominated'),
      this.assignment,
    )!;
    expectAnswer(await r.w.api.decline(m.people[a.person].token!, a.id), 200, 'decline');
    a.state = 'declined';
  }
}

/**
 * The nominating organisation withdraws its mandate: an assignment on the mandate ends, whatever step it is at; one
 * on the person's own experience is refused (409).
 */
class WithdrawMandate extends Step {
  constructor(readonly assignment: number) {
    super();
  }
  toString = () => `WithdrawMandate(assignment ${this.assignment})`;
  applies = (m: Readonly<Model>) => m.assignments.some((a) => !FINAL_STATES.includes(a.state));
  async act(m: Model, r: Real) {
    const a = pick(
      m.assignments.filter((x) => !FINAL_STATES.includes(x.state)),
      this.assignment,
    )!;
    const res = await r.w.api.withdrawMandate(m.groups[a.group].org.token, a.id);
    if (!a.mandate) {
      expectAnswer(res, 409, 'withdrawing a mandate the assignment is not based on');
      return;
    }
    expectAnswer(res, 200, 'withdraw mandate');
    a.state = 'ended';
  }
}

/** The coordinator ends a group (one other group goes on): recruitment closes, every assignment in it ends, its open nominations with it. */
class EndGroup extends Step {
  constructor(readonly group: number) {
    super();
  }
  toString = () => `EndGroup(group ${this.group})`;
  applies = (m: Readonly<Model>) => m.groups.filter((g) => !g.ended).length >= 2;
  async act(m: Model, r: Real) {
    const live = m.groups.filter((g) => !g.ended);
    const g = live[this.group % live.length];
    const gi = m.groups.indexOf(g);
    expectAnswer(await r.w.api.endGroup(g.coordinator.token, g.id), 200, 'end group');
    g.ended = true;
    for (const a of m.assignments) if (a.group === gi && !FINAL_STATES.includes(a.state)) a.state = 'ended';
    for (const n of m.nominations) if (n.group === gi && n.state === 'open') n.state = 'closed';
    expectAnswer(await r.w.api.endGroup(g.coordinator.token, g.id), 409, 'ending a group already ended');
  }
}

type ObjectKind = 'group' | 'assignment' | 'report' | 'run' | 'person';
const KINDS: ObjectKind[] = ['group', 'assignment', 'report', 'run', 'person'];

/** Someone outside an object's scope reads it: 403 or 404, never the object. */
class ReadAsOther extends Step {
  constructor(
    readonly kind: number,
    readonly object: number,
    readonly reader: number,
  ) {
    super();
  }
  toString = () => `ReadAsOther(${KINDS[this.kind % KINDS.length]} ${this.object}, reader ${this.reader})`;
  applies = () => true;
  async act(m: Model, r: Real) {
    const kind = KINDS[this.kind % KINDS.length];
    const outsiders = (exclude: { group?: number; person?: number; finance?: boolean; groupMembers?: boolean }): Array<[string, string]> => {
      const list: Array<[string, string]> = r.w.strangers.map((s) => [s.user.displayName, s.token]);
      m.groups.forEach((g, i) => {
        if (i === exclude.group) return;
        list.push([`coordinator of group ${i}`, g.coordinator.token]);
        list.push([`contact of group ${i}'s organisation`, g.org.token]);
      });
      m.people.forEach((p, i) => {
        if (!p.token || i === exclude.person) return;
        if (exclude.groupMembers && m.assignments.some((a) => a.person === i && a.group === exclude.group)) return;
        list.push([`representative ${i}`, p.token]);
      });
      if (!exclude.finance) list.push(['finance SKR', r.w.finance.token]);
      return list;
    };
    let id: string | undefined;
    let readers: Array<[string, string]> = [];
    if (kind === 'group') {
      const gi = this.object % m.groups.length;
      id = m.groups[gi].id;
      readers = outsiders({ group: gi, groupMembers: true });
    } else if (kind === 'assignment' || kind === 'report' || kind === 'person') {
      const a =
        kind === 'report'
          ? (() => {
              const rep = pick(m.reports, this.object);
              return rep && m.assignments[rep.assignment];
            })()
          : pick(m.assignments, this.object);
      if (!a) return;
      id = kind === 'report' ? pick(m.reports, this.object)!.id : kind === 'person' ? m.people[a.person].personId : a.id;
      // An assignment or report: the person, their group's coordinator and organisation, SKR's finance may read.
      // Payment details and payouts: only the person and finance of the payer that pays them (issue 13 #4).
      readers = kind === 'person' ? outsiders({ person: a.person, finance: true }) : outsiders({ group: a.group, person: a.person, finance: true });
    } else {
      const b = pick(m.batches, this.object);
      if (!b) return;
      id = b.id;
      readers = [...outsiders({ finance: true })];
    }
    if (!id || readers.length === 0) return;
    const [who, token] = readers[this.reader % readers.length];
    for (const path of ModelApi.objectPaths(kind, id)) {
      const res = await r.w.api.get(path, token);
      if (res.status !== 403 && res.status !== 404) violated('scope', `${who} read ${path}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
  }
}

// ---- the generator --------------------------------------------------------------------------------------------

const idx = fc.nat({ max: 30 });
const times = <T>(n: number, a: fc.Arbitrary<T>) => Array.from({ length: n }, () => a);

/**
 * Every command with its arbitrary, listed as often as it should be drawn: a command whose precondition does not
 * hold is skipped (for free), so the onboarding steps are drawn often enough for sequences to reach payouts.
 */
export function commandArbitraries(): Array<fc.Arbitrary<Cmd>> {
  const advance = fc.tuple(idx, fc.nat({ max: 5 })).map(([a, o]) => new Advance(a, o === 0));
  const report = fc.tuple(idx, fc.nat({ max: 1 }), fc.nat({ max: 1 }), fc.nat({ max: 3 }), fc.nat({ max: 2 })).map(([a, d, mt, mi, t]) => new Report(a, d, mt, mi, t));
  return [
    fc.constant(new NewGroup()),
    fc.tuple(idx, fc.option(idx, { freq: 3 }), fc.nat({ max: 3 }), fc.nat({ max: 2 })).map(([g, p, c, k]) => new Nominate(g, p, c, k === 0)),
    idx.map((g) => new NominateAtOnce(g)),
    ...times(2, idx.map((n) => new Appoint(n))),
    ...times(12, advance),
    ...times(5, report),
    fc.tuple(idx, fc.nat({ max: 1 })).map(([a, d]) => new ReportTwice(a, d)),
    // Drawn often: each applies only once there is something to attest or pay, and then it should soon happen.
    ...times(6, idx.map((x) => new Attest(x))),
    ...times(6, fc.boolean().map((c) => new PayoutRun(c))),
    ...times(4, fc.constant(new SupplementaryRun())),
    idx.map((a) => new ChangeDetails(a)),
    idx.map((a) => new Withdraw(a)),
    idx.map((a) => new WithdrawMandate(a)),
    idx.map((a) => new Decline(a)),
    idx.map((g) => new EndGroup(g)),
    fc.tuple(fc.nat({ max: 4 }), idx, idx).map(([k, o, w]) => new ReadAsOther(k, o, w)),
  ];
}

export interface ModelRunOptions {
  runs: number;
  seed: number;
  /** Commands generated per sequence (most are skipped where their precondition does not hold). */
  maxCommands: number;
  /** Steps actually taken per sequence at most. */
  maxSteps: number;
  /** The whole check, shrinking included, stops then and fails (a model run must not hang a suite). */
  timeLimitMs?: number;
  /** Stop at the first failure without shrinking (the sabotage proof only needs to see it fail). */
  endOnFailure?: boolean;
}

/** Runs the model; answers fast-check's report (failed or not), never throws for a failed property. */
export async function runModel(w: World, o: ModelRunOptions): Promise<fc.RunDetails<[Iterable<Cmd>]>> {
  return fc.check(
    fc.asyncProperty(fc.commands(commandArbitraries(), { maxCommands: o.maxCommands, size: 'max' }), async (cmds) => {
      const s = await setUp(w, o.maxSteps);
      debug(`sequence ${w.runs} starts`);
      await fc.asyncModelRun(() => s, cmds);
    }),
    {
      numRuns: o.runs,
      seed: o.seed,
      endOnFailure: o.endOnFailure ?? false,
      verbose: 1,
      ...(o.timeLimitMs ? { interruptAfterTimeLimit: o.timeLimitMs, markInterruptAsFailure: true } : {}),
    },
  );
}
