import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../src/crypto/field-cipher';
import { activityFor } from './support/activities';
import { Harness, startHarness, TestUser } from './support/harness';
import { createGroup, createOrganisation, startRound } from './support/lifecycle';

/**
 * Review findings s2 (2), (5), (8). (2): a user with two roles acts with the scope of the role the route grants the action to,
 * never with another role's (src/auth/README.md, "A user with more than one role"). Every check here failed on the
 * code before the fix: a coordinator (or contact, or finance officer) who was also a representative took the
 * representative's steps on a colleague's assignment, and a coordinator who was also in finance attested a report
 * of a group their payer pays but they do not coordinate.
 */
describe('access with more than one role', () => {
  let h: Harness;
  const npo = randomUUID(); // NPO hosted by Södra (payer sodra)
  const other = randomUUID(); // NPO hosted by Södra too, not coordinated by the users below
  const third = randomUUID();
  const orgA = randomUUID();
  const cipher = () => new FieldCipher(h.config.crypto.dataKey);
  const bankAccount = async (personId: string): Promise<string | null> => {
    const [p] = await h.dataSource.query(`SELECT bank_account_enc FROM person WHERE id = $1`, [personId]);
    return p.bank_account_enc ? cipher().decrypt(p.bank_account_enc) : null;
  };
  const assignment = async (groupId: string, personId: string, state: string) => {
    const id = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, nominating_organisation_id, state) VALUES ($1, $2, $3, 'mandate', $4, $5)`,
      [id, groupId, personId, orgA, state],
    );
    return id;
  };
  let colleague: TestUser;

  beforeAll(async () => {
    h = await startHarness();
    await h.dataSource.query(
      `INSERT INTO working_group (id, name, kind, host_region, commission) VALUES ($1, 'NPO Hjärta', 'NPO', 'sodra', 'Uppdrag'), ($2, 'NPO Lunga', 'NPO', 'sodra', 'Uppdrag'),
         ($3, 'NPO Njure', 'NPO', 'sodra', 'Uppdrag')`,
      [npo, other, third],
    );
    await h.dataSource.query(`INSERT INTO organisation (id, name, perspective, contact_email) VALUES ($1, 'Hjärtförbundet', 'patient', 'kansli@hjarta.example.se')`, [orgA]);
    colleague = await h.createUser({ roles: ['representative'] });
    await h.dataSource.query(`UPDATE person SET bank_account_enc = $2, details_given_at = now() WHERE id = $1`, [colleague.user.personId, cipher().encrypt('8327-9 123456789')]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("refuses a representative's steps on a colleague's assignment to a coordinator or contact who is also a representative; the bank account stays", async () => {
    const theirs = await assignment(npo, colleague.user.personId!, 'active');
    const offered = await assignment(third, colleague.user.personId!, 'offered');
    const coordRep = await h.createUser({ roles: ['coordinator', 'representative'], groupIds: [npo, third] });
    const contactRep = await h.createUser({ roles: ['org-contact', 'representative'], organisationId: orgA });
    const details = { personalNumber: '19121212-1212', clearingNumber: '6000', accountNumber: '999 888 773' };
    for (const u of [coordRep, contactRep]) {
      // They may still read it in their other role…
      expect((await u.api.get(`/assignments/${theirs}`)).status).toBe(200);
      // …but not act as its representative.
      const put = await u.api.put(`/assignments/${theirs}/personal-details`, details);
      expect([put.status, put.body.message]).toEqual([404, 'Uppdraget finns inte.']);
      for (const step of ['accept', 'decline']) expect([step, (await u.api.post(`/assignments/${offered}/${step}`)).status]).toEqual([step, 404]);
      for (const step of ['agreement/sign', 'withdraw']) expect([step, (await u.api.post(`/assignments/${theirs}/${step}`)).status]).toEqual([step, 404]);
      const declared = await u.api.post(`/assignments/${theirs}/declaration`, { hasInterests: false });
      expect(declared.status).toBe(404);
    }
    expect(await bankAccount(colleague.user.personId!)).toBe('8327-9 123456789');
    const [p] = await h.dataSource.query(`SELECT personal_number_enc FROM person WHERE id = $1`, [colleague.user.personId]);
    expect(p.personal_number_enc).toBeNull();
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM declaration WHERE assignment_id = $1`, [theirs]))[0].n).toBe(0);
    expect((await h.dataSource.query(`SELECT state FROM assignment WHERE id IN ($1, $2) ORDER BY state`, [theirs, offered])).map((r: { state: string }) => r.state)).toEqual([
      'active',
      'offered',
    ]);
  });

  it('refuses attesting a report of a group the coordinator does not coordinate, though their finance role sees it', async () => {
    const coordFinance = await h.createUser({ roles: ['coordinator', 'finance'], groupIds: [npo], payerCode: 'sodra' });
    const a = await assignment(other, colleague.user.personId!, 'active');
    const report = randomUUID();
    const activity = await activityFor(h, { assignmentIds: [a], date: '2026-01-15' });
    await h.dataSource.query(
      `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, activity_id, duration_minutes, participation, claim_deadline, state, submitted_at)
       VALUES ($1, $2, $3, $4, 'sodra', '2026-01-15', 'meeting', $5, 120, 'video', '2026-04-15', 'submitted', now())`,
      [report, a, colleague.user.personId, other, activity],
    );
    // Finance of the payer reads it…
    expect((await coordFinance.api.get(`/time-reports/${report}`)).status).toBe(200);
    // …but attesting is the group's coordinator's.
    const res = await coordFinance.api.post(`/time-reports/${report}/attestation`, { decision: 'confirm' });
    expect([res.status, res.body.message]).toEqual([404, 'Tidrapporten finns inte.']);
    const [r] = await h.dataSource.query(`SELECT state, attested_by FROM time_report WHERE id = $1`, [report]);
    expect(r).toEqual({ state: 'submitted', attested_by: null });
  });

  it("answers a nomination of an address already registered with what the contact sent, never the stored person's name or perspective (5)", async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const email = `hanna.${randomUUID().slice(0, 8)}@example.se`;
    await h.dataSource.query(`INSERT INTO person (id, full_name, email, phone, perspective) VALUES ($1, 'Hemliga Hanna Storsson', $2, '070-111 22 33', 'next-of-kin')`, [
      randomUUID(),
      email,
    ]);
    const sent = { fullName: 'Anna Andersson', email: email.toUpperCase(), perspective: 'patient', representation: 'mandate' };
    const res = await org.contact.api.post(`/nomination-requests/${requests[org.id]}/nominations`, sent);
    expect(res.status).toBe(201);
    expect(res.body.nominee).toMatchObject({ fullName: 'Anna Andersson', email: email.toUpperCase(), perspective: 'patient' });
    expect(JSON.stringify(res.body)).not.toMatch(/Hemliga|Storsson|next-of-kin|070-111/);
    // The stored person keeps their name (one person per address); the coordinator of the group sees it.
    const listed = await group.coordinator.api.get(`/working-groups/${group.id}/nominations`);
    expect(listed.body.map((n: { nominee: { fullName: string } }) => n.nominee.fullName)).toEqual(['Hemliga Hanna Storsson']);
  });

  it('never hands an invitation link to a coordinator or contact who invites someone else, nor on inviting again; the mail to the invitee has it (8)', async () => {
    const coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [npo] });
    const personId = randomUUID();
    const email = `inga.${personId.slice(0, 8)}@example.se`;
    await h.dataSource.query(`INSERT INTO person (id, full_name, email) VALUES ($1, 'Inga Innanför', $2)`, [personId, email]);
    await assignment(npo, personId, 'nominated');
    const links = async () =>
      (await h.dataSource.query(`SELECT body FROM outbox WHERE template = 'user-invitation' AND to_address = $1 ORDER BY id`, [email])).map((m: { body: string }) =>
        /#token=(\S+)/.exec(m.body)?.[1],
      );
    for (const attempt of ['first', 'again']) {
      const res = await coordinator.api.post('/auth/invitations', { roles: ['representative'], personId });
      expect([attempt, res.status, res.body.invitation.delivery, res.body.invitation.acceptUrl]).toEqual([attempt, 201, 'outbox', undefined]);
      expect(JSON.stringify(res.body)).not.toMatch(/token=/);
    }
    const sent = await links();
    expect(sent).toHaveLength(2);
    // The invitee's own (latest) link works; the coordinator never had it.
    expect((await h.api().post('/auth/invitations/accept', { token: sent[1], password: 'Ingas-lösen-2026' })).status).toBe(200);

    const contact = await h.createUser({ roles: ['org-contact'], organisationId: orgA });
    const colleagueInvite = await contact.api.post('/auth/invitations', { email: `kollega.${personId.slice(0, 8)}@hjarta.example.se`, displayName: 'Kollega', roles: ['org-contact'], organisationId: orgA });
    expect([colleagueInvite.status, colleagueInvite.body.invitation.acceptUrl]).toEqual([201, undefined]);
    // An administrator still gets it in outbox mode (demo data, drills).
    const admin = await h.asAdmin();
    const byAdmin = await admin.post('/auth/invitations', { email: `ekonom.${personId.slice(0, 8)}@example.se`, displayName: 'Ekonom', roles: ['finance'], payerCode: 'SKR' });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.invitation.acceptUrl).toMatch(/\/inbjudan#token=/);
  });
});
