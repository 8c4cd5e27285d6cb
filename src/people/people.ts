import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Perspective } from './person.entity';

/** The form of an e-mail address people are found by: trimmed, lower case (the index is on `lower(email)`). */
export const emailKey = (email: string): string => email.trim().toLowerCase();

export interface NewPerson {
  fullName: string;
  email: string;
  phone?: string | null;
  perspective?: Perspective | null;
}

/**
 * The person with this e-mail address (any letter case), created when there is none. Concurrent calls with the
 * same address converge on one row: the insert waits for the other transaction and does nothing when it stored
 * the address first (`person_email_once`, migration 1765400000000). An existing person keeps their name and
 * details; `created` says whether this call stored them.
 */
export async function findOrCreatePerson(em: EntityManager, p: NewPerson): Promise<{ id: string; created: boolean }> {
  const email = emailKey(p.email);
  const inserted: Array<{ id: string }> = await em.query(
    `INSERT INTO person (id, full_name, email, phone, perspective) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ((lower(email))) WHERE duplicate_of IS NULL DO NOTHING RETURNING id`,
    [randomUUID(), p.fullName.trim(), email, p.phone?.trim() || null, p.perspective ?? null],
  );
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [found]: Array<{ id: string }> = await em.query(`SELECT id FROM person WHERE lower(email) = $1 AND duplicate_of IS NULL`, [email]);
  if (!found) throw new Error('person_email_once: a conflicting person is not visible'); // cannot happen: the conflict was committed
  return { id: found.id, created: false };
}

/** The name of the constraint (or trigger-raised constraint) a database error is about, if any. */
export function violatedConstraint(e: unknown): string | undefined {
  const o = e as { constraint?: unknown; driverError?: { constraint?: unknown } } | null;
  const c = o?.constraint ?? o?.driverError?.constraint;
  return typeof c === 'string' ? c : undefined;
}
