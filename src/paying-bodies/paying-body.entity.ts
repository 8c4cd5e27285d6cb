import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HealthcareRegion } from '../working-groups/working-group.entity';

export const PAYING_BODY_KINDS = ['national', 'healthcare-region', 'region'] as const;
export type PayingBodyKind = (typeof PAYING_BODY_KINDS)[number];

export const PAYOUT_FREQUENCIES = ['monthly', 'quarterly'] as const;
/** Payout is monthly or quarterly, so administration does not grow with the number of meetings (§4.5). */
export type PayoutFrequency = (typeof PAYOUT_FREQUENCIES)[number];

/**
 * Who pays fees and travel (§4.5.4–4.5.5): SKR (also known by the routine's older name SKL), one of the six
 * healthcare regions (host of an NPO, or for its own RPO/RAG), or one of the 21 regions.
 */
@Entity({ name: 'paying_body' })
export class PayingBody {
  /** `SKR`, a healthcare region (`sodra`, …) or a region (`region-skane`, …). */
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: PayingBodyKind;

  /** A healthcare region's own code, or the healthcare region a region belongs to; null for SKR. */
  @Column('text', { name: 'healthcare_region', nullable: true })
  healthcareRegion: HealthcareRegion | null;

  @Column('text', { name: 'payout_frequency' })
  payoutFrequency: PayoutFrequency;

  /** What the payer does with a payee on F-skatt (issue 16 #5): `refuse` (default) or `pay-without-deductions`. */
  @Column('text', { name: 'f_skatt_policy', default: 'refuse' })
  fSkattPolicy: 'refuse' | 'pay-without-deductions';

  /** Whom a person refused on F-skatt is told to contact (null: the group's coordinator). */
  @Column('text', { name: 'f_skatt_contact', nullable: true })
  fSkattContact: string | null;

  /** Other names accepted for this payer (SKR: `SKL`). */
  @Column('text', { array: true, default: () => "'{}'" })
  aliases: string[];

  /** A declaration of interests is renewed at least this often (months; default 36, some regions 12). §4.3. */
  @Column('int', { name: 'declaration_renew_months', default: 36 })
  declarationRenewMonths: number;
}
