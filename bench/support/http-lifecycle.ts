import { randomBytes, randomUUID } from 'node:crypto';
import { DEMO_PAYER_SETTINGS } from '../../src/demo/demo-data';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as a client sees them */

/**
 * An assignment lifecycle driven through HTTP only, as a real client would: the production-topology test and
 * `npm run drill` use it. Every request is retried on what a client sees when an engine is down (no connection,
 * 502/503/504, a 500) with backoff and `Retry-After`; every step reads the assignment's state first and only then
 * acts, so a step whose answer was lost is not taken twice (a 409 after a retry means: read again).
 */

export interface ClientStats {
  requests: number;
  retries: number;
  networkErrors: number;
  byStatus: Record<string, number>;
  /** Answers 4xx other than 401/404/409 that the client did not expect (bad input from this client = a defect). */
  unexpected: string[];
}

export const newStats = (): ClientStats => ({ requests: 0, retries: 0, networkErrors: 0, byStatus: {}, unexpected: [] });

export interface HttpResult {
  status: number;
  body: any;
}

export class RetryingClient {
  constructor(
    readonly baseUrl: () => string,
    readonly stats: ClientStats,
    readonly opts: { deadlineMs?: number } = {},
  ) {}

  /** One request, retried until it gets an answer that is not a server-side failure (or the deadline passes). */
  async call(method: string, path: string, token?: string, body?: unknown): Promise<HttpResult> {
    const until = Date.now() + (this.opts.deadlineMs ?? 240_000);
    let delay = 250;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.stats.retries++;
      this.stats.requests++;
      let retryAfterMs: number | undefined;
      try {
        const res = await fetch(`${this.baseUrl()}${path}`, {
          method,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        this.stats.byStatus[res.status] = (this.stats.byStatus[res.status] ?? 0) + 1;
        if (res.status < 500) {
          let parsed: any = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON
          }
          return { status: res.status, body: parsed };
        }
        const ra = Number(res.headers.get('retry-after'));
        if (Number.isFinite(ra) && ra > 0) retryAfterMs = Math.min(ra * 1000, 10_000);
      } catch {
        this.stats.networkErrors++;
      }
      if (Date.now() > until) throw new Error(`${method} ${path}: no answer but failures until the deadline`);
      await sleep(retryAfterMs ?? delay + Math.random() * delay);
      delay = Math.min(delay * 2, 5_000);
    }
  }

  async expect(status: number | number[], method: string, path: string, token?: string, body?: unknown): Promise<any> {
    const res = await this.call(method, path, token, body);
    const wanted = Array.isArray(status) ? status : [status];
    if (!wanted.includes(res.status)) {
      throw new Error(`${method} ${path}: expected HTTP ${wanted.join('/')}, got ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
    }
    return res.body;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls fn until it returns a truthy value. */
export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 120_000, everyMs = 300): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${what}: not reached in ${timeoutMs} ms${last ? ` (${String(last)})` : ''}`);
    await sleep(everyMs);
  }
}

/** A valid personnummer (Luhn check digit over the 10-digit form's first 9 digits). */
export function personnummer(birth: string, serial: string): string {
  const nine = `${birth.slice(2)}${serial}`;
  const sum = [...nine].reduce((acc, d, i) => {
    const v = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `${birth}-${serial}${(10 - (sum % 10)) % 10}`;
}

/** YYYY-MM-DD in Europe/Stockholm, `days` from now. */
export function stockholmDay(days = 0): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** `date` (YYYY-MM-DD) plus `days` days. */
function addDaysTo(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last day of last month in Stockholm: the activities of a lifecycle are paid by last month's (closed) run. */
export function lastMonthEnd(): string {
  return addDaysTo(`${stockholmDay().slice(0, 7)}-01`, -1);
}

/** Last month (YYYY-MM): the latest period a payout run can cover. */
export function lastMonth(): string {
  return lastMonthEnd().slice(0, 7);
}

export interface Actors {
  admin: string;
  coordinator: { token: string; id: string };
  orgContact: { token: string; organisationId: string };
  finance: { token: string; id: string };
}

/** Logs in as the bootstrap administrator and makes an organisation, its contact, a coordinator and SKR's finance through the API. */
export async function setUpActors(c: RetryingClient, admin: { email: string; password: string }): Promise<Actors> {
  const adminToken = (await c.expect(200, 'POST', '/auth/login', undefined, admin)).token as string;
  const tag = randomBytes(3).toString('hex');
  const organisationId = randomUUID();
  await c.expect([200, 201], 'POST', '/organisations', adminToken, {
    id: organisationId,
    name: `Drillförbundet ${tag}`,
    perspective: 'patient',
    contactEmail: `kontakt.${tag}@drill.medverkan.se`,
  });
  const user = async (email: string, displayName: string, access: Record<string, unknown>) => {
    const invited = await c.expect(201, 'POST', '/users', adminToken, { email, displayName, ...access });
    const acceptUrl = invited.invitation?.acceptUrl as string | undefined;
    if (!acceptUrl) throw new Error('the invitation carries no acceptUrl: run with MAIL_TRANSPORT=outbox');
    const password = `Drill-${randomBytes(6).toString('hex')}`;
    const session = await c.expect(200, 'POST', '/auth/invitations/accept', undefined, { token: new URL(acceptUrl).hash.replace(/^#token=/, ''), password });
    return { token: session.token as string, id: (invited.user?.id ?? invited.id) as string };
  };
  const coordinator = await user(`samordnare.${tag}@drill.medverkan.se`, 'Dora Drill', { roles: ['coordinator'] });
  const orgContact = await user(`kontakt.${tag}@drill.medverkan.se`, 'Karl Kontakt', { roles: ['org-contact'], organisationId });
  const finance = await user(`ekonomi.${tag}@drill.medverkan.se`, 'Eva Ekonomi', { roles: ['finance'], payerCode: 'SKR' });
  // A run is approved only for a payer with its own valid account (issue 18): SKR's, as the demo data gives it.
  const skr = DEMO_PAYER_SETTINGS.find((p) => p.code === 'SKR')!;
  await c.expect(200, 'PATCH', '/paying-bodies/SKR/settings', adminToken, { bankAccount: skr.bankAccount });
  return { admin: adminToken, coordinator, orgContact: { token: orgContact.token, organisationId }, finance };
}

export interface LifecycleResult {
  index: number;
  groupId?: string;
  assignmentId?: string;
  personId?: string;
  timeReportId?: string;
  /** Reached 'active' and the time report is attested. */
  completed: boolean;
  /** The last step reached. */
  step: string;
  error?: string;
  ms: number;
}

const VIDEO = { durationMinutes: 90, travelMinutes: 0 };

/**
 * One lifecycle: a new NSG, a recruitment round to the organisation, one nomination, the appointment, the
 * nominee's login by invitation, then accept → details → sign → countersign → declaration → review →
 * introduction (active), one time report submitted and attested.
 */
export async function runLifecycle(
  c: RetryingClient,
  a: Actors,
  index: number,
  opts: { timeoutMs?: number; invitationToken?: (email: string) => Promise<string> } = {},
): Promise<LifecycleResult> {
  const t0 = Date.now();
  const r: LifecycleResult = { index, completed: false, step: 'start', ms: 0 };
  const timeoutMs = opts.timeoutMs ?? 600_000;
  const coord = a.coordinator.token;
  try {
    const tag = `${index}-${randomBytes(3).toString('hex')}`;
    const groupId = randomUUID();
    r.groupId = groupId;
    r.step = 'group';
    await c.expect([200, 201], 'POST', '/working-groups', coord, {
      id: groupId,
      name: `NSG Drill ${tag}`,
      kind: 'NSG',
      commission: 'Övning: en arbetsgrupp som tål att motorerna startas om.',
      standing: true,
      minRepresentatives: 2,
    });
    r.step = 'round';
    await until('recruitment open', async () => (await c.expect(200, 'GET', `/working-groups/${groupId}`, coord)).recruitment?.status?.state, timeoutMs);
    // 409 "a round is already running": a retry whose first attempt had started it (the answer was lost).
    await c.expect([201, 409], 'POST', `/working-groups/${groupId}/recruitment/rounds`, coord, { organisationIds: [a.orgContact.organisationId] });
    const request = await until(
      'nomination request',
      async () => ((await c.expect(200, 'GET', '/nomination-requests', a.orgContact.token)) as any[]).find((x) => x.groupId === groupId),
      timeoutMs,
    );
    r.step = 'nomination';
    const email = `rep.${tag}@drill.medverkan.se`;
    // A client id, as a retrying client sends: its retry is the same nomination, sent to the workflow again.
    const nominated = await c.call('POST', `/nomination-requests/${request.id}/nominations`, a.orgContact.token, {
      id: randomUUID(),
      fullName: `Drill Person ${tag}`,
      email,
      perspective: 'patient',
      representation: 'own-experience',
    });
    if (nominated.status !== 201 && nominated.status !== 409) throw new Error(`nominate: HTTP ${nominated.status} ${JSON.stringify(nominated.body).slice(0, 300)}`);
    const nomination = await until(
      'nomination listed',
      async () => ((await c.expect(200, 'GET', `/working-groups/${groupId}/nominations`, coord)) as any[]).find((n) => n.nominee?.email === email),
      timeoutMs,
    );
    r.personId = nomination.nominee.personId;
    r.step = 'appoint';
    const terms = { periodStart: addDaysTo(lastMonthEnd(), -30), periodEnd: stockholmDay(700), reportingFrequency: 'monthly', estimatedMeetingHours: 40, estimatedOtherHours: 20 };
    const appointed = await c.call('POST', `/working-groups/${groupId}/nominations/${nomination.id}/appoint`, coord, terms);
    if (appointed.status === 201) r.assignmentId = appointed.body.assignmentId;
    else if (appointed.status !== 409) throw new Error(`appoint: HTTP ${appointed.status} ${JSON.stringify(appointed.body).slice(0, 300)}`);
    else {
      // 409: a retry whose first attempt appointed (its answer lost) — or a refusal. Only the former waits for the mail.
      const listed = ((await c.expect(200, 'GET', `/working-groups/${groupId}/nominations`, coord)) as any[]).find((n) => n.id === nomination.id);
      if (listed?.state !== 'appointed') throw new Error(`appoint: HTTP 409 ${JSON.stringify(appointed.body).slice(0, 300)} (nomination ${listed?.state ?? 'gone'})`);
    }
    r.step = 'invitation';
    const token = opts.invitationToken ? await opts.invitationToken(email) : await until(
      'invitation mail',
      async () => {
        for (let page = 1; page <= 20; page++) {
          const p = await c.expect(200, 'GET', `/outbox?pageSize=100&page=${page}`, a.admin);
          const m = (p.items as any[]).find((x) => x.template === 'user-invitation' && x.toAddress === email);
          if (m) return /token=([A-Za-z0-9_-]+)/.exec(String(m.body))?.[1];
          if ((p.items as any[]).length < 100) return undefined;
        }
        return undefined;
      },
      timeoutMs,
      1_000,
    );
    const session = await c.call('POST', '/auth/invitations/accept', undefined, { token, password: `Drill-${tag}-lösenord` });
    const repToken =
      session.status === 200 ? (session.body.token as string) : ((await c.expect(200, 'POST', '/auth/login', undefined, { email, password: `Drill-${tag}-lösenord` })).token as string);
    if (!r.assignmentId) {
      const tasks = await until('offer task', async () => ((await c.expect(200, 'GET', '/me/tasks', repToken)) as any[]).find((t) => t.subject?.type === 'assignment'), timeoutMs);
      r.assignmentId = tasks.subject.id;
    }
    const a_ = `/assignments/${r.assignmentId}`;
    const pnr = personnummer(`19${String(50 + (index % 40)).padStart(2, '0')}0${1 + (index % 9)}1${index % 10}`, String(100 + (index % 900)).padStart(3, '0'));

    // The assignment's steps, each taken when the state says it is that step's turn.
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (Date.now() > end) throw new Error(`assignment stuck in ${r.step}`);
      const v = await c.expect(200, 'GET', a_, repToken);
      const state: string = v.workflow?.status?.state ?? v.assignment.state;
      r.step = state;
      let res: HttpResult | undefined;
      if (state === 'nominated') res = await c.call('POST', `${a_}/accept`, repToken);
      else if (state === 'accepted') res = await c.call('PUT', `${a_}/personal-details`, repToken, { personalNumber: pnr, clearingNumber: '8327-9', accountNumber: '123 456 789-7' });
      else if (state === 'agreement-drafted' && v.agreement?.documentId) {
        const doc = await c.expect(200, 'GET', `/documents/${v.agreement.documentId}`, repToken);
        res = await c.call('POST', `/documents/${v.agreement.documentId}/signatures`, repToken, { role: 'representative', expectedSha256: doc.sha256 });
      } else if (state === 'signed' && v.agreement?.documentId) {
        const doc = await c.expect(200, 'GET', `/documents/${v.agreement.documentId}`, coord);
        if ((doc.pendingRoles ?? ['countersigner']).includes('countersigner')) {
          res = await c.call('POST', `/documents/${v.agreement.documentId}/signatures`, coord, { role: 'countersigner', expectedSha256: doc.sha256 });
        } else {
          // Countersigned, but the workflow has not taken it (its answer was lost): the step again, with the signature's Update ID.
          res = await c.call('POST', `${a_}/agreement/countersign`, coord);
        }
      } else if (state === 'countersigned') res = await c.call('POST', `${a_}/declaration`, repToken, { hasInterests: false });
      else if (state === 'declaration-submitted') res = await c.call('POST', `${a_}/declaration/review`, coord, { outcome: 'approved' });
      else if (state === 'declaration-approved') res = await c.call('POST', `${a_}/introduction`, coord);
      else if (state === 'active') break;
      else if (state === 'declined' || state === 'ended' || state === 'declaration-needs-changes') throw new Error(`assignment went to ${state}`);
      if (res && res.status >= 400 && ![404, 409].includes(res.status)) c.stats.unexpected.push(`${state}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      await sleep(res && res.status < 300 ? 50 : 400);
    }

    r.step = 'time-report';
    // Last month's last day: a payout run covers a closed period (issue 13 #3), so last month's run pays it (`lastMonth()`).
    const activityDate = lastMonthEnd();
    // The coordinator calls the group to the meeting (a client id: a retried call is the same activity); the
    // representative reports against it (issue 13 §4.5.1).
    const activity = await c.expect(201, 'POST', `/working-groups/${r.groupId}/activities`, coord, {
      id: randomUUID(),
      title: `Drillmöte ${tag}`,
      kind: 'meeting',
      date: activityDate,
      durationMinutes: VIDEO.durationMinutes,
      mode: 'video',
    });
    // A client id, as for the activity: a retry of a create whose answer was lost (the API killed) is the same
    // report, not a second one refused with 409 (the five stuck lifecycles of the production drill of 2026-12-08).
    const created = await c.expect([200, 201], 'POST', '/time-reports', repToken, {
      id: randomUUID(),
      assignmentId: r.assignmentId,
      activityId: activity.id,
      participation: 'video',
      ...VIDEO,
    });
    r.timeReportId = created.id;
    await c.expect([200, 409], 'POST', `/time-reports/${created.id}/submit`, repToken);
    r.step = 'attest';
    const attested = await c.call('POST', `/time-reports/${created.id}/attestation`, coord, { decision: 'confirm' });
    if (attested.status !== 200 && attested.status !== 409) throw new Error(`attest: HTTP ${attested.status} ${JSON.stringify(attested.body).slice(0, 300)}`);
    await until('attested', async () => (await c.expect(200, 'GET', `/time-reports/${created.id}`, repToken)).state === 'attested', timeoutMs);
    r.step = 'done';
    r.completed = true;
  } catch (e) {
    r.error = e instanceof Error ? e.message : String(e);
  }
  r.ms = Date.now() - t0;
  return r;
}

/** SKR's finance starts the payout run of `period`, waits for its draft and approves it; returns the approved batch. */
export async function runPayout(c: RetryingClient, a: Actors, period: string, timeoutMs = 300_000): Promise<any> {
  const started = await c.call('POST', '/payers/SKR/payout-runs', a.finance.token, { period });
  if (started.status !== 202 && started.status !== 409) throw new Error(`payout run: HTTP ${started.status} ${JSON.stringify(started.body).slice(0, 300)}`);
  const draft = await until(
    'payout draft',
    async () => {
      const list = (await c.expect(200, 'GET', '/payers/SKR/payout-runs', a.finance.token)) as any[];
      const b = list.find((x) => x.period === period);
      if (!b) return undefined;
      const full = await c.expect(200, 'GET', `/payout-runs/${b.id}`, a.finance.token);
      return ['draft', 'approved'].includes(full.batch.state) ? full : undefined;
    },
    timeoutMs,
    1_000,
  );
  if (draft.batch.state === 'approved') return draft;
  const approved = await c.call('POST', `/payout-runs/${draft.batch.id}/approve`, a.finance.token);
  if (approved.status === 200) return approved.body;
  return until(
    'payout approved',
    async () => {
      const full = await c.expect(200, 'GET', `/payout-runs/${draft.batch.id}`, a.finance.token);
      if (full.batch.state === 'approved') return full;
      if (full.batch.state === 'draft') await c.call('POST', `/payout-runs/${draft.batch.id}/approve`, a.finance.token);
      return undefined;
    },
    timeoutMs,
    1_000,
  );
}
