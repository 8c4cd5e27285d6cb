import { eventually, Harness, startHarness } from './support/harness';
import { appoint, createGroup, createOrganisation, invitationTokenFor, nominate, representativeFor, startRound, TERMS } from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies and SQL rows */

/**
 * Issue 14 (the drill): 3 appointed nominees never got their invitation mail. The mail was written after the
 * invitation's transaction; with the database gone in between, the invitation (and account) stayed and the mail
 * was lost, and the appointment's retry found the account and sent nothing. The mail is now written in the
 * invitation's transaction, and an account whose invitation has no mail is invited again.
 */
describe('an appointed nominee\'s invitation mail survives a database outage', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const invitations = async (personId: string) =>
    h.dataSource.query(
      `SELECT i.id, i.revoked_at FROM user_invitation i JOIN user_account u ON u.id = i.user_id WHERE u.person_id = $1 ORDER BY i.created_at, i.id`,
      [personId],
    ) as Promise<Array<{ id: string; revoked_at: Date | null }>>;

  it('an invitation whose mail could not be written is not left without it: the retried appointment mails the nominee', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const nomination = await nominate(org, requests[org.id]);
    const personId: string = nomination.nominee.personId;

    // The database refuses the invitation's mail, as it refuses every write while PostgreSQL restarts.
    await h.dataSource.query(`
      CREATE FUNCTION refuse_invitation_mail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.template = 'user-invitation' THEN
          RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01';
        END IF;
        RETURN NEW;
      END $$`);
    await h.dataSource.query(`CREATE TRIGGER refuse_invitation_mail BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_invitation_mail()`);
    let res: any;
    try {
      // The appointment stands; its invitation failed with the database (logged, answered without an invitation).
      res = await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${nomination.id}/appoint`, TERMS);
      expect(res.status).toBe(201);
      expect(res.body.invitation).toBeNull();
    } finally {
      await h.dataSource.query(`DROP TRIGGER refuse_invitation_mail ON outbox`);
      await h.dataSource.query(`DROP FUNCTION refuse_invitation_mail()`);
    }
    // No invitation without its mail.
    expect(await invitationTokenFor(h, personId)).toBeUndefined();
    expect(await invitations(personId)).toEqual([]);

    // The coordinator's retry (its first answer looked like a failure) is refused as a repeat, and invites.
    const again = await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${nomination.id}/appoint`, TERMS);
    expect(again.status).toBe(409);
    await eventually(() => invitationTokenFor(h, personId));
    const rep = await representativeFor(h, nomination);
    expect(rep.user.personId).toBe(personId);
  });

  it('an account whose invitation mail is missing (lost before the fix) is invited again by the retried appointment, the old link revoked', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const nomination = await nominate(org, requests[org.id]);
    const personId: string = nomination.nominee.personId;
    await appoint(group, nomination.id);
    const [first] = await invitations(personId);
    expect(first).toBeDefined();
    // What the drill left: the invitation without its mail.
    await h.dataSource.query(`DELETE FROM outbox WHERE idempotency_key = $1`, [`invitation:${first.id}`]);

    const again = await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${nomination.id}/appoint`, TERMS);
    expect(again.status).toBe(409);
    const all = await eventually(async () => {
      const rows = await invitations(personId);
      return rows.length === 2 ? rows : undefined;
    });
    expect(all[0]).toMatchObject({ id: first.id, revoked_at: expect.any(Date) });
    expect(all[1].revoked_at).toBeNull();
    const rep = await representativeFor(h, nomination);
    expect(rep.user.personId).toBe(personId);
    // A retry once the mail is there sends nothing new.
    expect((await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${nomination.id}/appoint`, TERMS)).status).toBe(409);
    expect(await invitations(personId)).toHaveLength(2);
  });
});
