import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const ORGANISATION_PERSPECTIVES = ['patient', 'next-of-kin', 'both'] as const;
export type OrganisationPerspective = (typeof ORGANISATION_PERSPECTIVES)[number];

/** A patient or next-of-kin organisation that nominates representatives. */
@Entity({ name: 'organisation' })
export class Organisation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Organisationsnummer (a legal entity's number, not personal data). */
  @Column('text', { name: 'org_number', nullable: true })
  orgNumber: string | null;

  @Column('text')
  perspective: OrganisationPerspective;

  /** Where nomination requests go. */
  @Column('text', { name: 'contact_email' })
  contactEmail: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
