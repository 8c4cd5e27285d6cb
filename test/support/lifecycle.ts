import { randomUUID } from 'node:crypto';
import type { AssignmentPolicy, AssignmentStatus } from '../../workflows/assignment.messages';
import { assignmentStatusQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflowId, recruitmentWorkflowId } from '../../workflows/ids';
import type { RecruitmentPolicy, RecruitmentStatus } from '../../workflows/recruitment.messages';
import { recruitmentStatusQuery } from '../../workflows/recruitment.messages';
import { recruitmentWorkflow } from '../../workflows/recruitment.workflow';
import { endOfNextYear } from '../../src/time-reports/business-dates';
import { ApiClient, eventually, Harness, TestUser } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- test helpers: bodies are whatever the endpoint answers */

/** Deadlines long enough that nothing fires unless a test waits for it on purpose. */
export const CALM_ASSIGNMENT: Partial<AssignmentPolicy> = {
  answerWithin: '1 hour',
  answerReminderBefore: '10 minutes',
  stepWithin: '1 hour',
  reportWithin: '1 hour',
  reportReminderBefore: '10 minutes',
  attestWithin: '1 hour',
  declarationRenewEvery: '30 days',
  declarationRenewWithin: '1 hour',
};
export const CALM_RECRUITMENT: Partial<RecruitmentPolicy> = {
  nominationWithin: '1 hour',
  urgentNominationWithin: '1 hour',
  nominationReminderBefore: '10 minutes',
  urgentNominationReminderBefore: '10 minutes',
};

/** Valid test personnummer (Luhn-correct, fictitious), one per representative. */
export const PERSONNUMMER = ['19811218-9876', '19850709-9805', '19900101-1239', '19800101-1231', '19900101-9802'];

/** The n:th of an endless supply of valid, fictitious personnummer (born 1970-01-01, serial n). */
export function testPersonnummer(n: number): string {
  const nine = `700101${String(n % 1000).padStart(3, '0')}`;
  const sum = [...nine].reduce((acc, d, i) => {
    const v = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `19${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

export interface TestGroup {
  id: string;
  coordinator: TestUser;
}

export interface GroupOptions {
  kind?: 'NSG' | 'NPO';
  minRepresentatives?: number;
  workStartedOn?: string | null;
  recruitment?: Partial<RecruitmentPolicy>;
  assignment?: Partial<AssignmentPolicy>;
}

/**
 * A group stored directly (as the API would) with a coordinator, and its recruitment workflow started with
 * test policies (the API starts it with the defaults).
 */
export async function createGroup(h: Harness, o: GroupOptions = {}): Promise<TestGroup> {
  const id = randomUUID();
  const kind = o.kind ?? 'NSG';
  await h.dataSource.query(
    `INSERT INTO working_group (id, name, kind, host_region, commission, min_representatives, work_started_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      `NSG Testgrupp ${id.slice(0, 6)}`,
      kind,
      kind === 'NPO' ? 'sodra' : null,
      'Ta fram nationella rekommendationer med patienter och närstående.',
      o.minRepresentatives ?? 2,
      o.workStartedOn ?? null,
    ],
  );
  const coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [id] });
  await h.client.workflow.start(recruitmentWorkflow, {
    workflowId: recruitmentWorkflowId(id),
    taskQueue: h.config.temporal.taskQueue,
    args: [
      {
        groupId: id,
        groupKind: kind,
        payerCode: null,
        minRepresentatives: o.minRepresentatives ?? 2,
        urgent: !!o.workStartedOn,
        policy: { ...CALM_RECRUITMENT, ...o.recruitment, assignment: { ...CALM_ASSIGNMENT, ...o.assignment } },
      },
    ],
  });
  await eventually(async () => (await groupState(h, id)) === 'open');
  return { id, coordinator };
}

export const groupState = async (h: Harness, groupId: string): Promise<string> =>
  (await h.dataSource.query(`SELECT recruitment_state FROM working_group WHERE id = $1`, [groupId]))[0]?.recruitment_state;

export const assignmentRow = async (h: Harness, id: string): Promise<{ state: string; end_reason: string | null; person_id: string }> =>
  (await h.dataSource.query(`SELECT state, end_reason, person_id FROM assignment WHERE id = $1`, [id]))[0];

export const recruitmentStatus = (h: Harness, groupId: string): Promise<RecruitmentStatus> =>
  h.client.workflow.getHandle(recruitmentWorkflowId(groupId)).query(recruitmentStatusQuery);

export const assignmentStatus = (h: Harness, id: string): Promise<AssignmentStatus> =>
  h.client.workflow.getHandle(assignmentWorkflowId(id)).query(assignmentStatusQuery);

/** Audit actions of one subject, in order. */
export async function auditActions(h: Harness, subjectType: string, subjectId: string): Promise<string[]> {
  const rows: Array<{ action: string }> = await h.dataSource.query(
    `SELECT action FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY at, id`,
    [subjectType, subjectId],
  );
  return rows.map((r) => r.action);
}

/** Outbox templates sent for an assignment (by idempotency key prefix), in order. */
export async function mailsFor(h: Harness, workflowId: string): Promise<Array<{ template: string; to_address: string | null; subject: string; body: string }>> {
  return h.dataSource.query(`SELECT template, to_address, subject, body FROM outbox WHERE idempotency_key LIKE $1 ORDER BY id`, [`${workflowId}:%`]);
}

export interface Organisation {
  id: string;
  contact: TestUser;
}

export async function createOrganisation(h: Harness): Promise<Organisation> {
  const contact = await h.createUser({ roles: ['org-contact'] });
  return { id: contact.user.organisationId as string, contact };
}

const expectStatus = (res: { status: number; body: any }, status: number, what: string) => {
  if (res.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Starts a nomination round for the organisations; returns the request ID per organisation. */
export async function startRound(group: TestGroup, orgs: Organisation[], directRecruitment = false): Promise<Record<string, string>> {
  const body = expectStatus(
    await group.coordinator.api.post(`/working-groups/${group.id}/recruitment/rounds`, { organisationIds: orgs.map((o) => o.id), directRecruitment }),
    201,
    'start round',
  );
  return Object.fromEntries(body.requests.map((r: any) => [r.organisationId, r.id]));
}

let nomineeNo = 0;
/** The organisation nominates a new person; returns the nomination. */
export async function nominate(org: Organisation, requestId: string, representation = 'mandate'): Promise<any> {
  nomineeNo++;
  return expectStatus(
    await org.contact.api.post(`/nomination-requests/${requestId}/nominations`, {
      fullName: `Nominerad Person ${nomineeNo}`,
      email: `nominee-${nomineeNo}-${randomUUID().slice(0, 6)}@example.se`,
      perspective: 'patient',
      representation,
    }),
    201,
    'nominate',
  );
}

/**
 * Appointment terms: a period that began in the past (2026-01-01 stays past) and ends at the end of next year
 * (Stockholm), so it has not ended whenever the suite runs (a fixed end date is refused once it has passed).
 */
export const TERMS = { periodStart: '2026-01-01', periodEnd: endOfNextYear(new Date()), reportingFrequency: 'monthly', estimatedMeetingHours: 40, estimatedOtherHours: 20 };

/** The coordinator appoints; returns the new assignment ID. */
export async function appoint(group: TestGroup, nominationId: string, terms: Record<string, unknown> = TERMS): Promise<string> {
  const body = expectStatus(await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${nominationId}/appoint`, terms), 201, 'appoint');
  return body.assignmentId;
}

/** The link of the newest invitation mailed to the account of a person (from the outbox), or undefined. */
export async function invitationTokenFor(h: Harness, personId: string): Promise<string | undefined> {
  const rows: Array<{ body: string }> = await h.dataSource.query(
    `SELECT o.body FROM outbox o JOIN user_account u ON lower(u.email) = lower(o.to_address)
     WHERE u.person_id = $1 AND o.template = 'user-invitation' ORDER BY o.created_at DESC, o.id DESC LIMIT 1`,
    [personId],
  );
  return rows[0] ? /token=([A-Za-z0-9_.-]+)/.exec(rows[0].body)?.[1] : undefined;
}

/** A login for the appointed nominee: accepts the invitation the appointment mailed them. */
export async function representativeFor(h: Harness, nomination: any): Promise<TestUser> {
  const personId: string = nomination.nominee.personId;
  const token = await invitationTokenFor(h, personId);
  if (!token) throw new Error(`no invitation was mailed to person ${personId}`);
  const password = `Test-${randomUUID()}`;
  const session = expectStatus(await h.api().post('/auth/invitations/accept', { token, password }), 200, 'accept invitation');
  const api = h.api(session.token);
  const me = expectStatus(await api.get('/auth/me'), 200, 'me');
  return { user: me.user, password, token: session.token, api };
}

/** Signs the agreement's PDF in a role through the documents API, when a PDF was rendered. */
export async function signDocument(api: ApiClient, documentId: string | null, role: 'representative' | 'countersigner') {
  if (!documentId) return;
  const doc = expectStatus(await api.get(`/documents/${documentId}`), 200, 'read document');
  expectStatus(await api.post(`/documents/${documentId}/signatures`, { role, expectedSha256: doc.sha256 }), 201, `sign as ${role}`);
}

let pnIndex = 0;
/** From appointed to active, each step over HTTP as the person whose turn it is. */
export async function onboard(h: Harness, group: TestGroup, assignmentId: string, rep: TestUser, alreadyAccepted = false): Promise<void> {
  const a = `/assignments/${assignmentId}`;
  if (!alreadyAccepted) expectStatus(await rep.api.post(`${a}/accept`), 200, 'accept');
  const pn = pnIndex < PERSONNUMMER.length ? PERSONNUMMER[pnIndex] : testPersonnummer(pnIndex);
  pnIndex++;
  expectStatus(await rep.api.put(`${a}/personal-details`, { personalNumber: pn, clearingNumber: '8327-9', accountNumber: '123 456 789-7' }), 200, 'details');
  const view = await eventually(async () => {
    const v = expectStatus(await rep.api.get(a), 200, 'read assignment');
    return v.assignment.state === 'agreement-drafted' ? v : undefined;
  });
  await signDocument(rep.api, view.agreement.documentId, 'representative');
  expectStatus(await rep.api.post(`${a}/agreement/sign`), 200, 'sign');
  await signDocument(group.coordinator.api, view.agreement.documentId, 'countersigner');
  expectStatus(await group.coordinator.api.post(`${a}/agreement/countersign`), 200, 'countersign');
  expectStatus(await rep.api.post(`${a}/declaration`, { hasInterests: false }), 200, 'declare');
  expectStatus(await group.coordinator.api.post(`${a}/declaration/review`, { outcome: 'approved' }), 200, 'review');
  expectStatus(await group.coordinator.api.post(`${a}/introduction`), 200, 'introduction');
}

/** Nominated by the organisation, appointed, with a login: ready to accept. */
export async function appointed(h: Harness, group: TestGroup, org: Organisation, requestId: string, representation = 'mandate', terms = TERMS) {
  const nomination = await nominate(org, requestId, representation);
  const assignmentId = await appoint(group, nomination.id, terms);
  const rep = await representativeFor(h, nomination);
  await eventually(async () => (await auditActions(h, 'assignment', assignmentId)).includes('assignment.offered'));
  return { nomination, assignmentId, rep };
}
