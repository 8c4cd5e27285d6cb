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

/** The request already has as many nominations as it asks for (issue 16 #1). */
export function wantedReached(wanted: number): string {
  return wanted === 1
    ? 'Förfrågan gäller en person, och organisationen har redan nominerat en. Om samordnaren avböjer nomineringen kan ni nominera någon annan.'
    : `Förfrågan gäller ${wanted} personer, och organisationen har redan nominerat ${wanted}. Om samordnaren avböjer någon av dem kan ni nominera någon annan.`;
}

/**
 * Why the coordinator's terms for a round cannot be used, or null (issue 16 #1): `wanted` a whole number 1–20, a
 * reply deadline after `now` and at most MAX_REPLY_DAYS (+1 for the end of the day) ahead. A validator runs only
 * when an update arrives, never on replay.
 */
export function roundTermsRefusal(t: { wanted?: unknown; deadline?: unknown; messageId?: unknown }, now: number, maxWanted: number, maxReplyDays: number): string | null {
  if (t.wanted !== undefined && !(Number.isInteger(t.wanted) && (t.wanted as number) >= 1 && (t.wanted as number) <= maxWanted)) {
    return `Ange hur många personer organisationen får nominera: ett heltal från 1 till ${maxWanted}.`;
  }
  if (t.messageId !== undefined && t.messageId !== null && (typeof t.messageId !== 'string' || !/^[0-9a-f-]{36}$/i.test(t.messageId))) {
    return 'Meddelandet saknar id.';
  }
  if (t.deadline !== undefined && t.deadline !== null) {
    const at = typeof t.deadline === 'string' ? Date.parse(t.deadline) : NaN;
    if (!Number.isFinite(at)) return 'Svarstiden måste vara en tidpunkt.';
    if (at <= now) return 'Sista svarsdag måste ligga efter i dag.';
    if (at > now + (maxReplyDays + 1) * 86_400_000) return `Sista svarsdag får ligga högst ${maxReplyDays} dagar fram i tiden.`;
  }
  return null;
}
