/**
 * The shapes the API answers with, as the pages name them. Generated from the API's OpenAPI document
 * (web/src/generated/api.ts, written by `npm run api:types`, which `npm run build:web` and `npm run lint` run first):
 * a changed DTO changes these types and breaks the web build, not the user (issue 17).
 *
 * The types below the line "Not yet in the OpenAPI document" are still written by hand: their endpoints do not
 * describe their answers yet. Each becomes an alias when its endpoint gets a response DTO.
 */
import type { components } from './generated/api';
import type { GroupKind, Region } from './labels';

/** The API's schemas (DTOs), by name. */
export type Schemas = components['schemas'];

/** GET /me/tasks */
export type UserTask = Schemas['UserTaskDto'];
export type UserView = Schemas['UserViewDto'];
export type UserPage = Schemas['UserPageDto'];
export type InvitationResult = Schemas['InvitationResultDto'];
export type Organisation = Schemas['OrganisationDto'];
export type OrganisationPage = Schemas['OrganisationPageDto'];
/** A group's activity (issue 13 §4.5.1): what the group called, which time reports are made against. */
export type ActivityView = Schemas['ActivityDto'];
export type ActivityPage = Schemas['ActivityPageDto'];
/** GET /me/assignments: the representative's own assignments ("Mina uppdrag"). */
export type MyAssignment = Schemas['MyAssignmentDto'];
/** GET /me/assignments/:id/timeline: one event in the representative's own assignment. */
export type MyAssignmentEvent = Schemas['MyAssignmentEventDto'];
/** POST /assignments/:id/fee-preview */
export type ReportFeePreview = Schemas['ReportFeePreviewView'];
/** GET /assignments/:id/fee-schedule: what the assignment pays per meeting (the offer). */
export type FeeSchedule = Schemas['FeeScheduleView'];
/** GET /time-reports/:id/amounts: what attesting the report as reported pays (the attest card). */
export type TimeReportAmounts = Schemas['TimeReportAmountsView'];
/** GET /payers/:code/payout-worklist: attested lines waiting for a run, per period (finance). */
export type PayoutWorklist = Schemas['PayoutWorklistDto'];

// Not yet in the OpenAPI document (written by hand until their endpoints describe their answers):

export interface WorkingGroup {
  id: string;
  name: string;
  kind: GroupKind;
  parentGroupId: string | null;
  hostRegion: Region | null;
  commission: string;
  standing: boolean;
  endsOn: string | null;
  workStartedOn: string | null;
  minRepresentatives: number;
  recruitmentState: string;
  /** Since when the group has had fewer active representatives than its minimum after one left; null otherwise. */
  belowMinimumSince?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RecruitmentStatus {
  groupId: string;
  state: 'open' | 'recruiting' | 'staffed' | 'ended';
  urgent: boolean;
  minRepresentatives: number;
  activeRepresentatives: number;
  staffed: boolean;
  reviewsDone: number;
  round?: number;
  roundOpen?: boolean;
  roundDeadline?: string | null;
  requests?: Array<{ id: string; organisationId: string; state: string }>;
  pendingNominations?: Array<{ id: string; organisationId: string | null }>;
  assignments?: Array<{ assignmentId: string; state: 'onboarding' | 'active' }>;
}

export interface WorkingGroupView {
  group: WorkingGroup;
  recruitment: { workflowId: string; status: RecruitmentStatus | null; running: boolean };
}

export interface PayingBody {
  code: string;
  name: string;
  kind: 'national' | 'healthcare-region' | 'region';
  healthcareRegion: string | null;
  payoutFrequency: 'monthly' | 'quarterly';
  aliases: string[];
}

export type RoundingRule = 'kronor-half-up' | 'kronor-half-even' | 'kronor-down' | 'ore';

export interface RateTableView {
  id: string;
  code: string;
  version: number;
  payerCode: string | null;
  validFrom: string;
  validTo: string;
  pbbOre: number;
  fees: {
    fullDayBp: number;
    halfDayBp: number;
    shortBp: number;
    hourlyBp: number;
    shortMaxMinutes: number;
    halfDayMaxMinutes: number;
    fixedOre: { fullDayOre: number | null; halfDayOre: number | null; shortOre: number | null; hourlyOre: number | null } | null;
  };
  defaultFeeMode: 'per-session' | 'hourly';
  rounding: RoundingRule;
  hourly: { counting: 'started-half-hour' | 'started-hour' | 'exact-minutes'; scope: 'short-only' | 'all' };
  contributions: { fullRateBp: number; pensionOnlyRateBp: number; pensionOnlyFromAge: number; noneIfBornUpTo: number; yearThresholdOre: number; rounding: RoundingRule };
  tax: { sideIncomeRateBp: number; yearThresholdOre: number; minPaymentOre: number; rounding: RoundingRule };
  mileage: { taxFreeOrePerMil: number; reimbursedOrePerMil: number };
  source: string;
  createdAt: string;
}

export interface Figures {
  durationMinutes: number;
  travelMinutes: number;
  ticketCostOre: number;
  otherTravelCostOre: number;
  carKm: number;
}

export interface TimeReportView {
  id: string;
  assignmentId: string;
  personId: string;
  groupId: string;
  payerCode: string;
  activityDate: string;
  kind: string;
  meetingRef: string;
  description: string | null;
  participation: string;
  reported: Figures;
  state: 'draft' | 'submitted' | 'attested' | 'rejected';
  claimDeadline: string;
  submittedAt: string | null;
  attestation: { decision: 'confirm' | 'adjust' | 'reject' | null; reason: string | null; attested: Figures | null; attestedBy: string | null; attestedAt: string | null };
  receipts: { id: string; fileName: string; contentType: string; sizeBytes: number; receiptDate: string; uploadedAt: string }[];
  payout: { batchId: string; period: string; payerCode: string; state: string; holdReason: string | null } | null;
  /** The activity reported against (absent on reports made before activities existed). */
  activityId?: string | null;
  activity?: ActivityView | null;
}

export type SignerRole = 'representative' | 'countersigner' | 'declarant' | 'assessor';

export interface DocumentView {
  id: string;
  kind: 'agreement' | 'declaration' | 'payout-slip';
  variant: 'original' | 'sealed';
  template: { id: string; version: string; ref: string };
  subject: { type: string; id: string };
  fileName: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number;
  createdAt: string;
  sealOf: { id: string; sha256: string } | null;
  signatures: { id: string; role: SignerRole; roleLabel: string; signerName: string; signedAt: string }[];
  pendingRoles: SignerRole[];
  sealedVersions: { id: string; sha256: string; createdAt: string }[];
}

export interface NominationRequest {
  id: string;
  groupId: string;
  organisationId: string;
  round: number;
  state: 'sent' | 'reminded' | 'nominated' | 'declined' | 'no-answer' | 'cancelled';
  urgent: boolean;
  deadline: string;
  answeredAt: string | null;
  createdAt: string;
  groupName?: string;
  commission?: string;
}

export interface NominationView {
  id: string;
  groupId: string;
  requestId: string | null;
  organisationId: string | null;
  organisationName: string | null;
  state: 'submitted' | 'proposed' | 'appointed' | 'rejected';
  representation: string;
  assignmentId: string | null;
  nominee: { personId: string; fullName: string; email: string; perspective: string | null };
  createdAt: string;
  decidedAt: string | null;
}

export interface AssignmentStatus {
  assignmentId: string;
  groupId: string;
  organisationId: string | null;
  representation: string;
  state: string;
  endReason: string | null;
  waitingFor: 'representative' | 'coordinator' | null;
  deadline: string | null;
  remindersSent: number;
  /** A human step stayed undone after its reminders and the coordinator's notice: extend or end (issue 16 #9). */
  overdue?: boolean;
  agreementId: string | null;
  declaration: { state: string; declarationId: string | null; approvedAt: string | null; nextDueAt: string | null };
  reporting: { frequency: string; periods: Array<{ key: string; state: string; endsAt: string; dueAt: string | null }>; missed: string[]; attested: number };
  activatedAt: string | null;
  tenureEndsAt: string | null;
}

export interface AssignmentView {
  assignment: {
    id: string;
    groupId: string;
    personId: string;
    representation: string;
    nominatingOrganisationId: string | null;
    state: string;
    periodStart: string | null;
    periodEnd: string | null;
    feeMode: string;
    reportingFrequency: string;
    employedByOrganisation: boolean;
    extraPreparationDays: number;
    estimatedMeetingHours: number | null;
    estimatedOtherHours: number | null;
    endReason: string | null;
  };
  group: { id: string; name: string };
  person: { id: string; fullName: string; detailsGiven: boolean };
  agreement: { id: string; version: number; state: string; documentId: string | null; draftedAt: string | null; signedAt: string | null; countersignedAt: string | null } | null;
  declaration: { id: string; state: string; hasInterests: boolean; submittedAt: string | null; reviewedAt: string | null; reviewComment: string | null; interests?: string | null } | null;
  reportingPeriods: Array<{ key?: string; periodKey?: string; state: string; startsOn?: string; endsOn?: string; dueAt?: string | null }>;
  workflow: { workflowId: string; running: boolean; status: AssignmentStatus | null };
}

export interface PayoutBatch {
  id: string;
  payerCode: string;
  period: string;
  periodLabel: string;
  /** 0: the period's ordinary run; n ≥ 1: its n:th supplementary run (kompletteringsomgång). */
  supplement: number;
  supplementary: boolean;
  /** The period's name, with "kompletteringsomgång n" for a supplementary run. */
  label: string;
  /** The payout run's workflow: `payout-run:<payer>:<period>` (`…:komplettering-<n>` for a supplementary run). */
  workflowId: string;
  reference: string;
  state: 'draft' | 'approved' | 'cancelled' | 'empty';
  periodEnd: string;
  paymentDate: string | null;
  personCount: number;
  lineCount: number;
  heldCount: number;
  feesOre: number;
  taxFreeTravelOre: number;
  taxableTravelOre: number;
  contributionsOre: number;
  taxWithheldOre: number;
  grossOre: number;
  netOre: number;
  costOre: number;
  skipped: Array<{ personId: string; reason?: string; message?: string }>;
  cancelReason: string | null;
  approvedAt: string | null;
  createdAt: string;
}

export interface BatchView {
  batch: PayoutBatch;
  run: {
    workflowId: string;
    status: { phase: string; batchId: string | null; pendingLines: number; heldLines: number; netOre: number | null; paymentDate: string | null; approveBy: string | null; slips: { made: number; failed: string | null } | null } | null;
  };
  persons: Array<{
    personId: string;
    personName: string;
    feesOre: number;
    taxFreeTravelOre: number;
    taxableTravelOre: number;
    contributionsOre: number;
    taxWithheldOre: number;
    netOre: number;
    costOre: number;
    agiPayField: string;
    slipDocumentId: string | null;
    paymentDetailsChanged: boolean;
  }>;
  /** A person's bank account or personnummer changed since the payer's last approved run (issue 13 #2). */
  warnings: Array<{ kind: 'payment-details-changed'; personId: string; personName: string; message: string }>;
  lines: Array<{
    id: string;
    personName: string;
    groupName: string;
    activityDate: string;
    kind: string;
    minutes: number;
    state: string;
    feeOre: number;
    travelOre: number;
    feeRule: string | null;
    rateTable: string | null;
    holdReason: string | null;
  }>;
}

