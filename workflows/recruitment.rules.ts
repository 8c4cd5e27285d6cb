import type { Representation } from './assignment.messages';
import type { RecruitmentCarriedState } from './recruitment.messages';

export const ALREADY_NOMINATED = 'Personen är redan nominerad till gruppen.';
export const ALREADY_IN_GROUP = 'Personen har redan ett uppdrag i gruppen.';

/**
 * Why this person cannot be nominated to the group now, or null (issue 13 #1): one open nomination and one live
 * assignment per person and group. Assignments carried from runs before personId was recorded have none and are
 * not matched here; the database's `nomination_person_has_assignment` trigger covers them.
 */
export function nominationRefusal(s: Pick<RecruitmentCarriedState, 'nominations' | 'assignments'>, personId: string): string | null {
  if (s.nominations.some((n) => n.personId === personId)) return ALREADY_NOMINATED;
  if (s.assignments.some((a) => a.personId === personId)) return ALREADY_IN_GROUP;
  return null;
}

/** Why this nominee cannot be appointed now, or null: the person already has a live assignment in the group. */
export function appointmentRefusal(s: Pick<RecruitmentCarriedState, 'assignments'>, personId: string): string | null {
  return s.assignments.some((a) => a.personId === personId) ? ALREADY_IN_GROUP : null;
}

/**
 * Why a directly recruited person (no request) cannot represent this way, or null (§3.3, issue 16 #2): own
 * experience carries no organisation; a mandate (or both) needs the organisation whose mandate it is.
 */
export function directRecruitmentRefusal(representation: Representation, organisationId: string | null): string | null {
  if (representation === 'own-experience') return organisationId === null ? null : 'Den som företräder sin egen erfarenhet har inget mandat från en organisation.';
  return organisationId === null ? 'Ange organisationen vars mandat personen har.' : null;
}
