import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AssignmentTerms } from '../../workflows/recruitment.messages';
import type { AssignmentState, PeriodState } from '../../workflows/assignment.messages';
import type { FeeMode, Representation, ReportingFrequency } from './assignment.entity';
import { AgreementDraft, type AgreementTermsData } from './agreement-draft.entity';
import { Assignment } from './assignment.entity';
import { Declaration } from './declaration.entity';
import { ReportingPeriod } from './reporting-period.entity';

/** A stored agreement draft: its id, version and rendered document (null until rendered). */
export interface StoredDraft {
  agreementId: string;
  version: number;
  documentId: string | null;
  /** When the draft was stored: the time its PDF states, so that a retried rendering makes the same document. */
  draftedAt: Date;
}

/** What an agreement is drafted from: the assignment's terms, its group, organisation and contact person. */
export interface AgreementSource {
  id: string;
  representation: string;
  nominatingOrganisationId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  feeMode: FeeMode;
  reportingFrequency: ReportingFrequency;
  employedByOrganisation: boolean;
  extraPreparationDays: number;
  estimatedMeetingHours: number | null;
  estimatedOtherHours: number | null;
  contactUserId: string | null;
  groupId: string;
  groupName: string;
  groupKind: string;
  commission: string;
  parentName: string | null;
  organisationName: string | null;
  contactName: string | null;
  contactEmail: string | null;
}

const toDraft = (r: { id: string; version: number; document_id: string | null; drafted_at: Date }): StoredDraft => ({
  agreementId: r.id,
  version: r.version,
  documentId: r.document_id ?? null,
  draftedAt: new Date(r.drafted_at),
});

/**
 * Assignments' data: the assignment, its agreement drafts, declarations and reporting periods. A Nest provider
 * for the API, built from the DataSource by the worker's activities. Methods taking an EntityManager run on it
 * (the caller's transaction); the others run on their own.
 */
@Injectable()
export class AssignmentsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  // --- reads for the API ------------------------------------------------------------------------------------------

  findAssignment(id: string): Promise<Assignment | null> {
    return this.ds.getRepository(Assignment).findOneBy({ id });
  }

  /** The group's id and name (undefined when there is no such group). */
  async groupName(groupId: string): Promise<{ id: string; name: string }> {
    const [group] = await this.ds.query(`SELECT id, name FROM working_group WHERE id = $1`, [groupId]);
    return group;
  }

  /** The name and perspective of the assignment's representative, or null when there is no such assignment. */
  async representativeOf(assignmentId: string): Promise<{ fullName: string; perspective: string | null } | null> {
    const [person] = (await this.ds.query(
      `SELECT p.full_name, COALESCE(a.perspective, p.perspective) AS perspective FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.id = $1`,
      [assignmentId],
    )) as Array<{ full_name: string; perspective: string | null }>;
    return person ? { fullName: person.full_name, perspective: person.perspective } : null;
  }

  /** The person's id, name and when they gave their personal details (undefined when there is no such person). */
  async personSummary(personId: string): Promise<{ id: string; full_name: string; details_given_at: Date | null }> {
    const [person] = await this.ds.query(`SELECT id, full_name, details_given_at FROM person WHERE id = $1`, [personId]);
    return person;
  }

  /** What the person said at the payee details step (issue 16 #5): tax status, main income, benefits, a guardian's consent. No numbers. */
  async payeeAnswers(personId: string): Promise<{
    tax_status: 'none' | 'fa-skatt' | 'f-skatt';
    f_skatt_invoked_at: Date | null;
    tax_table_main_income: boolean;
    receives_benefits: boolean;
    guardian_consent_name: string | null;
    guardian_consent_at: Date | null;
  }> {
    const [row] = await this.ds.query(
      `SELECT tax_status, f_skatt_invoked_at, tax_table_main_income, receives_benefits, guardian_consent_name, guardian_consent_at FROM person WHERE id = $1`,
      [personId],
    );
    return row;
  }

  /** The assignment's current agreement: its latest draft. */
  latestAgreement(assignmentId: string): Promise<AgreementDraft | null> {
    return this.ds.getRepository(AgreementDraft).findOne({ where: { assignmentId }, order: { version: 'DESC' } });
  }

  /** The assignment's latest submitted declaration. */
  latestDeclaration(assignmentId: string): Promise<Declaration | null> {
    return this.ds.getRepository(Declaration).findOne({ where: { assignmentId }, order: { submittedAt: 'DESC' } });
  }

  /** The latest declaration waiting for review (state submitted). */
  pendingDeclaration(assignmentId: string): Promise<Declaration | null> {
    return this.ds.getRepository(Declaration).findOne({ where: { assignmentId, state: 'submitted' }, order: { submittedAt: 'DESC' } });
  }

  reportingPeriods(assignmentId: string): Promise<ReportingPeriod[]> {
    return this.ds.getRepository(ReportingPeriod).find({ where: { assignmentId }, order: { periodIndex: 'ASC' } });
  }

  /** The reporting periods a business date (YYYY-MM-DD) falls in, latest first. */
  periodsContaining(assignmentId: string, date: string): Promise<ReportingPeriod[]> {
    return this.ds
      .getRepository(ReportingPeriod)
      .createQueryBuilder('p')
      .where('p.assignment_id = :assignmentId AND p.starts_on <= :date AND p.ends_on >= :date', { assignmentId, date })
      .orderBy('p.period_index', 'DESC')
      .getMany();
  }

  // --- the API's writes --------------------------------------------------------------------------------------------

  /** Whether another person has this personnummer (by its blind index). */
  async personalNumberTakenByOther(index: string, personId: string, em: EntityManager): Promise<boolean> {
    const other: unknown[] = await em.query(`SELECT 1 FROM person WHERE personal_number_index = $1 AND id <> $2`, [index, personId]);
    return other.length > 0;
  }

  /** The person's personal and payment details, already encrypted (a postal address left out keeps the stored one). */
  async storePayeeDetails(
    personId: string,
    d: {
      personalNumberEnc: string;
      personalNumberIndex: string;
      bankAccountEnc: string;
      birthDate: string;
      postalAddress: string | null;
      mainIncome: boolean;
      taxStatus: 'none' | 'fa-skatt' | 'f-skatt';
      /** FA-skatt with the F-skatt invoked in writing: its time is kept from the first time it was said. */
      fSkattInvoked: boolean;
      receivesBenefits: boolean;
      /** A guardian's consent (under 18): the guardian's name, recorded with the time; null clears it. */
      guardianName: string | null;
    },
    em: EntityManager,
  ): Promise<void> {
    await em.query(
      `UPDATE person SET personal_number_enc = $2, personal_number_index = $3, bank_account_enc = $4, birth_date = $5,
         postal_address = COALESCE($6, postal_address), tax_table_main_income = $7, tax_status = $8,
         f_skatt_invoked_at = CASE WHEN $9::boolean THEN COALESCE(f_skatt_invoked_at, now()) END, receives_benefits = $10,
         guardian_consent_at = CASE WHEN $11::text IS NULL THEN NULL WHEN guardian_consent_name IS NOT DISTINCT FROM $11::text THEN COALESCE(guardian_consent_at, now()) ELSE now() END,
         guardian_consent_name = $11::text, details_given_at = now(), updated_at = now()
       WHERE id = $1`,
      [personId, d.personalNumberEnc, d.personalNumberIndex, d.bankAccountEnc, d.birthDate, d.postalAddress, d.mainIncome, d.taxStatus, d.fSkattInvoked, d.receivesBenefits, d.guardianName],
    );
  }

  /** The payer's policy for a payee on F-skatt (issue 16 #5), by code or alias (SKL is SKR); null when unknown. */
  async fSkattPolicyOf(payerCode: string): Promise<{ name: string; policy: 'refuse' | 'pay-without-deductions'; contact: string | null } | null> {
    const [row]: Array<{ name: string; f_skatt_policy: 'refuse' | 'pay-without-deductions'; f_skatt_contact: string | null }> = await this.ds.query(
      `SELECT name, f_skatt_policy, f_skatt_contact FROM paying_body WHERE code = $1 OR $1 = ANY(aliases) ORDER BY code = $1 DESC LIMIT 1`,
      [payerCode],
    );
    return row ? { name: row.name, policy: row.f_skatt_policy, contact: row.f_skatt_contact } : null;
  }

  /**
   * The id of the representative's same declaration already sent to the workflow, if any: kept without an answer
   * (state stored), or recorded as submitted (the workflow took it, or the record was written by a workflow task the
   * server lost — issue 14's drill); sending it again with its Update ID is then answered once or completes it.
   */
  async keptDeclaration(d: { assignmentId: string; submittedBy: string; hasInterests: boolean; interests: string | null }): Promise<string | null> {
    const [kept]: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM declaration WHERE assignment_id = $1 AND state IN ('stored', 'submitted') AND submitted_by = $2 AND has_interests = $3
         AND interests IS NOT DISTINCT FROM $4 ORDER BY submitted_at DESC LIMIT 1`,
      [d.assignmentId, d.submittedBy, d.hasInterests, d.interests],
    );
    return kept?.id ?? null;
  }

  async insertStoredDeclaration(d: {
    id: string;
    assignmentId: string;
    personId: string;
    hasInterests: boolean;
    interests: string | null;
    submittedBy: string;
  }): Promise<void> {
    await this.ds.getRepository(Declaration).insert({ ...d, state: 'stored' });
  }

  async deleteStoredDeclaration(id: string): Promise<void> {
    await this.ds.query(`DELETE FROM declaration WHERE id = $1 AND state = 'stored'`, [id]);
  }

  async setReviewComment(declarationId: string, comment: string): Promise<void> {
    await this.ds.query(`UPDATE declaration SET review_comment = $2 WHERE id = $1`, [declarationId, comment]);
  }

  /**
   * A report heard after the workflow (late path): the period takes the new state when it is in one of `fromStates`
   * (null: any), or was recorded as missed with a deadline at or after `missedIfDueAfter`.
   */
  async setPeriodStateLate(
    p: { assignmentId: string; period: string; state: 'attested' | 'submitted'; fromStates: string[] | null; missedIfDueAfter: string | null },
    em: EntityManager,
  ): Promise<void> {
    await em.query(
      `UPDATE assignment_reporting_period SET state = $3, updated_at = now()
        WHERE assignment_id = $1 AND period_key = $2
          AND ($4::text[] IS NULL OR state = ANY($4::text[]) OR (state = 'missed' AND due_at >= $5::timestamptz))`,
      [p.assignmentId, p.period, p.state, p.fromStates, p.missedIfDueAfter],
    );
  }

  // --- the read model the workflows' activities write -------------------------------------------------------------

  /** The appointed nominee's assignment (state `nominated`); idempotent by id. */
  async insertNominated(
    a: {
      id: string;
      groupId: string;
      personId: string;
      representation: Representation;
      organisationId: string | null;
      terms: AssignmentTerms;
      contactUserId: string | null;
    },
    em: EntityManager,
  ): Promise<void> {
    const t = a.terms;
    await em.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, nominating_organisation_id, state, period_start, period_end,
         fee_mode, reporting_frequency, employed_by_organisation, extra_preparation_days, estimated_meeting_hours, estimated_other_hours,
         contact_user_id)
       VALUES ($1, $2, $3, $4, $5, 'nominated', $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`,
      [
        a.id,
        a.groupId,
        a.personId,
        a.representation,
        a.organisationId,
        t.periodStart,
        t.periodEnd,
        t.feeMode,
        t.reportingFrequency,
        t.employedByOrganisation,
        t.extraPreparationDays,
        t.estimatedMeetingHours,
        t.estimatedOtherHours,
        a.contactUserId,
      ],
    );
  }

  /** The assignment's state after a workflow step (and why it ended, when it did). */
  async setState(id: string, state: AssignmentState, endReason: string | null, em: EntityManager): Promise<void> {
    await em.query(`UPDATE assignment SET state = $2, end_reason = COALESCE($3, end_reason), updated_at = now() WHERE id = $1`, [id, state, endReason]);
  }

  /** How the introduction was completed (issue 16 #8): written with the step that activates the assignment. */
  async recordIntroduction(id: string, i: { kind: 'digital' | 'meeting'; heldOn: string; by: string | null }, em: EntityManager): Promise<void> {
    await em.query(`UPDATE assignment SET introduction_kind = $2, introduction_held_on = $3, introduction_recorded_by = $4, updated_at = now() WHERE id = $1`, [
      id,
      i.kind,
      i.heldOn,
      i.by,
    ]);
  }

  async markAgreementSigned(agreementId: string, by: string | null, em: EntityManager): Promise<void> {
    await em.query(`UPDATE agreement_draft SET state = 'signed', signed_by = $2, signed_at = now() WHERE id = $1`, [agreementId, by]);
  }

  async markAgreementCountersigned(agreementId: string, by: string | null, em: EntityManager): Promise<void> {
    await em.query(`UPDATE agreement_draft SET state = 'countersigned', countersigned_by = $2, countersigned_at = now() WHERE id = $1`, [agreementId, by]);
  }

  async markDeclarationSubmitted(declarationId: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE declaration SET state = 'submitted' WHERE id = $1`, [declarationId]);
  }

  async markDeclarationReviewed(declarationId: string, state: 'approved' | 'needs-changes', by: string | null, em: EntityManager): Promise<void> {
    await em.query(`UPDATE declaration SET state = $2, reviewed_by = $3, reviewed_at = now() WHERE id = $1`, [declarationId, state, by]);
  }

  /**
   * A reporting period's new state; a given due time replaces the stored one, a given end shortens or moves the
   * period (never to before its start: at least one millisecond, and one day, long).
   */
  async updatePeriod(
    assignmentId: string,
    p: { key: string; state: PeriodState; dueAt: string | null; endsAt: string | null },
    em: EntityManager,
  ): Promise<void> {
    await em.query(
      `UPDATE assignment_reporting_period SET state = $3, due_at = COALESCE($4::timestamptz, due_at),
         ends_at = GREATEST(starts_at + interval '1 millisecond', COALESCE($5::timestamptz, ends_at)),
         ends_on = GREATEST(starts_on, COALESCE((($5::timestamptz - interval '1 millisecond') AT TIME ZONE 'Europe/Stockholm')::date, ends_on)),
         updated_at = now()
       WHERE assignment_id = $1 AND period_key = $2`,
      [assignmentId, p.key, p.state, p.dueAt, p.endsAt],
    );
  }

  /** A planned reporting period (state open); idempotent by (assignment, period key). */
  async insertOpenPeriod(
    p: { assignmentId: string; key: string; index: number; startsAt: Date; endsAt: Date; startsOn: string; endsOn: string },
  ): Promise<void> {
    await this.ds.query(
      `INSERT INTO assignment_reporting_period (assignment_id, period_key, period_index, starts_at, ends_at, starts_on, ends_on, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') ON CONFLICT (assignment_id, period_key) DO NOTHING`,
      [p.assignmentId, p.key, p.index, p.startsAt, p.endsAt, p.startsOn, p.endsOn],
    );
  }

  /** The agreement's first and last day (`YYYY-MM-DD`, null when open); null when there is no such assignment. */
  async agreedPeriod(assignmentId: string): Promise<{ periodStart: string | null; periodEnd: string | null } | null> {
    const [row] = (await this.ds.query(
      `SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end FROM assignment WHERE id = $1`,
      [assignmentId],
    )) as Array<{ period_start: string | null; period_end: string | null }>;
    return row ? { periodStart: row.period_start ?? null, periodEnd: row.period_end ?? null } : null;
  }

  // --- agreement drafts -------------------------------------------------------------------------------------------

  async draftByKey(key: string): Promise<StoredDraft | null> {
    const rows: Array<{ id: string; version: number; document_id: string | null; drafted_at: Date }> = await this.ds.query(
      `SELECT id, version, document_id, drafted_at FROM agreement_draft WHERE idempotency_key = $1`,
      [key],
    );
    return rows[0] ? toDraft(rows[0]) : null;
  }

  /** A new draft (the assignment's next version) unless one with the key exists: then null. */
  async insertDraft(d: { id: string; assignmentId: string; key: string; terms: AgreementTermsData }): Promise<StoredDraft | null> {
    const inserted: Array<{ id: string; version: number; document_id: string | null; drafted_at: Date }> = await this.ds.query(
      `INSERT INTO agreement_draft (id, assignment_id, version, idempotency_key, terms)
       VALUES ($1, $2, (SELECT COALESCE(max(version), 0) + 1 FROM agreement_draft WHERE assignment_id = $2), $3, $4)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, version, document_id, drafted_at`,
      [d.id, d.assignmentId, d.key, JSON.stringify(d.terms)],
    );
    return inserted[0] ? toDraft(inserted[0]) : null;
  }

  async draftTerms(agreementId: string): Promise<AgreementTermsData> {
    return (await this.ds.query(`SELECT terms FROM agreement_draft WHERE id = $1`, [agreementId]))[0].terms;
  }

  async setDraftDocument(agreementId: string, documentId: string): Promise<void> {
    await this.ds.query(`UPDATE agreement_draft SET document_id = $2 WHERE id = $1`, [agreementId, documentId]);
  }

  /** What the assignment's agreement says, or null when there is no such assignment. */
  async agreementSource(assignmentId: string): Promise<AgreementSource | null> {
    const [row] = (await this.ds.query(
      `SELECT a.id, a.representation, a.nominating_organisation_id, to_char(a.period_start, 'YYYY-MM-DD') AS period_start,
              to_char(a.period_end, 'YYYY-MM-DD') AS period_end, a.fee_mode, a.reporting_frequency,
              a.employed_by_organisation, a.extra_preparation_days, a.estimated_meeting_hours, a.estimated_other_hours,
              a.contact_user_id, g.id AS group_id, g.name AS group_name, g.kind AS group_kind, g.commission,
              p.name AS parent_name, o.name AS organisation_name, u.display_name AS contact_name, u.email AS contact_email
       FROM assignment a
       JOIN working_group g ON g.id = a.group_id
       LEFT JOIN working_group p ON p.id = g.parent_group_id
       LEFT JOIN organisation o ON o.id = a.nominating_organisation_id
       LEFT JOIN user_account u ON u.id = a.contact_user_id
       WHERE a.id = $1`,
      [assignmentId],
    )) as Array<Record<string, unknown>>;
    if (!row) return null;
    return {
      id: String(row.id),
      representation: String(row.representation),
      nominatingOrganisationId: (row.nominating_organisation_id as string | null) ?? null,
      periodStart: (row.period_start as string | null) ?? null,
      periodEnd: (row.period_end as string | null) ?? null,
      feeMode: row.fee_mode as FeeMode,
      reportingFrequency: row.reporting_frequency as ReportingFrequency,
      employedByOrganisation: Boolean(row.employed_by_organisation),
      extraPreparationDays: Number(row.extra_preparation_days ?? 0),
      estimatedMeetingHours: (row.estimated_meeting_hours as number | null) ?? null,
      estimatedOtherHours: (row.estimated_other_hours as number | null) ?? null,
      contactUserId: (row.contact_user_id as string | null) ?? null,
      groupId: String(row.group_id),
      groupName: String(row.group_name),
      groupKind: String(row.group_kind),
      commission: String(row.commission),
      parentName: (row.parent_name as string | null) ?? null,
      organisationName: (row.organisation_name as string | null) ?? null,
      contactName: (row.contact_name as string | null) ?? null,
      contactEmail: (row.contact_email as string | null) ?? null,
    };
  }
}
