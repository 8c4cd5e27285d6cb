import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Perspective } from './person.entity';

/** The form of an e-mail address people are found by: trimmed, lower case (the index is on `lower(email)`). */
export const emailKey = (email: string): string => email.trim().toLowerCase();

export interface NewPerson {
  fullName: string;
  email: string;
  phone?: string | null;
  perspective?: Perspective | null;
}

/** The person table: one person per e-mail address, their name and contact details, their encrypted payment details. */
@Injectable()
export class PeopleRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /**
   * The person with this e-mail address (any letter case), created when there is none. Concurrent calls with the
   * same address converge on one row: the insert waits for the other transaction and does nothing when it stored
   * the address first (`person_email_once`, migration 1765400000000). An existing person keeps their name and
   * details; `created` says whether this call stored them.
   */
  async findOrCreate(p: NewPerson, em: EntityManager = this.ds.manager): Promise<{ id: string; created: boolean }> {
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

  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM person WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** The person's name and e-mail address as stored, or undefined when there is no such person. */
  async nameAndEmail(id: string): Promise<{ fullName: string; email: string } | undefined> {
    const [row]: Array<{ full_name: string; email: string }> = await this.ds.query(`SELECT full_name, email FROM person WHERE id = $1`, [id]);
    return row ? { fullName: row.full_name, email: row.email } : undefined;
  }

  /** The encrypted personnummer and bank account (decrypt with the field cipher), or undefined for no such person. */
  async encryptedPaymentDetails(
    id: string,
  ): Promise<{ personalNumberEnc: string | null; bankAccountEnc: string | null; detailsGivenAt: Date | null } | undefined> {
    const [row]: Array<{ personal_number_enc: string | null; bank_account_enc: string | null; details_given_at: Date | null }> = await this.ds.query(
      `SELECT personal_number_enc, bank_account_enc, details_given_at FROM person WHERE id = $1`,
      [id],
    );
    return row ? { personalNumberEnc: row.personal_number_enc, bankAccountEnc: row.bank_account_enc, detailsGivenAt: row.details_given_at } : undefined;
  }
}

