import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PolicyDuration } from './duration';

export type RecruitmentState = 'open' | 'staffed' | 'ended';

export interface RecruitmentPolicy {
  /** How long the workflow waits before the group's yearly review (the NPO reviews its groups yearly). */
  reviewEvery: PolicyDuration;
}

export const defaultRecruitmentPolicy: RecruitmentPolicy = { reviewEvery: '365 days' };

export interface RecruitmentInput {
  groupId: string;
  groupKind: string;
  payerCode: string | null;
  minRepresentatives: number;
  /** The group has already started its work: recruit "as soon as possible" (§4.2). */
  urgent: boolean;
  policy?: Partial<RecruitmentPolicy>;
}

/** What a coordinator sees of a recruitment. Holds IDs and counts only, never personal data. */
export interface RecruitmentStatus {
  groupId: string;
  state: RecruitmentState;
  urgent: boolean;
  minRepresentatives: number;
  activeRepresentatives: number;
  staffed: boolean;
  reviewsDone: number;
}

export const recruitmentStatusQuery = defineQuery<RecruitmentStatus>('recruitmentStatus');
/** The group has ended: recruitment stops. Nobody waits for an answer, so it is a Signal. */
export const groupEndedSignal = defineSignal('groupEnded');
