import { assignmentWorkflowId, recruitmentWorkflowId } from '../workflows/ids';
import { reportAttestedUpdate } from '../workflows/assignment.messages';
import { AssignmentStepsService } from '../src/assignments/assignment-steps.service';
import { eventually, Harness, startHarness } from './support/harness';
import { historyText, saveHistoryIfAsked } from './support/histories';
import {
  appoint,
  appointed,
  assignmentRow,
  assignmentStatus,
  auditActions,
  createGroup,
  createOrganisation,
  groupState,
  mailsFor,
  nominate,
  onboard,
  PERSONNUMMER,
  recruitmentStatus,
  representativeFor,
  startRound,
  TERMS,
  testPersonnummer,
  invitationTokenFor,
} from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies */

/**
 * The durable lifecycle on the real Temporal dev server and PostgreSQL, driven over HTTP as each actor, with
 * policies of seconds: recruitment rounds, appointments, the assignment's onboarding, its reporting cycle,
 * renewals, and every way it ends.
 */
describe('lifecycle: recruitment and assignments', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;

  it('takes a nominee from a nomination request to an active representative, each step once, with no personal data in history', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const requestId = requests[org.id];

    // The organisation got its request, in Swedish, at its contact address.
    const orgMails = await eventually(async () => {
      const rows = await mailsFor(h, recruitmentWorkflowId(group.id));
      return rows.some((m) => m.template === 'nomination-request') ? rows : undefined;
    });
    const request = orgMails.find((m) => m.template === 'nomination-request')!;
    expect(request.to_address).toBe(org.contact.user.email);
    expect(request.subject).toMatch(/^Förfrågan om nominering till NSG Testgrupp/);
    expect((await h.dataSource.query(`SELECT state FROM nomination_request WHERE id = $1`, [requestId]))[0].state).toBe('sent');
    expect(await groupState(h, group.id)).toBe('recruiting');

    const { nomination, assignmentId, rep } = await appointed(h, group, org, requestId);
    expect((await h.dataSource.query(`SELECT state FROM nomination_request WHERE id = $1`, [requestId]))[0].state).toBe('nominated');
    expect((await h.dataSource.query(`SELECT state, assignment_id FROM nomination WHERE id = $1`, [nomination.id]))[0]).toEqual({
      state: 'appointed',
      assignment_id: assignmentId,
    });

    await onboard(h, group, assignmentId, rep);

    expect(await assignmentRow(h, assignmentId)).toMatchObject({ state: 'active', end_reason: null });
    // Active: the first reporting period (the calendar month, as agreed) is open.
    const status = await eventually(async () => {
      const st = await assignmentStatus(h, assignmentId);
      return st.reporting.periods.length > 0 ? st : undefined;
    });
    expect(status).toMatchObject({ state: 'active', waitingFor: null, declaration: { state: 'approved' } });
    expect(status.reporting.periods[0]).toMatchObject({ state: 'open', key: expect.stringMatching(/^\d{4}-\d{2}$/) });

    // Every transition once, in order, with the person who took it.
    const actions = await auditActions(h, 'assignment', assignmentId);
    expect(actions).toEqual([
      'assignment.offered',
      'assignment.accepted',
      'assignment.details-given',
      'assignment.agreement-drafted',
      'assignment.agreement-signed',
      'assignment.agreement-countersigned',
      'assignment.declaration-submitted',
      'assignment.declaration-approved',
      'assignment.introduction-completed',
    ]);
    const actors: Array<{ action: string; actor: string }> = await h.dataSource.query(
      `SELECT action, actor FROM audit_log WHERE subject_type = 'assignment' AND subject_id = $1`,
      [assignmentId],
    );
    expect(actors.find((a) => a.action === 'assignment.accepted')!.actor).toBe(rep.user.id);
    expect(actors.find((a) => a.action === 'assignment.agreement-countersigned')!.actor).toBe(group.coordinator.user.id);
    expect(actors.find((a) => a.action === 'assignment.agreement-drafted')!.actor).toBe(`system:${assignmentWorkflowId(assignmentId)}`);

    // Whoever's turn it was got one mail per step.
    const mails = await mailsFor(h, assignmentWorkflowId(assignmentId));
    expect(mails.map((m) => m.template).sort()).toEqual(
      [
        'assignment-offer',
        'details-requested',
        'agreement-ready',
        'countersign-requested',
        'declaration-requested',
        'declaration-review-requested',
        'introduction-offered',
        'introduction-pending',
        'assignment-active',
        'new-payee',
      ].sort(),
    );
    expect(mails[0].to_address).toBe(nomination.nominee.email);
    expect(mails[0].body).toContain(nomination.nominee.fullName);
    expect(mails.find((m) => m.template === 'countersign-requested')!.to_address).toBe(group.coordinator.user.email);

    // The agreement was drafted from the commission and rendered through the documents module, then signed.
    const view = (await rep.api.get(`/assignments/${assignmentId}`)).body;
    expect(view.agreement).toMatchObject({ version: 1, state: 'countersigned', documentId: expect.any(String) });
    const pdf = (await rep.api.get(`/documents/${view.agreement.documentId}`)).body;
    expect(pdf).toMatchObject({ kind: 'agreement', subject: { type: 'assignment', id: assignmentId }, pendingRoles: [] });
    const [draft] = await h.dataSource.query(`SELECT terms FROM agreement_draft WHERE assignment_id = $1`, [assignmentId]);
    expect(draft.terms.period).toEqual({ from: TERMS.periodStart, to: TERMS.periodEnd });
    expect(draft.terms.group.commission).toBe('Ta fram nationella rekommendationer med patienter och närstående.');
    expect(draft.terms.fees).toMatchObject({ payoutFrequency: 'monthly', payerCode: 'SKR' });
    expect(view.workflow.status.state).toBe('active');

    // Personal data stayed in PostgreSQL, encrypted: not in the workflow's history, status or the API answer.
    const pn = PERSONNUMMER[0];
    const [person] = await h.dataSource.query(`SELECT personal_number_enc, bank_account_enc FROM person WHERE id = $1`, [nomination.nominee.personId]);
    expect(person.personal_number_enc).toMatch(/^v1\./);
    expect(person.bank_account_enc).toMatch(/^v1\./);
    const history = historyText(await h.client.workflow.getHandle(assignmentWorkflowId(assignmentId)).fetchHistory());
    const recruitmentHistory = historyText(await h.client.workflow.getHandle(recruitmentWorkflowId(group.id)).fetchHistory());
    expect(history).toContain(assignmentId); // the decoded payloads are there to search
    for (const secret of [pn.replace('-', ''), pn.slice(2).replace('-', ''), '123456789', nomination.nominee.email, nomination.nominee.fullName]) {
      for (const text of [history, recruitmentHistory, JSON.stringify(status)]) expect(text).not.toContain(secret);
    }
    for (const secret of [pn.replace('-', ''), pn.slice(2).replace('-', ''), '123456789']) expect(JSON.stringify(view)).not.toContain(secret);

    // Each human step answered without waiting for a round trip through the server: between an update's acceptance
    // and its answer the history holds the step's record as a local activity, and no activity task of any kind.
    const events = (await h.client.workflow.getHandle(assignmentWorkflowId(assignmentId)).fetchHistory()).events ?? [];
    const updates: Array<{ name: string; between: string[] }> = [];
    let open: { name: string; between: string[] } | undefined;
    for (const e of events) {
      if (e.workflowExecutionUpdateAcceptedEventAttributes) {
        open = { name: String(e.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest?.input?.name), between: [] };
      } else if (e.workflowExecutionUpdateCompletedEventAttributes && open) {
        updates.push(open);
        open = undefined;
      } else if (open && e.markerRecordedEventAttributes?.markerName === 'core_local_activity') {
        open.between.push('record');
      } else if (open && (e.activityTaskCompletedEventAttributes || e.activityTaskStartedEventAttributes)) {
        open.between.push('activity');
      }
    }
    expect(updates.map((u) => u.name)).toEqual([
      'accept',
      'detailsGiven',
      'agreementSigned',
      'agreementCountersigned',
      'declarationSubmitted',
      'declarationReviewed',
      'introductionCompleted',
    ]);
    for (const u of updates) expect(u).toEqual({ name: u.name, between: ['record'] });

    // Where every case stands is visible to list queries (and the Temporal UI) by search attribute.
    await eventually(async () => {
      const ids: string[] = [];
      const query = `MedverkanGroupId = "${group.id}" AND MedverkanKind = "assignment" AND MedverkanState = "active" AND MedverkanPayer = "SKR"`;
      for await (const wf of h.client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids.includes(assignmentWorkflowId(assignmentId));
    });

    // One active representative of two: the group is not staffed yet.
    const recruitment = await eventually(async () => {
      const st = await recruitmentStatus(h, group.id);
      return st.activeRepresentatives === 1 ? st : undefined;
    });
    expect(recruitment).toMatchObject({ staffed: false, state: 'recruiting' });
  });

  it('refuses a step in the wrong state or with bad input with a Swedish reason, leaving no trace in history', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const handle = h.client.workflow.getHandle(assignmentWorkflowId(assignmentId));
    const eventsBefore = (await handle.fetchHistory()).events?.length ?? 0;

    const early = await rep.api.post(`/assignments/${assignmentId}/agreement/sign`);
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('Överenskommelsen är inte upprättad ännu.');
    const intro = await group.coordinator.api.post(`/assignments/${assignmentId}/introduction`);
    expect(intro.status).toBe(409);
    expect(intro.body.message).toBe('Det går inte att registrera introduktionen nu: uppdraget är utsett och väntar på svar.');
    const badPeriod = await handle.executeUpdate(reportAttestedUpdate, { args: [{ actorId: rep.user.id, period: 'DROP TABLE' }] }).catch((e) => e);
    expect(badPeriod.cause.message).toBe('Ange rapportperioden, till exempel 2026-03.');
    const badDetails = await rep.api.put(`/assignments/${assignmentId}/personal-details`, {
      personalNumber: '19811218-9875',
      clearingNumber: '8327-9',
      accountNumber: '1234567897',
    });
    expect(badDetails.status).toBe(409); // not accepted yet: nothing is stored
    expect((await h.dataSource.query(`SELECT personal_number_enc FROM person WHERE id = $1`, [rep.user.personId]))[0].personal_number_enc).toBeNull();

    expect((await rep.api.post(`/assignments/${assignmentId}/accept`)).status).toBe(200);
    const again = await rep.api.post(`/assignments/${assignmentId}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/^Det går inte att acceptera uppdraget nu: uppdraget är accepterat/);
    const wrongChecksum = await rep.api.put(`/assignments/${assignmentId}/personal-details`, {
      personalNumber: '19811218-9875',
      clearingNumber: '8327-9',
      accountNumber: '1234567897',
    });
    expect(wrongChecksum.status).toBe(400);
    expect(wrongChecksum.body.fields.personalNumber[0]).toMatch(/Kontrollsiffran/);
    expect(JSON.stringify(wrongChecksum.body)).not.toContain('9875');
    // An account number that fails its bank's check digit, or a clearing number of no bank, is refused too (issue 18).
    for (const [clearingNumber, accountNumber, field] of [['8327-9', '123456789', 'accountNumber'], ['0100', '1234567', 'clearingNumber']]) {
      const wrongAccount = await rep.api.put(`/assignments/${assignmentId}/personal-details`, { personalNumber: PERSONNUMMER[1], clearingNumber, accountNumber });
      expect([wrongAccount.status, Object.keys(wrongAccount.body.fields ?? {})]).toEqual([400, [field]]);
      expect(wrongAccount.body.message).toMatch(/Kontonumret stämmer inte med bankens regler|Clearingnumret hör inte till någon bank/);
    }
    expect((await h.dataSource.query(`SELECT bank_account_enc FROM person WHERE id = $1`, [rep.user.personId]))[0].bank_account_enc).toBeNull();

    // Only the one accepted update entered history.
    const events = (await handle.fetchHistory()).events ?? [];
    const accepted = events.slice(eventsBefore).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(1);
    expect(count(await auditActions(h, 'assignment', assignmentId), 'assignment.accepted')).toBe(1);

    // Without a login there is no step at all; someone else's assignment looks like no assignment.
    expect((await h.api().post(`/assignments/${assignmentId}/withdraw`)).status).toBe(401);
    const stranger = await h.createUser({ roles: ['representative'] });
    expect((await stranger.api.post(`/assignments/${assignmentId}/withdraw`)).status).toBe(404);
  });

  it('records a decline, tells the coordinator, and the group stays unstaffed', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const res = await rep.api.post(`/assignments/${assignmentId}/decline`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'declined', endReason: 'declined' });
    const result = await h.client.workflow.getHandle(assignmentWorkflowId(assignmentId)).result();
    expect(result).toMatchObject({ state: 'declined', endReason: 'declined' });
    expect(await assignmentRow(h, assignmentId)).toMatchObject({ state: 'declined', end_reason: 'declined' });
    const mails = (await mailsFor(h, assignmentWorkflowId(assignmentId))).map((m) => m.template);
    expect(mails).toEqual(['assignment-offer', 'assignment-declined']);
    await eventually(async () => (await auditActions(h, 'working_group', group.id)).includes('recruitment.representative-declined'));
    expect(await recruitmentStatus(h, group.id)).toMatchObject({ activeRepresentatives: 0, staffed: false, assignments: [] });
    // A step on a closed case is a conflict, not a missing case.
    const late = await rep.api.post(`/assignments/${assignmentId}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('Uppdraget är avböjt.');
    await saveHistoryIfAsked(h, assignmentWorkflowId(assignmentId), 'assignment-declined');
  });

  it('reminds a nominee who does not answer, then counts the silence as a decline', async () => {
    const group = await createGroup(h, { assignment: { answerWithin: '3s', answerReminderBefore: '1500ms' } });
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId } = await appointed(h, group, org, requests[org.id]);

    const result = await h.client.workflow.getHandle(assignmentWorkflowId(assignmentId)).result();
    expect(result).toMatchObject({ state: 'declined', endReason: 'no-answer' });
    const actions = await auditActions(h, 'assignment', assignmentId);
    expect(actions).toEqual(['assignment.offered', 'assignment.answer-reminder-sent', 'assignment.no-answer']);
    const [noAnswer] = await h.dataSource.query(
      `SELECT actor FROM audit_log WHERE subject_id = $1 AND action = 'assignment.no-answer'`,
      [assignmentId],
    );
    expect(noAnswer.actor).toBe(`system:${assignmentWorkflowId(assignmentId)}`);
    const mails = await mailsFor(h, assignmentWorkflowId(assignmentId));
    expect(mails.map((m) => m.template)).toEqual(['assignment-offer', 'assignment-offer-reminder', 'assignment-declined']);
    expect(mails[1].subject).toBe(`Påminnelse: svara på uppdraget i NSG Testgrupp ${group.id.slice(0, 6)}`);
    expect(mails[2].body).toContain('inget svar kom före svarstiden');
    expect(await assignmentRow(h, assignmentId)).toMatchObject({ state: 'declined', end_reason: 'no-answer' });
    await saveHistoryIfAsked(h, assignmentWorkflowId(assignmentId), 'assignment-no-answer');
  });

  it('reminds organisations that have not answered and closes the round at its deadline', async () => {
    const group = await createGroup(h, { recruitment: { nominationWithin: '3s', nominationReminderBefore: '1500ms' } });
    const silent = await createOrganisation(h);
    const declining = await createOrganisation(h);
    const requests = await startRound(group, [silent, declining]);
    const declined = await declining.contact.api.post(`/nomination-requests/${requests[declining.id]}/decline`);
    expect(declined.status).toBe(200);
    expect(declined.body.state).toBe('declined');
    // Another organisation's request is not visible to this contact.
    expect((await declining.contact.api.get(`/nomination-requests/${requests[silent.id]}`)).status).toBe(404);

    await eventually(async () => (await auditActions(h, 'working_group', group.id)).includes('recruitment.round-closed'), 10_000);
    const states = await h.dataSource.query(`SELECT organisation_id, state, reminded_at FROM nomination_request WHERE group_id = $1`, [group.id]);
    expect(states.find((r: any) => r.organisation_id === silent.id)).toMatchObject({ state: 'no-answer' });
    expect(states.find((r: any) => r.organisation_id === silent.id).reminded_at).not.toBeNull();
    expect(states.find((r: any) => r.organisation_id === declining.id)).toMatchObject({ state: 'declined', reminded_at: null });
    const mails = await eventually(async () => {
      const rows = await mailsFor(h, recruitmentWorkflowId(group.id));
      return rows.some((m) => m.template === 'nomination-round-closed') ? rows : undefined;
    });
    expect(mails.filter((m) => m.template === 'nomination-reminder').map((m) => m.to_address)).toEqual([silent.contact.user.email]);
    const closed = mails.find((m) => m.template === 'nomination-round-closed')!;
    expect(closed.body).toContain('0 organisation(er) nominerade, 1 avstod och 1 svarade inte');
    // Too late to nominate now.
    const late = await silent.contact.api.post(`/nomination-requests/${requests[silent.id]}/nominations`, {
      fullName: 'För Sen',
      email: 'for.sen@example.se',
      perspective: 'patient',
      representation: 'mandate',
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('Nomineringstiden har gått ut.');
    expect(await groupState(h, group.id)).toBe('open');
  });

  it('keeps a group with one active representative unstaffed, is staffed at two, and recruits again when one withdraws', async () => {
    const group = await createGroup(h, { workStartedOn: '2026-01-01', recruitment: { urgentNominationWithin: '4s', urgentNominationReminderBefore: '1s' } });
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const first = await appointed(h, group, org, requests[org.id]);
    const secondNomination = await nominate(org, requests[org.id], 'both');
    // The round closes; the coordinator appoints from what came in.
    await eventually(async () => !(await recruitmentStatus(h, group.id)).roundOpen);
    await onboard(h, group, first.assignmentId, first.rep);
    await eventually(async () => (await recruitmentStatus(h, group.id)).activeRepresentatives === 1);
    expect(await recruitmentStatus(h, group.id)).toMatchObject({ staffed: false, urgent: true });
    expect(await groupState(h, group.id)).not.toBe('staffed');

    const secondId = await appoint(group, secondNomination.id);
    await onboard(h, group, secondId, await representativeFor(h, secondNomination));
    await eventually(async () => (await groupState(h, group.id)) === 'staffed');
    expect(await recruitmentStatus(h, group.id)).toMatchObject({ state: 'staffed', staffed: true, activeRepresentatives: 2 });
    await eventually(async () => (await mailsFor(h, recruitmentWorkflowId(group.id))).some((m) => m.template === 'group-staffed'));

    // One withdraws: below two again, and a new (urgent) round starts on its own, asking the same organisation.
    const withdrawn = await first.rep.api.post(`/assignments/${first.assignmentId}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ state: 'ended', endReason: 'withdrawn' });
    await eventually(async () => (await auditActions(h, 'working_group', group.id)).includes('recruitment.recruitment-restarted'));
    const after = await recruitmentStatus(h, group.id);
    expect(after).toMatchObject({ state: 'recruiting', activeRepresentatives: 1, round: 2, roundOpen: true, urgent: true });
    expect(after.requests.map((r) => r.organisationId)).toEqual([org.id]);
    const round2: any[] = await h.dataSource.query(`SELECT state, urgent FROM nomination_request WHERE group_id = $1 AND round = 2`, [group.id]);
    expect(round2).toEqual([{ state: 'sent', urgent: true }]);
    const mails = await eventually(async () => {
      const rows = await mailsFor(h, recruitmentWorkflowId(group.id));
      return rows.some((m) => m.template === 'recruitment-restarted') ? rows : undefined;
    });
    expect(count(mails.map((m) => m.template), 'recruitment-restarted')).toBe(1);
    expect(mails.filter((m) => m.template === 'nomination-request').at(-1)!.subject).toMatch(/^Brådskande: /);
    const actions = await auditActions(h, 'working_group', group.id);
    expect(actions).toContain('recruitment.representative-left');
    expect(actions.at(-1)).toBe('recruitment.recruitment-restarted');
    // The organisation was told its representative left (the mails go out after the step's answer).
    const ended = await eventually(async () => {
      const templates = (await mailsFor(h, assignmentWorkflowId(first.assignmentId))).map((m) => m.template);
      return templates.includes('payee-ended') && templates.includes('assignment-ended-organisation') ? templates : undefined;
    });
    expect(ended).toEqual(expect.arrayContaining(['assignment-ended', 'assignment-ended-coordinator', 'assignment-ended-organisation', 'payee-ended']));
    await saveHistoryIfAsked(h, recruitmentWorkflowId(group.id), 'recruitment-staffed-and-restarted', { complete: false });
    await saveHistoryIfAsked(h, assignmentWorkflowId(first.assignmentId), 'assignment-withdrawn', { complete: false }); // awaits its last report
  });

  it('ends a mandate assignment when the organisation withdraws its mandate, and refuses it for own experience', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const mandate = await appointed(h, group, org, requests[org.id], 'mandate');
    const own = await appointed(h, group, org, requests[org.id], 'own-experience');
    await mandate.rep.api.post(`/assignments/${mandate.assignmentId}/accept`);

    const refused = await org.contact.api.post(`/assignments/${own.assignmentId}/mandate-withdrawal`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Uppdraget bygger inte på den organisationens mandat.');
    const otherOrg = await createOrganisation(h);
    expect((await otherOrg.contact.api.post(`/assignments/${mandate.assignmentId}/mandate-withdrawal`)).status).toBe(404);

    const res = await org.contact.api.post(`/assignments/${mandate.assignmentId}/mandate-withdrawal`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'ended', endReason: 'mandate-withdrawn' });
    const [line] = await h.dataSource.query(`SELECT actor, details FROM audit_log WHERE subject_id = $1 AND action = 'assignment.ended'`, [
      mandate.assignmentId,
    ]);
    expect(line).toMatchObject({ actor: org.contact.user.id, details: { endReason: 'mandate-withdrawn', state: 'ended' } });
    expect(await assignmentRow(h, mandate.assignmentId)).toMatchObject({ state: 'ended', end_reason: 'mandate-withdrawn' });
    // The mails go out after the answer; the workflow completes once they are sent.
    expect(await h.client.workflow.getHandle(assignmentWorkflowId(mandate.assignmentId)).result()).toMatchObject({ endReason: 'mandate-withdrawn' });
    const mails = (await mailsFor(h, assignmentWorkflowId(mandate.assignmentId))).map((m) => m.template);
    expect(mails).toContain('assignment-ended');
    expect(mails).not.toContain('assignment-ended-organisation'); // the organisation did it itself
    await saveHistoryIfAsked(h, assignmentWorkflowId(mandate.assignmentId), 'assignment-mandate-withdrawn');
  });

  it('renews the declaration on a change and when due, with review, and flags an overdue renewal', async () => {
    const group = await createGroup(h, { assignment: { declarationRenewEvery: '6s', declarationRenewWithin: '2s' } });
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    await onboard(h, group, assignmentId, rep);
    const a = `/assignments/${assignmentId}`;

    // Circumstances change: a new declaration while active, sent back for changes, then approved.
    const changed = await rep.api.post(`${a}/declaration`, { hasInterests: true, interests: 'Styrelseledamot i ett läkemedelsbolag sedan mars.' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ state: 'active', declaration: { state: 'submitted' } });
    const twice = await rep.api.post(`${a}/declaration`, { hasInterests: false });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('En jävsdeklaration väntar redan på granskning.');
    const needsChanges = await group.coordinator.api.post(`${a}/declaration/review`, { outcome: 'needs-changes', comment: 'Ange bolagets namn.' });
    expect(needsChanges.body.declaration.state).toBe('needs-changes');
    expect((await rep.api.post(`${a}/declaration`, { hasInterests: true, interests: 'Styrelseledamot i Exempel AB sedan mars.' })).status).toBe(200);
    const approved = await group.coordinator.api.post(`${a}/declaration/review`, { outcome: 'approved' });
    expect(approved.body.declaration.state).toBe('approved');
    const view = (await rep.api.get(a)).body;
    expect(view.declaration).toMatchObject({ state: 'approved', hasInterests: true, interests: 'Styrelseledamot i Exempel AB sedan mars.' });
    // The interests never went into the workflow.
    const history = historyText(await h.client.workflow.getHandle(assignmentWorkflowId(assignmentId)).fetchHistory());
    expect(history).toContain('declarationSubmitted');
    expect(history).not.toContain('Exempel AB');
    expect(history).not.toContain('läkemedelsbolag');

    // The periodic renewal falls due, is not made in time, and is flagged to the coordinator.
    const actions = await eventually(async () => {
      const all = await auditActions(h, 'assignment', assignmentId);
      return all.includes('assignment.declaration-overdue') ? all : undefined;
    }, 20_000);
    expect((await assignmentStatus(h, assignmentId)).declaration.state).toBe('overdue');
    expect(count(actions, 'assignment.declaration-renewed')).toBe(2);
    expect(count(actions, 'assignment.declaration-needs-changes')).toBe(1);
    expect(count(actions, 'assignment.declaration-renewal-due')).toBe(1);
    expect(count(actions, 'assignment.declaration-overdue')).toBe(1);
    const mails = await eventually(async () => {
      const templates = (await mailsFor(h, assignmentWorkflowId(assignmentId))).map((m) => m.template);
      return templates.includes('declaration-overdue') ? templates : undefined;
    });
    expect(count(mails, 'declaration-renewal-due')).toBe(1);
    expect(count(mails, 'declaration-overdue')).toBe(1);
    // Renewing late brings it back to approved.
    expect((await rep.api.post(`${a}/declaration`, { hasInterests: false })).status).toBe(200);
    expect((await group.coordinator.api.post(`${a}/declaration/review`, { outcome: 'approved' })).body.declaration.state).toBe('approved');
  });

  it('runs the reporting cycle: asks for reports, records attested and missed periods, continues as new, and ends with the period', async () => {
    const group = await createGroup(h, {
      assignment: { reportingPeriodLength: '3s', reportWithin: '2s', reportReminderBefore: '1s', attestWithin: '2s', tenure: '8s' },
    });
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id], 'mandate', { ...TERMS, reportingFrequency: 'quarterly' });
    await onboard(h, group, assignmentId, rep);
    const lifecycle = h.app.get(AssignmentStepsService);
    const handle = h.client.workflow.getHandle(assignmentWorkflowId(assignmentId));
    const firstRun = (await handle.describe()).runId;

    // P1 ends: the representative is asked to report; the report is attested through the payouts hook.
    await eventually(async () => (await assignmentStatus(h, assignmentId)).reporting.periods.some((p) => p.key === 'P1' && p.state === 'awaiting-report'));
    const attested = await lifecycle.recordAttestedReport({ assignmentId, period: 'P1', actorId: group.coordinator.user.id });
    expect(attested.recorded).toBe(true);
    expect(attested.status!.reporting.periods.find((p) => p.key === 'P1')!.state).toBe('attested');
    // A period the workflow does not know is not dropped: the audit log keeps the attestation (issue 13 #11c).
    expect(await lifecycle.recordAttestedReport({ assignmentId, period: 'P99', actorId: group.coordinator.user.id })).toEqual({ recorded: true, status: null });
    expect(await auditActions(h, 'assignment', assignmentId)).toContain('assignment.report-attested');

    // Nothing comes for P2: reminded, then missed. The tenure (8 s) ends the assignment during P3.
    const result = await handle.result();
    expect(result).toMatchObject({ state: 'ended', endReason: 'period-ended' });
    expect(result.missedPeriods).toEqual(expect.arrayContaining(['P2']));
    expect((await handle.describe()).runId).not.toBe(firstRun); // continued as new after a period

    const periods: any[] = await h.dataSource.query(
      `SELECT period_key, state FROM assignment_reporting_period WHERE assignment_id = $1 ORDER BY period_index`,
      [assignmentId],
    );
    expect(periods.slice(0, 2)).toEqual([
      { period_key: 'P1', state: 'attested' },
      { period_key: 'P2', state: 'missed' },
    ]);
    expect(periods.length).toBe(3);
    expect(periods[2].state).toBe('missed'); // the last, shortened period was not reported either
    const actions = await auditActions(h, 'assignment', assignmentId);
    expect(count(actions, 'assignment.period-ended')).toBe(3);
    expect(count(actions, 'assignment.report-attested')).toBe(2); // P1 by the workflow, P99 beside it
    expect(count(actions, 'assignment.report-missed')).toBe(2);
    expect(count(actions, 'assignment.ended')).toBe(1);
    expect(actions.indexOf('assignment.ended')).toBeLessThan(actions.lastIndexOf('assignment.report-missed')); // P3 was awaited after the end
    const mails = (await mailsFor(h, assignmentWorkflowId(assignmentId))).map((m) => m.template);
    expect(count(mails, 'report-due')).toBe(3);
    expect(count(mails, 'report-missed')).toBe(2);
    // P2 was reminded before its deadline; P1 got no reminder after it was attested.
    const lines: Array<{ action: string; period: string | null }> = await h.dataSource.query(
      `SELECT action, details->>'period' AS period FROM audit_log WHERE subject_id = $1 ORDER BY at, id`,
      [assignmentId],
    );
    const at = (action: string, period: string) => lines.findIndex((l) => l.action === action && l.period === period);
    expect(at('assignment.report-reminder-sent', 'P2')).toBeGreaterThan(at('assignment.period-ended', 'P2'));
    expect(at('assignment.report-reminder-sent', 'P2')).toBeLessThan(at('assignment.report-missed', 'P2'));
    expect(lines.filter((l) => l.action === 'assignment.report-reminder-sent' && l.period === 'P1').length).toBeLessThanOrEqual(1);
    expect(at('assignment.report-reminder-sent', 'P1')).toBeLessThan(at('assignment.report-attested', 'P1'));
    expect(await assignmentRow(h, assignmentId)).toMatchObject({ state: 'ended', end_reason: 'period-ended' });

    // After the workflow has completed, a late attestation still lands in the read model.
    const late = await lifecycle.recordAttestedReport({ assignmentId, period: 'P2', actorId: group.coordinator.user.id });
    expect(late).toEqual({ recorded: true, status: null });
    expect((await h.dataSource.query(`SELECT state FROM assignment_reporting_period WHERE assignment_id = $1 AND period_key = 'P2'`, [assignmentId]))[0].state).toBe(
      'attested',
    );
    await saveHistoryIfAsked(h, assignmentWorkflowId(assignmentId), 'assignment-reporting-cycle');
    await saveHistoryIfAsked(h, assignmentWorkflowId(assignmentId), 'assignment-onboarding-to-active', { runId: firstRun });
  });

  it('keeps its state through its own continue-as-new, while the assignments it started live on and report back', async () => {
    const group = await createGroup(h, { recruitment: { reviewEvery: '3s' } });
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const handle = h.client.workflow.getHandle(recruitmentWorkflowId(group.id));
    const firstRun = (await handle.describe()).runId;
    await eventually(async () => (await handle.describe()).runId !== firstRun, 15_000);

    // The new run still knows the open round and the assignment on its way.
    const carried = await recruitmentStatus(h, group.id);
    expect(carried).toMatchObject({ round: 1, roundOpen: true, reviewsDone: expect.any(Number), assignments: [{ assignmentId, state: 'onboarding' }] });
    expect(carried.reviewsDone).toBeGreaterThanOrEqual(1);
    expect(carried.requests.map((r) => r.id)).toEqual([requests[org.id]]);

    // The assignment (started by the first run) outlived it, and its news reaches the current run.
    await onboard(h, group, assignmentId, rep);
    await eventually(async () => (await recruitmentStatus(h, group.id)).activeRepresentatives === 1);
    // No step was recorded twice across the runs.
    const actions = await eventually(async () => {
      const all = await auditActions(h, 'working_group', group.id);
      return all.includes('recruitment.representative-active') ? all : undefined;
    });
    expect(count(actions, 'recruitment.opened')).toBe(1);
    expect(count(actions, 'recruitment.round-started')).toBe(1);
    expect(count(actions, 'recruitment.representative-active')).toBe(1);
  });

  it('invites an appointed nominee who has no account, once, with a single-use link', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const nomination = await nominate(org, requests[org.id]);
    const personId: string = nomination.nominee.personId;
    const res = await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${nomination.id}/appoint`, TERMS);
    expect(res.status).toBe(201);
    expect(res.body.invitation).toMatchObject({ invited: true });
    const invitations = async () =>
      h.dataSource.query(`SELECT to_address, body FROM outbox WHERE template = 'user-invitation' AND lower(to_address) = lower($1)`, [nomination.nominee.email]);
    expect(await invitations()).toHaveLength(1);
    const [account] = await h.dataSource.query(`SELECT roles, password_hash FROM user_account WHERE person_id = $1`, [personId]);
    expect(account).toEqual({ roles: ['representative'], password_hash: null });
    // A repeated appointment is refused and sends nothing more.
    expect((await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${nomination.id}/appoint`, TERMS)).status).toBe(409);
    expect(await invitations()).toHaveLength(1);
    // The link logs the nominee in once, who then finds the offer.
    const token = await invitationTokenFor(h, personId);
    const rep = await representativeFor(h, nomination);
    expect(rep.user).toMatchObject({ personId, roles: ['representative'] });
    expect((await h.api().post('/auth/invitations/accept', { token, password: 'Ett-annat-lösenord-123' })).status).toBe(400);
    expect((await rep.api.post(`/assignments/${res.body.assignmentId}/accept`)).status).toBe(200);

    // A person who already has an account is not invited again when appointed to another group.
    const other = await createGroup(h);
    const direct = await other.coordinator.api.post(`/working-groups/${other.id}/recruitment/rounds`, { organisationIds: [], directRecruitment: true });
    expect(direct.status).toBe(201);
    const again = await other.coordinator.api.post(`/working-groups/${other.id}/nominations`, {
      fullName: nomination.nominee.fullName,
      email: nomination.nominee.email,
      perspective: 'patient',
      representation: 'own-experience',
    });
    expect(again.status).toBe(201);
    expect(again.body.nominee.personId).toBe(personId);
    const second = await other.coordinator.api.post(`/working-groups/${other.id}/nominations/${again.body.id}/appoint`, TERMS);
    expect(second.status).toBe(201);
    expect(second.body.invitation).toMatchObject({ invited: false });
    expect(await invitations()).toHaveLength(1);
  });

  it('moves the assignment on with the agreement PDF\'s signatures alone; retries and the old endpoints do nothing new', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const a = `/assignments/${assignmentId}`;
    expect((await rep.api.post(`${a}/accept`)).status).toBe(200);
    const details = { personalNumber: testPersonnummer(97), clearingNumber: '8327-9', accountNumber: '123 456 789-7' };
    expect((await rep.api.put(`${a}/personal-details`, details)).status).toBe(200);
    const view = await eventually(async () => {
      const v = (await rep.api.get(a)).body;
      return v.assignment.state === 'agreement-drafted' && v.agreement?.documentId ? v : undefined;
    });
    const documentId: string = view.agreement.documentId;
    const sha = (await rep.api.get(`/documents/${documentId}`)).body.sha256;
    const sign = (api: typeof rep.api, role: string) => api.post(`/documents/${documentId}/signatures`, { role, expectedSha256: sha });

    // The representative's signature is the signing; the coordinator's countersignature of the PDF follows it.
    expect((await sign(rep.api, 'representative')).status).toBe(201);
    expect((await rep.api.get(a)).body.assignment.state).toBe('signed');
    expect((await sign(group.coordinator.api, 'countersigner')).status).toBe(201);
    const after = (await rep.api.get(a)).body;
    expect(after.assignment.state).toBe('countersigned');
    expect(after.agreement).toMatchObject({ state: 'countersigned', documentId });
    expect(after.workflow.status).toMatchObject({ state: 'countersigned' });

    // A retried signature and the assignment endpoints do nothing again: the countersign step while the assignment
    // waits for the declaration answers the same; signing once the agreement has gone further is a Swedish 409
    // (issue 16 #4: "already signed by this person").
    const again = await sign(rep.api, 'representative');
    expect(again.status).toBe(201);
    expect(again.body.alreadySigned).toBe(true);
    const late = await rep.api.post(`${a}/agreement/sign`);
    expect([late.status, late.body.message]).toEqual([409, 'Du har redan undertecknat överenskommelsen.']);
    expect((await group.coordinator.api.post(`${a}/agreement/countersign`)).status).toBe(200);
    const actions = await auditActions(h, 'assignment', assignmentId);
    expect(count(actions, 'assignment.agreement-signed')).toBe(1);
    expect(count(actions, 'assignment.agreement-countersigned')).toBe(1);
    const actors = await h.dataSource.query(`SELECT action, actor FROM audit_log WHERE subject_id = $1 AND action LIKE 'assignment.agreement-%signed'`, [assignmentId]);
    expect(actors).toEqual(
      expect.arrayContaining([
        { action: 'assignment.agreement-signed', actor: rep.user.id },
        { action: 'assignment.agreement-countersigned', actor: group.coordinator.user.id },
      ]),
    );
    // The next step is the declaration, not a reminder to sign.
    expect((await rep.api.post(`${a}/declaration`, { hasInterests: false })).status).toBe(200);
  });

  it('ends every assignment when the group ends', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const silent = await createOrganisation(h);
    const requests = await startRound(group, [org, silent]);
    const waiting = await appointed(h, group, org, requests[org.id]);
    const nomination = await nominate(org, requests[org.id]);
    // Only the group's coordinator (or an administrator) may end it.
    const otherCoordinator = await h.createUser({ roles: ['coordinator'] });
    expect((await otherCoordinator.api.post(`/working-groups/${group.id}/end`)).status).toBe(404);
    expect([403, 404]).toContain((await waiting.rep.api.post(`/working-groups/${group.id}/end`)).status);
    const ended = await group.coordinator.api.post(`/working-groups/${group.id}/end`);
    expect(ended.status).toBe(200);
    const result = await h.client.workflow.getHandle(recruitmentWorkflowId(group.id)).result();
    expect(result.state).toBe('ended');
    expect(await h.client.workflow.getHandle(assignmentWorkflowId(waiting.assignmentId)).result()).toMatchObject({ endReason: 'group-ended' });
    expect(await groupState(h, group.id)).toBe('ended');
    expect((await h.dataSource.query(`SELECT state FROM nomination_request WHERE id = $1`, [requests[silent.id]]))[0].state).toBe('cancelled');
    expect((await h.dataSource.query(`SELECT state FROM nomination_request WHERE id = $1`, [requests[org.id]]))[0].state).toBe('nominated');
    // Nothing more can happen in an ended group.
    const refused = await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${nomination.id}/appoint`, TERMS);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Gruppen har avslutats: rekryteringen är stängd.');
    const again = await group.coordinator.api.post(`/working-groups/${group.id}/end`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Gruppen är redan avslutad.');
    const recorded = await h.dataSource.query(`SELECT actor FROM audit_log WHERE subject_id = $1 AND action = 'working-group.ended'`, [group.id]);
    expect(recorded).toEqual([{ actor: group.coordinator.user.id }]);
    await saveHistoryIfAsked(h, recruitmentWorkflowId(group.id), 'recruitment-ended');
    await saveHistoryIfAsked(h, assignmentWorkflowId(waiting.assignmentId), 'assignment-group-ended');
  });

  it('recruits directly, and shows coordinators only their own groups\' mail in the outbox, latest first', async () => {
    const group = await createGroup(h);
    const other = await createGroup(h);
    expect((await group.coordinator.api.post(`/working-groups/${group.id}/recruitment/rounds`, { organisationIds: [] })).status).toBe(400);
    expect((await group.coordinator.api.post(`/working-groups/${group.id}/recruitment/rounds`, { organisationIds: [], directRecruitment: true })).status).toBe(201);
    const mandate = await group.coordinator.api.post(`/working-groups/${group.id}/nominations`, {
      fullName: 'Direkt Rekryterad',
      email: 'direkt@example.se',
      perspective: 'next-of-kin',
      representation: 'mandate',
    });
    expect(mandate.status).toBe(400);
    const direct = await group.coordinator.api.post(`/working-groups/${group.id}/nominations`, {
      fullName: 'Direkt Rekryterad',
      email: 'direkt@example.se',
      perspective: 'next-of-kin',
      representation: 'own-experience',
    });
    expect(direct.status).toBe(201);
    expect(direct.body).toMatchObject({ state: 'proposed', organisationId: null, requestId: null });
    const assignmentId = await appoint(group, direct.body.id);
    const rep = await representativeFor(h, direct.body);
    expect((await rep.api.post(`/assignments/${assignmentId}/accept`)).status).toBe(200);
    await eventually(async () => (await mailsFor(h, assignmentWorkflowId(assignmentId))).length >= 2);

    const page = await group.coordinator.api.get(`/outbox?pageSize=2`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    // The offer and the request for details: mails go out after a step's answer, so when the person accepts
    // before the offer's mail is out, both leave in one wave and either can be the later one.
    expect(page.body.items.map((m: any) => m.template).sort()).toEqual(['assignment-offer', 'details-requested']);
    expect(new Date(page.body.items[0].createdAt) >= new Date(page.body.items[1].createdAt)).toBe(true);
    const all = await group.coordinator.api.get(`/outbox?pageSize=100`);
    expect(all.body.items.every((m: any) => m.groupId === group.id)).toBe(true);
    // Latest first: the first page is the two newest of all.
    const times = all.body.items.map((m: any) => new Date(m.createdAt).getTime());
    expect(times).toEqual([...times].sort((x: number, y: number) => y - x));
    expect(all.body.items.slice(0, 2).map((m: any) => m.id)).toEqual(page.body.items.map((m: any) => m.id));
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const admin = await h.asAdmin();
    const theirs = await admin.get(`/outbox?groupId=${other.id}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.every((m: any) => m.groupId === other.id)).toBe(true);
    expect((await rep.api.get('/outbox')).status).toBe(403);
    expect((await group.coordinator.api.get('/outbox?pageSize=1000')).status).toBe(400);
  });
});
