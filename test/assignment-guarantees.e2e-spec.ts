import { randomUUID } from 'node:crypto';
import { againstActivity } from './support/activities';
import { eventually, Harness, startHarness } from './support/harness';
import { saveHistoryIfAsked } from './support/histories';
import { AssignmentStepsService } from '../src/assignments/assignment-steps.service';
import { addDays, stockholmDate } from '../src/time-reports/business-dates';
import { assignmentWorkflowId, recruitmentWorkflowId } from '../workflows/ids';
import {
  appoint,
  appointed,
  assignmentStatus,
  auditActions,
  createGroup,
  createOrganisation,
  mailsFor,
  nominate,
  onboard,
  recruitmentStatus,
  representativeFor,
  startRound,
  TERMS,
  testPersonnummer,
} from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies */

/**
 * The assignment's guarantees under calls in the wrong order (issue 13 #7, #11 a/b/c) and the group's staffing
 * (#10: below two, recruitment starts again at once), on the real Temporal dev
 * server and PostgreSQL, through HTTP.
 */
describe('assignment guarantees', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** An assignment whose agreement PDF waits for the representative's signature. */
  async function drafted(n: number) {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const a = `/assignments/${assignmentId}`;
    expect((await rep.api.post(`${a}/accept`)).status).toBe(200);
    const details = { personalNumber: testPersonnummer(500 + n), clearingNumber: '8327-9', accountNumber: '123 456 789-7' };
    expect((await rep.api.put(`${a}/personal-details`, details)).status).toBe(200);
    const view = await eventually(async () => {
      const v = (await rep.api.get(a)).body;
      return v.assignment.state === 'agreement-drafted' && v.agreement?.documentId ? v : undefined;
    });
    const documentId: string = view.agreement.documentId;
    const sha: string = (await rep.api.get(`/documents/${documentId}`)).body.sha256;
    return { group, rep, assignmentId, a, documentId, sha, agreementId: view.agreement.id as string };
  }

  describe('#7 countersigning only after the representative has signed', () => {
    it('refuses the countersignature of the PDF and the countersign step before the representative signed, with a Swedish 409', async () => {
      const { group, rep, assignmentId, a, documentId, sha } = await drafted(1);
      const coordinator = group.coordinator.api;

      const early = await coordinator.post(`/documents/${documentId}/signatures`, { role: 'countersigner', expectedSha256: sha });
      expect(early.status).toBe(409);
      expect(early.body.message).toMatch(/först när företrädaren har undertecknat/);
      const step = await coordinator.post(`${a}/agreement/countersign`);
      expect(step.status).toBe(409);
      expect(step.body.message).toMatch(/först när företrädaren har undertecknat/);

      // Nothing was stored or moved: no countersignature, the assignment still waits for the representative.
      expect(await h.dataSource.query(`SELECT role FROM document_signature WHERE document_id = $1`, [documentId])).toEqual([]);
      const still = (await rep.api.get(a)).body;
      expect(still.assignment.state).toBe('agreement-drafted');
      expect(still.agreement.state).toBe('drafted');
      expect(still.workflow.status).toMatchObject({ state: 'agreement-drafted' });
      expect(await auditActions(h, 'assignment', assignmentId)).not.toContain('assignment.agreement-countersigned');

      // In order it works: signed, then countersigned, each recorded once.
      expect((await rep.api.post(`/documents/${documentId}/signatures`, { role: 'representative', expectedSha256: sha })).status).toBe(201);
      expect((await rep.api.get(a)).body.assignment.state).toBe('signed');
      expect((await coordinator.post(`/documents/${documentId}/signatures`, { role: 'countersigner', expectedSha256: sha })).status).toBe(201);
      const after = (await rep.api.get(a)).body;
      expect(after.assignment.state).toBe('countersigned');
      expect(after.agreement.state).toBe('countersigned');
      const actions = await auditActions(h, 'assignment', assignmentId);
      expect(actions.indexOf('assignment.agreement-signed')).toBeGreaterThan(-1);
      expect(actions.indexOf('assignment.agreement-countersigned')).toBeGreaterThan(actions.indexOf('assignment.agreement-signed'));
    });

    it('lets the database refuse a countersignature without the representative\'s, and a jump from agreement-drafted to countersigned', async () => {
      const { assignmentId, documentId, sha, agreementId } = await drafted(2);
      const insert = (role: string) =>
        h.dataSource.query(
          `INSERT INTO document_signature (id, document_id, document_sha256, role, method, signer_user_id, signer_name, signed_at)
           VALUES ($1, $2, $3, $4, 'authenticated-user', $5, 'Direkt i databasen', now())`,
          [randomUUID(), documentId, sha, role, randomUUID()],
        );
      await expect(insert('countersigner')).rejects.toThrow(/countersignature before the representative's signature/);
      await expect(h.dataSource.query(`UPDATE assignment SET state = 'countersigned' WHERE id = $1`, [assignmentId])).rejects.toThrow(
        /agreement-drafted to countersigned/,
      );
      await expect(h.dataSource.query(`UPDATE agreement_draft SET state = 'countersigned' WHERE id = $1`, [agreementId])).rejects.toThrow(
        /countersigned before it was signed/,
      );
      // The representative's signature first, then the countersignature: accepted.
      await insert('representative');
      await insert('countersigner');
      expect((await h.dataSource.query(`SELECT role FROM document_signature WHERE document_id = $1 ORDER BY role`, [documentId])).map((r: any) => r.role)).toEqual([
        'countersigner',
        'representative',
      ]);
    });
  });

  describe('#10 below the minimum, an urgent round starts at once', () => {
    it('asks the last round\'s organisations again while their round is still open, mails them and the coordinator, gives the coordinator a task and records when the group fell below', async () => {
      // The round that staffs the group is still open (its deadline is an hour away) when one representative leaves.
      const group = await createGroup(h);
      const org = await createOrganisation(h);
      const requests = await startRound(group, [org]);
      const first = await appointed(h, group, org, requests[org.id]);
      const secondNomination = await nominate(org, requests[org.id], 'both');
      const secondId = await appoint(group, secondNomination.id);
      const second = await representativeFor(h, secondNomination);
      await onboard(h, group, first.assignmentId, first.rep);
      await onboard(h, group, secondId, second);
      await eventually(async () => (await recruitmentStatus(h, group.id)).state === 'staffed');
      expect(await recruitmentStatus(h, group.id)).toMatchObject({ round: 1, roundOpen: true, activeRepresentatives: 2, belowMinimumSince: null });
      const g = `/working-groups/${group.id}`;
      expect((await group.coordinator.api.get(g)).body.group.belowMinimumSince).toBeNull();

      const before = Date.now();
      expect((await first.rep.api.post(`/assignments/${first.assignmentId}/withdraw`)).status).toBe(200);
      const after = await eventually(async () => {
        const st = await recruitmentStatus(h, group.id);
        return st.round === 2 ? st : undefined;
      });
      expect(after).toMatchObject({ state: 'recruiting', activeRepresentatives: 1, roundOpen: true, urgent: true });
      expect(after.requests.map((r) => [r.organisationId, r.state])).toEqual([[org.id, 'sent']]);
      // The read model follows the workflow's step (a record after the signal, not an answer to a caller).
      const round2: any[] = await eventually(async () => {
        const rows: any[] = await h.dataSource.query(`SELECT id, state, urgent FROM nomination_request WHERE group_id = $1 AND round = 2`, [group.id]);
        return rows.length ? rows : undefined;
      });
      expect(round2.map(({ state, urgent }) => ({ state, urgent }))).toEqual([{ state: 'sent', urgent: true }]);

      // The group shows since when it is below two.
      const view = (await group.coordinator.api.get(g)).body;
      expect(view.group.belowMinimumSince).not.toBeNull();
      expect(new Date(view.group.belowMinimumSince).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(view.recruitment.status.belowMinimumSince).toBe(new Date(view.group.belowMinimumSince).toISOString());

      // The organisation is asked (urgent request, a mail) and the coordinator is told and has an urgent task.
      const mails = await eventually(async () => {
        const rows = await mailsFor(h, recruitmentWorkflowId(group.id));
        return rows.some((m) => m.template === 'recruitment-restarted') && rows.filter((m) => m.template === 'nomination-request').length === 2 ? rows : undefined;
      });
      const asked = mails.filter((m) => m.template === 'nomination-request').at(-1)!;
      expect(asked.to_address).toBe(org.contact.user.email);
      expect(asked.subject).toMatch(/^Brådskande: /);
      expect(mails.find((m) => m.template === 'recruitment-restarted')!.to_address).toBe(group.coordinator.user.email);
      const tasks = (await group.coordinator.api.get('/me/tasks')).body;
      expect(tasks[0]).toMatchObject({ kind: 'working-group.below-minimum', subject: { type: 'group', id: group.id }, urgent: true });
      expect(tasks[0].deadline).not.toBeNull();
      const orgTasks = (await org.contact.api.get('/me/tasks')).body;
      expect(orgTasks.some((t: any) => t.kind === 'nomination-request.answer' && t.subject.id === round2[0].id && t.urgent)).toBe(true);

      // The coordinator adds an organisation to the urgent round through the existing API; it is asked too.
      const other = await createOrganisation(h);
      const added = await group.coordinator.api.post(`${g}/recruitment/rounds`, { organisationIds: [other.id] });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ round: 2, urgent: true });
      const otherRequest = added.body.requests.find((r: any) => r.organisationId === other.id);
      expect(otherRequest).toBeDefined();
      await eventually(async () =>
        (await mailsFor(h, recruitmentWorkflowId(group.id))).some((m) => m.template === 'nomination-request' && m.to_address === other.contact.user.email),
      );
      // Asking the same organisation twice in the round is refused in Swedish.
      const again = await group.coordinator.api.post(`${g}/recruitment/rounds`, { organisationIds: [org.id] });
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/brådskande nomineringsomgången pågår redan/);

      // Staffed again: the group is no longer below its minimum and the task is gone.
      const third = await appointed(h, group, other, otherRequest.id);
      await onboard(h, group, third.assignmentId, third.rep);
      await eventually(async () => (await recruitmentStatus(h, group.id)).state === 'staffed');
      await eventually(async () => (await group.coordinator.api.get(g)).body.group.belowMinimumSince === null);
      expect((await group.coordinator.api.get('/me/tasks')).body.some((t: any) => t.kind === 'working-group.below-minimum')).toBe(false);
      await saveHistoryIfAsked(h, recruitmentWorkflowId(group.id), 'recruitment-restarted-below-minimum', { complete: false });
    });
  });

  describe('#11a a submitted time report reaches the workflow', () => {
    it('records a report submitted before the deadline as submitted: no "report missed" audit line or mail, and it ends attested', async () => {
      // One short period (8 s from activation, the tenure too), its report due 6 s after it ends.
      const group = await createGroup(h, {
        assignment: { reportingPeriodLength: '8s', tenure: '8s', reportWithin: '6s', reportReminderBefore: '1s', attestWithin: '1 hour' },
      });
      const org = await createOrganisation(h);
      const requests = await startRound(group, [org]);
      const { assignmentId, rep } = await appointed(h, group, org, requests[org.id], 'mandate', { ...TERMS, reportingFrequency: 'monthly' });
      await onboard(h, group, assignmentId, rep);
      const lifecycle = h.app.get(AssignmentStepsService);
      const first = await eventually(async () => (await lifecycle.reportingPeriods(assignmentId))[0]);

      // The representative reports a meeting of the period and submits it, over HTTP, before the deadline.
      const created = await rep.api.post(
        '/time-reports',
        await againstActivity(h, { assignmentId, activityDate: addDays(stockholmDate(new Date()), -2), kind: 'meeting', durationMinutes: 120, participation: 'video' }),
      );
      expect(created.status).toBe(201);
      const submitted = await rep.api.post(`/time-reports/${created.body.id}/submit`);
      expect(submitted.status).toBe(200);
      expect(submitted.body.state).toBe('submitted');
      // The workflow was told before the answer: its status and the read model show the period submitted.
      const period = (await assignmentStatus(h, assignmentId)).reporting.periods.find((p) => p.key === first.periodKey);
      expect(period?.state).toBe('submitted');
      expect((await lifecycle.reportingPeriods(assignmentId))[0].state).toBe('submitted');
      // Submitting again (a retry) is the same step, not a second one.
      expect((await rep.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);

      // The deadline passes: the coordinator is asked to attest (at the moment a missing report would be missed).
      const actions = await eventually(async () => {
        const all = await auditActions(h, 'assignment', assignmentId);
        return all.includes('assignment.attestation-reminder-sent') || all.includes('assignment.report-missed') ? all : undefined;
      }, 40_000);
      expect(actions).not.toContain('assignment.report-missed');
      expect(actions.filter((x) => x === 'assignment.report-submitted')).toHaveLength(1);
      const status = await assignmentStatus(h, assignmentId);
      expect(status.reporting.missed).toEqual([]);
      expect(status.reporting.periods.find((p) => p.key === first.periodKey)?.state).toBe('submitted');
      expect((await lifecycle.reportingPeriods(assignmentId))[0].state).toBe('submitted');
      const mails = await eventually(async () => {
        const templates = (await mailsFor(h, assignmentWorkflowId(assignmentId))).map((m) => m.template);
        return templates.includes('attestation-reminder') ? templates : undefined;
      });
      expect(mails).not.toContain('report-missed');

      // The coordinator attests it; the period is closed and the ended assignment's workflow completes.
      const attested = await group.coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' });
      expect([attested.status, attested.body]).toEqual([200, expect.anything()]);
      const result = await h.client.workflow.getHandle(assignmentWorkflowId(assignmentId)).result();
      expect(result).toMatchObject({ state: 'ended', missedPeriods: [] });
      expect((await lifecycle.reportingPeriods(assignmentId))[0].state).toBe('attested');
      await saveHistoryIfAsked(h, assignmentWorkflowId(assignmentId), 'assignment-report-submitted');

      // After the workflow has completed, a late submission is kept in the audit log and does not undo the attestation.
      const late = await lifecycle.recordSubmittedReport({
        assignmentId,
        activityDate: addDays(stockholmDate(new Date()), -3),
        timeReportId: randomUUID(),
        submittedAt: new Date(),
        actorId: rep.user.id,
      });
      expect(late).toEqual({ recorded: true, status: null });
      expect((await auditActions(h, 'assignment', assignmentId)).filter((x) => x === 'assignment.report-submitted')).toHaveLength(2);
      expect((await lifecycle.reportingPeriods(assignmentId))[0].state).toBe('attested');
    });

    it('corrects a period recorded as missed when the submission made before its deadline reaches the workflow late', async () => {
      // P1 ends 6 s after activation and is due 3 s later; P2 keeps the workflow running until 15 s.
      const group = await createGroup(h, {
        assignment: { reportingPeriodLength: '6s', tenure: '12s', reportWithin: '3s', reportReminderBefore: '1s', attestWithin: '1 hour' },
      });
      const org = await createOrganisation(h);
      const requests = await startRound(group, [org]);
      const { assignmentId, rep } = await appointed(h, group, org, requests[org.id], 'mandate', { ...TERMS, reportingFrequency: 'monthly' });
      await onboard(h, group, assignmentId, rep);
      const lifecycle = h.app.get(AssignmentStepsService);
      const first = await eventually(async () => (await lifecycle.reportingPeriods(assignmentId))[0]);
      const submittedAt = new Date(); // before P1's deadline; the workflow hears of it only after the deadline
      await eventually(async () => (await assignmentStatus(h, assignmentId)).reporting.missed.includes(first.periodKey), 30_000);

      const heard = await lifecycle.recordSubmittedReport({
        assignmentId,
        activityDate: TERMS.periodStart,
        timeReportId: randomUUID(),
        submittedAt,
        actorId: rep.user.id,
      });
      expect(heard.status?.reporting.periods.find((p) => p.key === first.periodKey)?.state).toBe('submitted');
      expect(heard.status?.reporting.missed).not.toContain(first.periodKey);
      expect((await lifecycle.reportingPeriods(assignmentId))[0].state).toBe('submitted');
      // Another submission of the period later is no new step: the period stays submitted until it is attested.
      const tooLate = await lifecycle.recordSubmittedReport({
        assignmentId,
        activityDate: TERMS.periodStart,
        timeReportId: randomUUID(),
        submittedAt: new Date(),
        actorId: rep.user.id,
      });
      expect(tooLate.status?.reporting.periods.find((p) => p.key === first.periodKey)?.state).toBe('submitted');
    });
  });

  describe('#11b reporting periods start at the agreement\'s first day', () => {
    it('puts a meeting between the agreement\'s start and the activation in the first period, and its attestation reaches the workflow', async () => {
      const group = await createGroup(h);
      const org = await createOrganisation(h);
      const requests = await startRound(group, [org]);
      const { assignmentId, rep } = await appointed(h, group, org, requests[org.id], 'mandate', { ...TERMS, reportingFrequency: 'monthly' });
      await onboard(h, group, assignmentId, rep);
      const lifecycle = h.app.get(AssignmentStepsService);
      const first = await eventually(async () => (await lifecycle.reportingPeriods(assignmentId))[0]);
      expect(first.startsOn).toBe(TERMS.periodStart);
      expect(new Date(first.startsAt).getTime()).toBeLessThan(Date.now() - 24 * 3600_000);

      // The agreement's first day is before the activation: it has a period, the first one.
      const period = await lifecycle.periodFor(assignmentId, TERMS.periodStart);
      expect(period?.periodKey).toBe(first.periodKey);
      const attested = await lifecycle.recordAttestedReport({ assignmentId, period: first.periodKey, actorId: group.coordinator.user.id });
      expect(attested.status?.reporting.periods.find((p) => p.key === first.periodKey)?.state).toBe('attested');
      expect((await assignmentStatus(h, assignmentId)).reporting.attested).toBe(1);
    });
  });
});
