import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../src/crypto/field-cipher';
import { activityFor } from './support/activities';
import { ApiClient, Harness, startHarness, TestUser } from './support/harness';

/**
 * Issue 13, findings 4–6: who reads payment details, who may invite whom, and the organisation rules
 * (src/auth/README.md). Every check here failed on the code before the fix.
 */
describe('access scope: payment details, invitations, organisations', () => {
  let h: Harness;
  let admin: ApiClient;
  /** NPO hosted by Södra sjukvårdsregionen (payer sodra), NSG (payer SKR), RPO Västra (payer vastra). */
  const npo = randomUUID();
  const nsg = randomUUID();
  const rpo = randomUUID();
  const nsg2 = randomUUID();
  const orgA = randomUUID();
  const orgB = randomUUID();
  let coordinator: TestUser;
  const count = async (sql: string, params: unknown[] = []) => (await h.dataSource.query(sql, params))[0].n as number;

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    admin = await h.asAdmin();
    const ds = h.dataSource;
    await ds.query(
      `INSERT INTO working_group (id, name, kind, host_region, commission) VALUES
         ($1, 'NPO Hjärta', 'NPO', 'sodra', 'Uppdrag'), ($2, 'NSG Metoder', 'NSG', NULL, 'Uppdrag'), ($3, 'RPO Psykisk hälsa', 'RPO', 'vastra', 'Uppdrag'),
         ($4, 'NSG Uppföljning', 'NSG', NULL, 'Uppdrag')`,
      [npo, nsg, rpo, nsg2],
    );
    await ds.query(
      `INSERT INTO organisation (id, name, perspective, contact_email) VALUES ($1, 'Hjärtförbundet', 'patient', 'kansli@hjarta.example.se'),
         ($2, 'Närståendeförbundet', 'next-of-kin', 'kansli@narstaende.example.se')`,
      [orgA, orgB],
    );
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [npo] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const assignment = async (groupId: string, personId: string, state = 'active', organisationId: string | null = orgA) => {
    const id = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, nominating_organisation_id, state) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, groupId, personId, organisationId ? 'mandate' : 'own-experience', organisationId, state],
    );
    return id;
  };

  describe('payment details (finding 4)', () => {
    const cipher = () => new FieldCipher(h.config.crypto.dataKey);
    const withDetails = async () => {
      const rep = await h.createUser({ roles: ['representative'] });
      await h.dataSource.query(`UPDATE person SET personal_number_enc = $2, bank_account_enc = $3, details_given_at = now() WHERE id = $1`, [
        rep.user.personId,
        cipher().encrypt('19121212-1212'),
        cipher().encrypt('8327-9 123 456 789-0'),
      ]);
      return rep;
    };
    const reads = (personId: string): Promise<Array<{ actor: string; details: Record<string, unknown> }>> =>
      h.dataSource.query(`SELECT actor, details FROM audit_log WHERE action = 'person.payment-details-read' AND subject_id = $1 ORDER BY id`, [personId]);

    it('lets the person and finance of the payer of their assignment read them; every other finance officer and role gets the missing-person answer', async () => {
      const rep = await withDetails();
      const personId = rep.user.personId!;
      await assignment(npo, personId);
      const path = `/people/${personId}/payment-details`;
      const sodra = await h.createUser({ roles: ['finance'], payerCode: 'sodra' });
      const skr = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
      const vastra = await h.createUser({ roles: ['finance'], payerCode: 'vastra' });
      const contact = await h.createUser({ roles: ['org-contact'], organisationId: orgA });

      expect((await rep.api.get(path)).body).toMatchObject({ personalNumber: '19121212-1212', bankAccount: '8327-9 123 456 789-0' });
      const own = await sodra.api.get(path);
      expect([own.status, own.body.personalNumber, own.body.bankAccount]).toEqual([200, '19121212-1212', '8327-9 123 456 789-0']);

      const missing = await sodra.api.get(`/people/${randomUUID()}/payment-details`);
      expect([missing.status, missing.body.message]).toEqual([404, 'Personen finns inte.']);
      for (const other of [skr.api, vastra.api, admin, coordinator.api, contact.api, (await h.createUser({ roles: ['representative'] })).api]) {
        const res = await other.get(path);
        expect([res.status, res.body]).toEqual([404, missing.body]);
        // The person's payouts and slips are in the same scope.
        expect((await other.get(`/people/${personId}/payouts`)).status).toBe(404);
      }
      expect((await sodra.api.get(`/people/${personId}/payouts`)).status).toBe(200);

      const log = await reads(personId);
      expect(log.map((r) => [r.actor, r.details])).toEqual([
        [rep.user.id, { as: 'self' }],
        [sodra.user.id, { as: 'finance', payerCode: 'sodra', basis: 'assignment' }],
      ]);
      expect(JSON.stringify(log)).not.toMatch(/1212|8327/);
    });

    it('follows the payer of a pending or paid payout line, not a held one, and not an assignment only offered or declined', async () => {
      const rep = await withDetails();
      const personId = rep.user.personId!;
      await assignment(nsg, personId, 'declined', null);
      await assignment(nsg2, personId, 'nominated', orgA);
      const skr = await h.createUser({ roles: ['finance'], payerCode: 'SKL' }); // SKL is SKR
      const path = `/people/${personId}/payment-details`;
      expect((await skr.api.get(path)).status).toBe(404);

      // The person's meeting in an RPO group, paid by SKR in a run (e.g. before the payer changed): SKR still sees it.
      const live = await assignment(rpo, personId);
      const vastra = await h.createUser({ roles: ['finance'], payerCode: 'vastra' });
      expect((await vastra.api.get(path)).status).toBe(200);
      const batch = randomUUID();
      await h.dataSource.query(
        `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for) VALUES ($1, 'SKR', '2026-01', $2, 'draft', '2026-01-31', '2026-01-31')`,
        [batch, `payout-run:SKR:2026-01:${batch}`],
      );
      const report = randomUUID();
      const activity = await activityFor(h, { assignmentIds: [live], date: '2026-01-15' });
      await h.dataSource.query(
        `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, activity_id, duration_minutes, participation, claim_deadline, state,
                                  attestation_decision, attested_duration_minutes)
         VALUES ($1, $2, $3, $4, 'SKR', '2026-01-15', 'meeting', $5, 120, 'video', '2026-04-15', 'attested', 'confirmed', 120)`,
        [report, live, personId, rpo, activity],
      );
      const line = randomUUID();
      await h.dataSource.query(`INSERT INTO payout_line (id, batch_id, time_report_id, person_id, activity_date, state) VALUES ($1, $2, $3, $4, '2026-01-15', 'pending')`, [
        line,
        batch,
        report,
        personId,
      ]);
      const read = await skr.api.get(path);
      expect([read.status, read.body.bankAccount]).toEqual([200, '8327-9 123 456 789-0']);
      expect((await reads(personId)).at(-1)).toMatchObject({ actor: skr.user.id, details: { as: 'finance', basis: 'payout-line' } });

      await h.dataSource.query(`UPDATE payout_line SET state = 'held', hold_reason = 'Kvitto saknas' WHERE id = $1`, [line]);
      expect((await skr.api.get(path)).status).toBe(404);
    });
  });

  describe('invitations (finding 5)', () => {
    const accounts = (email: string) => count(`SELECT count(*)::int AS n FROM user_account WHERE lower(email) = lower($1)`, [email]);

    it('never lets a coordinator mint an organisation contact, nor reach another group through one', async () => {
      // The path of the finding: a contact of the organisation that nominated into another group, at an address of the coordinator's choosing.
      const elsewhere = await assignment(nsg, (await h.createUser({ roles: ['representative'] })).user.personId!, 'active', orgA);
      const request = randomUUID();
      await h.dataSource.query(
        `INSERT INTO nomination_request (id, group_id, organisation_id, round, state, deadline) VALUES ($1, $2, $3, 1, 'sent', now() + interval '7 days')`,
        [request, nsg, orgA],
      );
      const before = await count(`SELECT count(*)::int AS n FROM user_invitation`);
      for (const organisationId of [orgA, orgB]) {
        const email = `samordnarens.egen+${organisationId.slice(0, 4)}@example.se`;
        const res = await coordinator.api.post('/auth/invitations', { email, displayName: 'Egen Kontakt', roles: ['org-contact'], organisationId });
        expect([res.status, res.body.message]).toEqual([403, 'Organisationskontakter bjuds in av en administratör eller av en kontakt i samma organisation.']);
        expect(res.body.invitation).toBeUndefined();
        expect(await accounts(email)).toBe(0);
      }
      expect(await count(`SELECT count(*)::int AS n FROM user_invitation`)).toBe(before);
      expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE template = 'user-invitation' AND to_address LIKE 'samordnarens.egen%'`)).toBe(0);
      // Nor can the coordinator themself read the organisation's request for the other group, or read or end its assignment there.
      expect((await coordinator.api.get(`/nomination-requests`)).status).toBe(403);
      expect((await coordinator.api.get(`/nomination-requests/${request}`)).status).toBe(404);
      expect((await coordinator.api.get(`/assignments/${elsewhere}`)).status).toBe(404);
      expect((await coordinator.api.post(`/assignments/${elsewhere}/mandate-withdrawal`)).status).toBe(404);
      expect((await h.dataSource.query(`SELECT state FROM assignment WHERE id = $1`, [elsewhere]))[0].state).toBe('active');
    });

    it('lets a coordinator invite representatives for their own groups only', async () => {
      const fresh = await coordinator.api.post('/auth/invitations', { email: 'ny.person@example.se', displayName: 'Ny Person', roles: ['representative'] });
      expect(fresh.status).toBe(403);
      expect(fresh.body.message).toMatch(/egna grupper/);
      expect(await accounts('ny.person@example.se')).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM person WHERE email = 'ny.person@example.se'`)).toBe(0);

      const outsider = randomUUID();
      const insider = randomUUID();
      await h.dataSource.query(`INSERT INTO person (id, full_name, email) VALUES ($1, 'Olle Utanför', 'olle@example.se'), ($2, 'Inga Innanför', 'inga@example.se')`, [
        outsider,
        insider,
      ]);
      await assignment(nsg, outsider, 'nominated');
      await assignment(npo, insider, 'nominated');
      const refused = await coordinator.api.post('/auth/invitations', { roles: ['representative'], personId: outsider });
      expect([refused.status, refused.body.fields]).toEqual([400, { personId: ['Personen finns inte.'] }]);
      const ok = await coordinator.api.post('/auth/invitations', { roles: ['representative'], personId: insider });
      expect(ok.status).toBe(201);
      expect(ok.body.user).toMatchObject({ email: 'inga@example.se', roles: ['representative'], personId: insider });
    });

    it('lets an organisation contact invite contacts of their own organisation, and an administrator anyone', async () => {
      const contact = await h.createUser({ roles: ['org-contact'], organisationId: orgA });
      const own = await contact.api.post('/auth/invitations', { email: 'kollega@hjarta.example.se', displayName: 'Kollega Kontakt', roles: ['org-contact'], organisationId: orgA });
      expect(own.status).toBe(201);
      expect(own.body.user).toMatchObject({ roles: ['org-contact'], organisationId: orgA, status: 'invited' });
      for (const body of [
        { email: 'annan@narstaende.example.se', displayName: 'Annan', roles: ['org-contact'], organisationId: orgB },
        { email: 'rep@example.se', displayName: 'Rep', roles: ['representative'] },
        { email: 'ekonom@example.se', displayName: 'Ekonom', roles: ['finance'], payerCode: 'SKR' },
      ]) {
        const res = await contact.api.post('/auth/invitations', body);
        expect(res.status).toBe(403);
        expect(await accounts(body.email)).toBe(0);
      }
      for (const role of ['representative', 'finance'] as const) {
        const u = await h.createUser({ roles: [role] });
        expect((await u.api.post('/auth/invitations', { email: 'x@example.se', displayName: 'X', roles: ['org-contact'], organisationId: orgA })).status).toBe(403);
      }
      expect((await admin.post('/auth/invitations', { email: 'ny.kontakt@narstaende.example.se', displayName: 'Ny Kontakt', roles: ['org-contact'], organisationId: orgB })).status).toBe(201);
    });
  });

  describe('organisations (finding 6)', () => {
    it('lets a coordinator read an organisation they created, and any organisation they may list; not other roles', async () => {
      const created = await coordinator.api.post('/organisations', { name: 'Nyförbundet', perspective: 'both', contactEmail: 'kansli@ny.example.se' });
      expect(created.status).toBe(201);
      const read = await coordinator.api.get(`/organisations/${created.body.id}`);
      expect([read.status, read.body]).toEqual([200, created.body]);
      expect((await (await h.createUser({ roles: ['coordinator'] })).api.get(`/organisations/${orgB}`)).body).toMatchObject({ id: orgB, name: 'Närståendeförbundet' });
      expect((await (await h.createUser({ roles: ['org-contact'], organisationId: orgA })).api.get(`/organisations/${orgA}`)).status).toBe(200);

      const missing = await coordinator.api.get(`/organisations/${randomUUID()}`);
      expect([missing.status, missing.body.message]).toEqual([404, 'Organisationen finns inte.']);
      for (const roles of [['representative'], ['finance'], ['org-contact']] as const) {
        const u = await h.createUser({ roles: [...roles] });
        const res = await u.api.get(`/organisations/${orgA}`);
        expect([res.status, res.body]).toEqual([404, missing.body]);
      }
    });

    it('answers a PATCH that changes nothing with 400 and a Swedish message, and writes nothing', async () => {
      const audit = () => count(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1`, [orgA]);
      const before = await audit();
      for (const body of [{}, undefined]) {
        const res = await admin.patch(`/organisations/${orgA}`, body);
        expect([res.status, res.body.message]).toEqual([400, 'Ange minst ett fält att ändra.']);
      }
      const raw = await admin.fetch(`/organisations/${orgA}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '[]' });
      expect(raw.status).toBe(400);
      expect(await audit()).toBe(before);
      // Still only administrators change an organisation: a coordinator, who reads it, is refused (403), not told
      // that an organisation it can read is missing.
      const res = await coordinator.api.patch(`/organisations/${orgA}`, { name: 'Nytt namn' });
      expect(res.status).toBe(403);
      expect((await admin.get(`/organisations/${orgA}`)).body.name).not.toBe('Nytt namn');
      expect((await admin.patch(`/organisations/${orgA}`, { contactEmail: 'ny@hjarta.example.se' })).status).toBe(200);
    });
  });
});
