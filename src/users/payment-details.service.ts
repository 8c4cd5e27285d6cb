import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, SCOPE_NOT_FOUND_MESSAGES } from '../auth/access-policy';
import { appendAudit } from '../audit/audit-log.repository';
import type { AuthUser } from '../auth/auth-user';
import { NotFoundError } from '../common/errors';
import { FIELD_CIPHER, FieldCipher } from '../crypto/field-cipher';
import { PeopleRepository } from '../people/people.repository';

export interface PaymentDetails {
  personId: string;
  personalNumber: string | null;
  bankAccount: string | null;
  detailsGivenAt: string | null;
}

/**
 * A person's personnummer and bank account, decrypted for the person themself and for finance of a payer that pays
 * them (`AccessPolicy.paymentDetailsBasis`: the `person` scope, checked by the guard before this runs, and again
 * here). Every read is written to the audit log, with who read it and why they could; the values themselves never
 * are.
 */
@Injectable()
export class PaymentDetailsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
  ) {}

  async read(reader: AuthUser, personId: string): Promise<PaymentDetails> {
    const row = await this.people.encryptedPaymentDetails(personId);
    const basis = row ? await this.policy.paymentDetailsBasis(reader, personId) : null;
    if (!row || !basis) throw new NotFoundError(SCOPE_NOT_FOUND_MESSAGES.person);
    await appendAudit(this.ds, {
      actor: reader.id,
      action: 'person.payment-details-read',
      subjectType: 'person',
      subjectId: personId,
      details: { ...basis },
    });
    return {
      personId,
      personalNumber: row.personalNumberEnc ? this.cipher.decrypt(row.personalNumberEnc) : null,
      bankAccount: row.bankAccountEnc ? this.cipher.decrypt(row.bankAccountEnc) : null,
      detailsGivenAt: row.detailsGivenAt ? new Date(row.detailsGivenAt).toISOString() : null,
    };
  }
}
