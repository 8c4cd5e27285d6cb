import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../src/crypto/field-cipher';
import { Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Issue 13 #2: approval freezes what is paid. The bank file, the AGI figures and the slip of an approved run are
 * those of the moment of approval, whatever the person changes afterwards; the database refuses changes to an
 * approved run's people; a later change of details is paid by the next run and shown there to finance as a warning.
 */
describe('payout guarantees: an approved run is frozen', () => {
  let h: Harness;
  let cipher: FieldCipher;
  let groupId: string;
  let anna: TestUser;
  let coordinator: TestUser;
  let finance: TestUser;
  let assignmentId: string;
  const OLD_ACCOUNT = '8327-9, 123 456 789-0';
  const NEW_ACCOUNT = '6000 987 654 321';
  const PNR = '198507099805';

  beforeAll(async () => {
    h = await startHarness();
    cipher = new FieldCipher(h.config.crypto.dataKey);
    const admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Frysta utbetalningar', 'NSG', 'Prov.')`, [groupId]);
    anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    await setDetails(anna.user.personId!, OLD_ACCOUNT);
    assignmentId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
       VALUES ($1, $2, $3, 'own-experience', 'active', '2026-01-01', '2026-12-31')`,
      [assignmentId, groupId, anna.user.personId],
    );
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
    for (const activityDate of ['2026-09-10', '2026-10-15']) {
      const created = await anna.api.post('/time-reports', { assignmentId, activityDate, kind: 'meeting', durationMinutes: 240, participation: 'video' });
      expect(created.status).toBe(201);
      expect((await anna.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);
      expect((await coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  /** The person's details as the payment-details step stores them (encrypted, a fresh ciphertext every time). */
  async function setDetails(personId: string, account: string) {
    await h.dataSource.query(
      `UPDATE person SET personal_number_enc = $2, personal_number_index = $3, bank_account_enc = $4, birth_date = '1985-07-09' WHERE id = $1`,
      [personId, cipher.encrypt(PNR), cipher.blindIndex(PNR), cipher.encrypt(account)],
    );
  }

  async function startRun(period: string): Promise<any> {
    const started = await finance.api.post('/payers/SKR/payout-runs', { period });
    expect(started.status).toBe(202);
    expect(started.body.batch).not.toBeNull();
    return started.body.batch;
  }

  async function approve(batchId: string): Promise<any> {
    // A recomputation answers 409 once (finance looks again); then the approval goes through.
    for (let i = 0; i < 3; i++) {
      const r = await finance.api.post(`/payout-runs/${batchId}/approve`);
      if (r.status === 200) return r.body;
      expect(r.status).toBe(409);
    }
    throw new Error('not approved');
  }

  async function bankFileRows(batchId: string): Promise<string[]> {
    const csv = await finance.api.fetch(`/payout-runs/${batchId}/payments.csv`);
    expect(csv.status).toBe(200);
    return (await csv.text()).replace(/^\ufeff/, '').trim().split('\r\n').slice(1);
  }

  const dbError = async (sql: string, params: unknown[]): Promise<string> => {
    try {
      await h.dataSource.query(sql, params);
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };

  let september: any;

  it('approve, change the account, export: the bank file pays the account of the approval', async () => {
    const draft = await startRun('2026-09');
    september = await approve(draft.batch.id);
    expect(september.batch.state).toBe('approved');
    expect(await bankFileRows(september.batch.id)).toEqual([expect.stringMatching(/^198507099805;8327-9,123456789-0;\d+,\d\d;Arvode medverkan 2026-09$/)]);

    await setDetails(anna.user.personId!, NEW_ACCOUNT);
    // The same file after the change: still the account the approval froze (before the fix: the new one).
    expect(await bankFileRows(september.batch.id)).toEqual([expect.stringMatching(/^198507099805;8327-9,123456789-0;/)]);
    const agi = await finance.api.get(`/payout-runs/${september.batch.id}/agi`);
    expect(agi.status).toBe(200);
    expect(agi.body.persons.map((p: any) => p.field215)).toEqual([PNR]);
    expect(draft.warnings).toEqual([]);
    // The approved run itself shows no warning: it paid what it froze.
    expect((await finance.api.get(`/payout-runs/${september.batch.id}`)).body.warnings).toEqual([]);
  });

  it('refuses in the database any change to an approved run’s people, and an approval without the frozen details', async () => {
    const batchId = september.batch.id as string;
    for (const sql of [
      `UPDATE payout_payee SET bank_account_enc = $2 WHERE batch_id = $1`,
      `UPDATE payout_payee SET personal_number_enc = $2 WHERE batch_id = $1`,
    ]) {
      expect(await dbError(sql, [batchId, cipher.encrypt(NEW_ACCOUNT)])).toMatch(/frozen payment details of a payout are final/);
    }
    expect(await dbError(`DELETE FROM payout_payee WHERE batch_id = $1`, [batchId])).toMatch(/are final/);
    expect(await dbError(`UPDATE payout_person SET net_ore = net_ore + 100, tax_withheld_ore = 0 WHERE batch_id = $1`, [batchId])).toMatch(
      /people of an approved payout batch are final/,
    );
    expect(await dbError(`DELETE FROM payout_person WHERE batch_id = $1`, [batchId])).toMatch(/are final/);
    const frozen = await h.dataSource.query(`SELECT bank_account_enc, personal_number_enc, frozen_at FROM payout_payee WHERE batch_id = $1`, [batchId]);
    expect(frozen).toHaveLength(1);
    expect(cipher.decrypt(frozen[0].bank_account_enc)).toBe(OLD_ACCOUNT);
    expect(cipher.decrypt(frozen[0].personal_number_enc)).toBe(PNR);
    expect(frozen[0].frozen_at).not.toBeNull();
  });

  it('the next run pays the new account and warns finance that the details changed', async () => {
    const october = await startRun('2026-10');
    expect(october.batch.state).toBe('draft');
    expect(october.persons).toEqual([expect.objectContaining({ personId: anna.user.personId, paymentDetailsChanged: true })]);
    expect(october.warnings).toEqual([
      {
        kind: 'payment-details-changed',
        personId: anna.user.personId,
        personName: 'Anna Andersson',
        message: expect.stringMatching(/^Anna Andersson: bankkontot eller personnumret har ändrats sedan utbetalningen för .+\. Kontrollera/),
      },
    ]);
    // The database refuses an approval row while a person's details are not frozen (the approval copies them first).
    expect(await dbError(`INSERT INTO payout_approval (batch_id, approved_by, payment_date, net_ore, line_count) VALUES ($1, $2, current_date, 0, 0)`, [october.batch.id, finance.user.id])).toMatch(
      /details frozen/,
    );
    const approved = await approve(october.batch.id);
    expect(approved.warnings).toHaveLength(1); // finance still sees what it approved over
    expect(await bankFileRows(october.batch.id)).toEqual([expect.stringMatching(/^198507099805;6000987654321;\d+,\d\d;Arvode medverkan 2026-10$/)]);
    expect(await bankFileRows(september.batch.id)).toEqual([expect.stringMatching(/^198507099805;8327-9,123456789-0;/)]);
  });

  it('giving the same details again is no change', async () => {
    await setDetails(anna.user.personId!, NEW_ACCOUNT.replace(/ /g, '')); // a fresh ciphertext, the same account
    const created = await anna.api.post('/time-reports', { assignmentId, activityDate: '2026-11-12', kind: 'meeting', durationMinutes: 240, participation: 'video' });
    expect(created.status).toBe(201);
    expect((await anna.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);
    expect((await coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
    const november = await startRun('2026-11');
    expect(november.persons).toEqual([expect.objectContaining({ paymentDetailsChanged: false })]);
    expect(november.warnings).toEqual([]);
  });
});
