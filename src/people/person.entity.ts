import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const PERSPECTIVES = ['patient', 'next-of-kin'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

/**
 * A patient or next-of-kin representative (or a nominee who may become one).
 * Personnummer/samordningsnummer and bank account are stored only encrypted (see src/crypto/field-cipher.ts);
 * `personalNumberIndex` is a keyed hash for finding duplicates. Neither is ever logged or put in a workflow.
 */
@Entity({ name: 'person' })
export class Person {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'full_name' })
  fullName: string;

  @Column('text')
  email: string;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  perspective: Perspective | null;

  /** Accessibility needs the group should know about (e.g. hearing loop, large print, wheelchair access). */
  @Column('text', { name: 'accessibility_needs', nullable: true })
  accessibilityNeeds: string | null;

  /** Birth date (YYYY-MM-DD), for the employer contribution rules by age. */
  @Column('date', { name: 'birth_date', nullable: true })
  birthDate: string | null;

  @Column('text', { name: 'personal_number_enc', nullable: true, select: false })
  personalNumberEnc: string | null;

  @Column('text', { name: 'personal_number_index', nullable: true, select: false })
  personalNumberIndex: string | null;

  @Column('text', { name: 'bank_account_enc', nullable: true, select: false })
  bankAccountEnc: string | null;

  /** Postal address for payout slips and tax statements. */
  @Column('text', { name: 'postal_address', nullable: true })
  postalAddress: string | null;

  /** Told by the person: the fee is their main income, so the tax table applies instead of 30 %. */
  @Column('boolean', { name: 'tax_table_main_income', default: false })
  taxTableMainIncome: boolean;

  /** The person's tax table percentage when taxTableMainIncome (e.g. 32). */
  @Column('numeric', { name: 'tax_table_percent', nullable: true })
  taxTablePercent: string | null;

  /** F-skatt, FA-skatt or neither (issue 16 #5): with F-skatt, or FA-skatt whose F-skatt was invoked, the payer's F-skatt policy applies. */
  @Column('text', { name: 'tax_status', default: 'none' })
  taxStatus: 'none' | 'fa-skatt' | 'f-skatt';

  /** When the person invoked their F-skatt in writing (FA-skatt only); null: paid as a private person. */
  @Column('timestamptz', { name: 'f_skatt_invoked_at', nullable: true })
  fSkattInvokedAt: Date | null;

  /** The person receives benefits from Försäkringskassan: they are told to check its rules (§4.5.2). */
  @Column('boolean', { name: 'receives_benefits', default: false })
  receivesBenefits: boolean;

  /** A guardian's consent (a person under 18): who consented and when it was recorded. */
  @Column('text', { name: 'guardian_consent_name', nullable: true })
  guardianConsentName: string | null;

  @Column('timestamptz', { name: 'guardian_consent_at', nullable: true })
  guardianConsentAt: Date | null;

  @Column('timestamptz', { name: 'details_given_at', nullable: true })
  detailsGivenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
