import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PayoutFrequency } from './paying-body.entity';

export const PAIN_VERSIONS = ['pain.001.001.09', 'pain.001.001.03'] as const;
export type PainVersion = (typeof PAIN_VERSIONS)[number];
export const CATEGORY_PURPOSES = ['SALA', 'SUPP'] as const;
export type CategoryPurpose = (typeof CATEGORY_PURPOSES)[number];
export const F_SKATT_POLICIES = ['refuse', 'pay-without-deductions'] as const;
export type FSkattPolicy = (typeof F_SKATT_POLICIES)[number];

/** A paying body's settings as stored (migration 1765840000000); the account still encrypted. */
export interface PayingBodySettingsRow {
  code: string;
  name: string;
  payoutFrequency: PayoutFrequency;
  organisationNumber: string | null;
  bankAccountEnc: string | null;
  bankAccountKind: 'bban' | 'iban' | null;
  bankBic: string | null;
  painVersion: PainVersion;
  categoryPurpose: CategoryPurpose | null;
  salaryPaymentAgreement: boolean;
  /** What the payer does with a payee on F-skatt (issue 16 #5). */
  fSkattPolicy: FSkattPolicy;
  /** Whom a payee refused on F-skatt is told to contact (null: the group's coordinator). */
  fSkattContact: string | null;
  /** A declaration of interests is renewed at least this often, in months (issue 16 #6; 1–36). */
  declarationRenewMonths: number;
  settingsUpdatedAt: Date | null;
}

/** What an administrator's change writes: every setting, as the service decided it (unchanged ones as they were). */
export type PayingBodySettingsWrite = Omit<PayingBodySettingsRow, 'code' | 'name' | 'settingsUpdatedAt'>;

const SELECT = `SELECT code, name, payout_frequency, organisation_number, bank_account_enc, bank_account_kind, bank_bic, pain_version,
                       category_purpose, salary_payment_agreement, f_skatt_policy, f_skatt_contact, declaration_renew_months,
                       settings_updated_at
                  FROM paying_body`;

type Raw = {
  code: string;
  name: string;
  payout_frequency: PayoutFrequency;
  organisation_number: string | null;
  bank_account_enc: string | null;
  bank_account_kind: 'bban' | 'iban' | null;
  bank_bic: string | null;
  pain_version: PainVersion;
  category_purpose: CategoryPurpose | null;
  salary_payment_agreement: boolean;
  f_skatt_policy: FSkattPolicy;
  f_skatt_contact: string | null;
  declaration_renew_months: number;
  settings_updated_at: Date | null;
};

const toRow = (r: Raw): PayingBodySettingsRow => ({
  code: r.code,
  name: r.name,
  payoutFrequency: r.payout_frequency,
  organisationNumber: r.organisation_number,
  bankAccountEnc: r.bank_account_enc,
  bankAccountKind: r.bank_account_kind,
  bankBic: r.bank_bic,
  painVersion: r.pain_version,
  categoryPurpose: r.category_purpose,
  salaryPaymentAgreement: r.salary_payment_agreement,
  fSkattPolicy: r.f_skatt_policy,
  fSkattContact: r.f_skatt_contact,
  declarationRenewMonths: r.declaration_renew_months,
  settingsUpdatedAt: r.settings_updated_at,
});

/**
 * The paying bodies' own settings (src/paying-bodies): organisation number, bank account, payment file and frequency, and
 * the routine's policies per payer (F-skatt, declaration renewal).
 */
@Injectable()
export class PayingBodySettingsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** The settings of the body with exactly this code; `FOR UPDATE` inside a change's transaction. */
  async settingsOf(code: string, em?: EntityManager, forUpdate = false): Promise<PayingBodySettingsRow | null> {
    const rows: Raw[] = await (em ?? this.ds).query(`${SELECT} WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`, [code]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async write(code: string, s: PayingBodySettingsWrite, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE paying_body SET payout_frequency = $2, organisation_number = $3, bank_account_enc = $4, bank_account_kind = $5, bank_bic = $6,
              pain_version = $7, category_purpose = $8, salary_payment_agreement = $9, f_skatt_policy = $10, f_skatt_contact = $11,
              declaration_renew_months = $12, settings_updated_at = now()
        WHERE code = $1`,
      [
        code,
        s.payoutFrequency,
        s.organisationNumber,
        s.bankAccountEnc,
        s.bankAccountKind,
        s.bankBic,
        s.painVersion,
        s.categoryPurpose,
        s.salaryPaymentAgreement,
        s.fSkattPolicy,
        s.fSkattContact,
        s.declarationRenewMonths,
      ],
    );
  }

  /** The periods of the payer's runs that wait for approval (a frequency change waits until they are decided). */
  async draftPeriods(code: string, em: EntityManager): Promise<string[]> {
    const rows: Array<{ period: string }> = await em.query(`SELECT period FROM payout_batch WHERE payer_code = $1 AND state = 'draft' ORDER BY period`, [code]);
    return rows.map((r) => r.period);
  }
}
