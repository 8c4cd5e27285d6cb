/**
 * The shapes the API answers with, as the pages name them. Generated from the API's OpenAPI document
 * (web/src/generated/api.ts, written by `npm run api:types`, which `npm run build:web` and `npm run lint` run first):
 * a changed DTO changes these types and breaks the web build, not the user (issue 17).
 * An endpoint without a response DTO has no type here: give it one (src/<feature>/dto/*-view.dto.ts) first.
 */
import type { components } from './generated/api';

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
export type PayingBody = Schemas['PayingBodyDto'];
export type Figures = Schemas['FiguresDto'];
export type TimeReportView = Schemas['TimeReportViewDto'];
export type SignerRole = Schemas['SignatureViewDto']['role'];
export type DocumentView = Schemas['DocumentViewDto'];
export type NominationRequest = Schemas['NominationRequestDto'];
export type NominationView = Schemas['NominationViewDto'];
export type RequestNomination = Schemas['RequestNominationDto'];
export type InvitationStatus = Schemas['InvitationStatusDto'];
export type AssignmentStatus = Schemas['AssignmentStatusDto'];
export type AssignmentView = Schemas['AssignmentViewDto'];
export type PayoutBatch = Schemas['PayoutBatchDto'];
export type BatchView = Schemas['BatchViewDto'];
/** Representativeness and workload (issue 19 #2). */
export type GroupStaffing = Schemas['GroupStaffingDto'];
export type Workload = Schemas['WorkloadDto'];
export type AvailablePerson = Schemas['AvailablePersonDto'];
export type OrganisationLastAskedPage = Schemas['OrganisationLastAskedPageDto'];
export type RepresentationSettings = Schemas['RepresentationSettingsDto'];
export type DiversityFigures = Schemas['DiversityFiguresDto'];
export type DiversityScopes = Schemas['DiversityScopesDto'];
export type MyAvailability = Schemas['MyAvailabilityDto'];
export type MyDiversity = Schemas['MyDiversityDto'];

/** GET /working-groups/:id/budgets/:year: the group's budget for a year (issue 19 #4). */
export type BudgetView = Schemas['BudgetViewDto'];
export type GroupReviewView = Schemas['GroupReviewDto'];
export type ReviewPolicyView = Schemas['ReviewPolicyDto'];
/** GET /payers/:code/budgets/:year: the payer's budgets of the year (finance). */
export type PayerBudget = Schemas['PayerBudgetDto'];

/** GET /payers/:code/yearly-summary (finance) and GET /people/:id/payouts (the person, or finance of the payer). */
export type YearlySummary = Schemas['YearlySummaryDto'];
export type PersonYear = Schemas['PersonYearDto'];

export type RateTableView = Schemas['RateTableViewDto'];
/** POST /rate-tables/:code/supersede/preview: a new version's effect before it is saved (issue 18 #7). */
export type SupersedeEffect = Schemas['SupersedeEffectDto'];
/** GET/PATCH /paying-bodies/:code/settings (issue 18 #6). */
export type PayingBodySettings = Schemas['PayingBodySettingsViewDto'];
/** GET/PUT /paying-bodies/:code/agi-settings (issue 18 #3, #4). */
export type AgiSettings = Schemas['AgiSettingsViewDto'];
export type RoundingRule = Schemas['RateTableViewDto']['rounding'];

// Written by hand until GET /working-groups describes its answer (src/working-groups/dto/working-group-view.dto.ts
// says why it does not yet); the same shapes as those DTOs.
export interface WorkingGroup {
  id: string;
  name: string;
  kind: 'NPO' | 'NSG' | 'NAG' | 'RPO' | 'RAG';
  parentGroupId: string | null;
  hostRegion: 'norra' | 'mellansverige' | 'stockholm-gotland' | 'sydostra' | 'vastra' | 'sodra' | null;
  commission: string;
  standing: boolean;
  endsOn: string | null;
  workStartedOn: string | null;
  minRepresentatives: number;
  recruitmentState: 'not-started' | 'open' | 'recruiting' | 'staffed' | 'ended';
  belowMinimumSince: string | null;
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
  round: number;
  roundOpen: boolean;
  roundDeadline: string | null;
  requests: Array<{ id: string; organisationId: string; state: NominationRequest['state'] }>;
  pendingNominations: Array<{ id: string; organisationId: string | null }>;
  assignments: Array<{ assignmentId: string; state: 'onboarding' | 'active' }>;
  restarts: number;
  belowMinimumSince: string | null;
}

export interface WorkingGroupView {
  group: WorkingGroup;
  recruitment: { workflowId: string; status: RecruitmentStatus | null; running: boolean };
}

/** How your input was used (issue 19 #1). */
export type InputItem = Schemas['InputItemDto'];
export type AssignmentInput = Schemas['AssignmentInputDto'];
export type Evaluation = Schemas['EvaluationDto'];
export type EvaluationAggregate = Schemas['EvaluationAggregateDto'];
/** Material on time (issue 19 #3). */
export type MaterialTimeliness = Schemas['MaterialTimelinessDto'];
export type MaterialPolicy = Schemas['MaterialPolicyDto'];
