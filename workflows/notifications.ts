/**
 * The mails the lifecycle sends, as the workflows ask for them: a template name, a recipient by role and ID,
 * and IDs and codes to fill in. Names, addresses and texts are looked up and rendered by the `sendMail`
 * activity (activities/mail.activities.ts, texts in src/mail/mail-texts.ts), so no personal data enters history.
 */
export const MAIL_TEMPLATES = [
  // recruitment
  'nomination-request',
  'nomination-reminder',
  'nomination-received',
  'nomination-request-declined',
  'nomination-round-closed',
  'nominee-appointed',
  'nominee-rejected',
  /** Written with the decision (issue 16 #1): the declined nominee is told, with the coordinator's reason. */
  'nomination-declined',
  'recruitment-restarted',
  'group-staffed',
  // assignment
  'assignment-offer',
  'assignment-offer-reminder',
  'assignment-declined',
  'details-requested',
  'agreement-ready',
  'countersign-requested',
  'declaration-requested',
  'declaration-review-requested',
  'declaration-needs-changes',
  /** Sent by the API (issue 16 #7): an approved declaration with the coordinator's comment. */
  'declaration-reviewed',
  'introduction-offered',
  'introduction-pending',
  'assignment-active',
  'new-payee',
  'step-reminder',
  'step-overdue',
  'report-due',
  'report-reminder',
  'report-missed',
  'attestation-reminder',
  'declaration-renewal-due',
  'declaration-overdue',
  'assignment-ended',
  'assignment-ended-coordinator',
  'assignment-ended-organisation',
  'payee-ended',
  'benefits-advice',
  // how your input was used (issue 19 #1), written by the API with the recorded outcome
  'input-outcome',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

/** Whom a mail goes to, by ID: the activity finds the address. */
export type MailRecipient =
  | { kind: 'person'; personId: string }
  | { kind: 'organisation'; organisationId: string }
  /** Every coordinator of the group. */
  | { kind: 'coordinators'; groupId: string }
  /** Finance officers of the payer (user_account.payer_code). */
  | { kind: 'finance'; payerCode: string | null };

/** What a template may use. IDs, codes, counts and times only. */
export interface MailParams {
  groupId: string;
  assignmentId?: string;
  organisationId?: string;
  personId?: string;
  requestId?: string;
  /** The nomination a mail is about (its nominee's name and the decline reason are looked up by the mailer). */
  nominationId?: string;
  /** The input item whose recorded outcome a mail tells of (issue 19 #1; its texts are looked up by the mailer). */
  inputItemId?: string;
  /** ISO timestamp of the deadline the mail mentions. */
  deadline?: string | null;
  urgent?: boolean;
  /** A reporting period key, e.g. 2026-03, 2026-Q1 or P3. */
  period?: string;
  /** An end or decline reason code, or the step a reminder is about. */
  reason?: string;
  step?: string;
  counts?: Record<string, number>;
}

export interface MailRequest {
  /** Idempotency key: workflow ID + step. The same key never sends twice. */
  key: string;
  template: MailTemplate;
  to: MailRecipient;
  params: MailParams;
}
