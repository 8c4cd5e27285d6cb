import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { FieldCipher } from '../../src/crypto/field-cipher';

/**
 * Bulk setup through SQL (never timed): what the API would have stored before a workflow step, for many cases
 * at once (one statement per table and chunk, with unnest).
 */

const CHUNK = 10_000;

/** Runs `sql` once per chunk of rows: `$1…$k` are the column arrays, the parameters after them `scalars`. */
export async function insertRows(ds: DataSource, sql: string, columns: unknown[][], scalars: unknown[] = []): Promise<void> {
  const n = columns[0]?.length ?? 0;
  for (let from = 0; from < n; from += CHUNK) {
    await ds.query(sql, [...columns.map((c) => c.slice(from, from + CHUNK)), ...scalars]);
  }
}

/** A working group (NSG: SKR pays) with one coordinator; returns their IDs. */
export async function createGroup(ds: DataSource, name = 'NSG Prestandamätning'): Promise<{ groupId: string; coordinatorId: string }> {
  const groupId = randomUUID();
  const coordinatorId = randomUUID();
  await ds.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, $2, 'NSG', $3)`, [
    groupId,
    name,
    'Ta fram nationella rekommendationer med patienter och närstående, och mäta hur fort det går.',
  ]);
  await ds.query(`INSERT INTO user_account (id, email, display_name, roles) VALUES ($1, $2, 'Sara Samordnare', '{coordinator}')`, [
    coordinatorId,
    `samordnare-${groupId.slice(0, 8)}@bench.medverkan.se`,
  ]);
  await ds.query(`INSERT INTO group_coordinator (group_id, user_id) VALUES ($1, $2)`, [groupId, coordinatorId]);
  return { groupId, coordinatorId };
}

export interface BenchPerson {
  personId: string;
  assignmentId: string;
  /** A representative's user id (the actor of their steps). */
  repUserId: string;
  declarationId: string;
}

/** Fictitious 12-digit personnummer-like numbers (format only; they identify no one). */
export function fakePersonalNumber(i: number): string {
  const day = new Date(Date.UTC(1945, 0, 1) + ((i * 7919) % 22_000) * 86_400_000);
  const ymd = day.toISOString().slice(0, 10).replace(/-/g, '');
  return `${ymd}${String(i % 10_000).padStart(4, '0')}`;
}

/**
 * People with their payment details given (encrypted personnummer and account, birth date, as the API stores
 * them before `detailsGiven`), each with an assignment in `groupId` (own experience, monthly reporting) and a
 * stored declaration of interests (what the API stores before `declarationSubmitted`).
 */
export async function createPeople(
  ds: DataSource,
  cipher: FieldCipher,
  o: { groupId: string; count: number; state?: string; tag?: string },
): Promise<BenchPerson[]> {
  const people: BenchPerson[] = Array.from({ length: o.count }, () => ({
    personId: randomUUID(),
    assignmentId: randomUUID(),
    repUserId: randomUUID(),
    declarationId: randomUUID(),
  }));
  const tag = o.tag ?? randomUUID().slice(0, 6);
  const pnr = people.map((_, i) => fakePersonalNumber(i));
  await insertRows(
    ds,
    `INSERT INTO person (id, full_name, email, perspective, birth_date, personal_number_enc, bank_account_enc, details_given_at)
     SELECT id, name, email, 'patient', birth::date, pnr, account, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, name, email, birth, pnr, account)`,
    [
      people.map((p) => p.personId),
      people.map((_, i) => `Företrädare ${tag} ${i + 1}`),
      people.map((_, i) => `foretradare-${tag}-${i + 1}@bench.medverkan.se`),
      pnr.map((n) => `${n.slice(0, 4)}-${n.slice(4, 6)}-${n.slice(6, 8)}`),
      pnr.map((n) => cipher.encrypt(n)),
      people.map((_, i) => cipher.encrypt(`8327-9-${String(100_000_000 + i)}`)),
    ],
  );
  await insertRows(
    ds,
    `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end, fee_mode, reporting_frequency,
                             estimated_meeting_hours, estimated_other_hours)
     SELECT id, $3, person, 'own-experience', $4, date_trunc('year', now())::date, (date_trunc('year', now()) + interval '2 years - 1 day')::date,
            'session', 'monthly', 40, 20
       FROM unnest($1::uuid[], $2::uuid[]) AS t(id, person)`,
    [people.map((p) => p.assignmentId), people.map((p) => p.personId)],
    [o.groupId, o.state ?? 'nominated'],
  );
  await insertRows(
    ds,
    `INSERT INTO declaration (id, assignment_id, person_id, has_interests, state, submitted_by)
     SELECT id, assignment, person, false, 'stored', rep FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS t(id, assignment, person, rep)`,
    [people.map((p) => p.declarationId), people.map((p) => p.assignmentId), people.map((p) => p.personId), people.map((p) => p.repUserId)],
  );
  return people;
}

/** Paying bodies (national kind, monthly payouts; the national rate tables apply), one per code. */
export async function createPayers(ds: DataSource, codes: string[]): Promise<void> {
  await insertRows(
    ds,
    `INSERT INTO paying_body (code, name, kind, payout_frequency) SELECT code, 'Mätbetalare ' || code, 'national', 'monthly' FROM unnest($1::text[]) AS t(code)`,
    [codes],
  );
}
