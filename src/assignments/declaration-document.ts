import type { AssessmentOutcome, DeclarationData, DeclarationOccasion, DeclaredInterest } from '../../templates';

/**
 * The declaration of interests as a document (issue 16 #6, §4.3): what templates/declaration.sv.ts is filled with,
 * from the declaration as stored. Pure: the service (declarations.service.ts) reads and stores.
 */

/** Most interests one declaration lists (one a line); the recusal's `interest` numbers them from 1. */
export const MAX_INTERESTS = 200;

/**
 * The declared interests, one a line of what the representative wrote, in their order. "Kategori: beskrivning"
 * gives the category; a line without one is an interest of the category "Intresse". Nothing declared: none.
 */
export function declaredInterests(hasInterests: boolean, text: string | null): DeclaredInterest[] {
  if (!hasInterests || !text) return [];
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^[-•*]\s*/, ''))
    .filter((l) => l.length > 0)
    .slice(0, MAX_INTERESTS)
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon > 0 && colon <= 60 && line.slice(colon + 1).trim()) {
        return { category: line.slice(0, colon).trim(), description: line.slice(colon + 1).trim(), period: null };
      }
      return { category: 'Intresse', description: line, period: null };
    });
}

/** The payer's renewal rule in months as the workflow's duration (36 → "1095 days", 12 → "365 days"). */
export const renewEveryOf = (months: number): string => `${Math.round((months * 365) / 12)} days`;

/** The payer's rule in words for the document and the API ("minst vart tredje år", "minst en gång om året"). */
export function renewalRuleSv(months: number): string {
  if (months === 12) return 'minst en gång om året';
  if (months % 12 === 0) return `minst vart ${({ 2: 'annat', 3: 'tredje', 4: 'fjärde', 5: 'femte' } as Record<number, string>)[months / 12] ?? `${months / 12}:e`} år`;
  return `minst var ${months}:e månad`;
}

export interface RecusalForDocument {
  interestNo: number;
  matter: string;
  activityTitle: string | null;
  activityDate: string | null;
  agendaItem: string | null;
}

/** A recusal as the assessment lists it: the interest it follows from, the matter, and where it comes up. */
export function recusalLine(r: RecusalForDocument): string {
  const where = r.activityTitle
    ? ` – ${r.activityTitle}${r.activityDate ? ` ${r.activityDate}` : ''}${r.agendaItem ? `, dagordningspunkt "${r.agendaItem}"` : ''}`
    : '';
  return `${r.matter}${where} (intresse ${r.interestNo})`;
}

export interface DeclarationDocumentInput {
  declarationId: string;
  submittedAt: Date;
  declarant: { name: string; perspective: string | null };
  group: { name: string };
  occasion: DeclarationOccasion;
  hasInterests: boolean;
  interests: string | null;
  assessment: null | {
    assessedBy: string;
    assessedOn: string;
    recusals: RecusalForDocument[];
    comment: string | null;
    nextReviewBy: string | null;
  };
}

const ROLE_SV: Record<string, string> = {
  patient: 'Patientföreträdare',
  'next-of-kin': 'Närståendeföreträdare',
};

/** The template's data. `generatedAt` is the submission's time, so a retried submission renders the same document. */
export function declarationData(d: DeclarationDocumentInput, stockholmDate: (ms: number) => string): DeclarationData {
  const outcome: AssessmentOutcome | null = d.assessment ? (d.assessment.recusals.length > 0 ? 'conflict-in-matters' : 'no-conflict') : null;
  return {
    generatedAt: d.submittedAt.toISOString(),
    caseReference: `Jävsdeklaration ${d.declarationId.slice(0, 8)}`,
    declarant: { name: d.declarant.name, roleLabel: ROLE_SV[d.declarant.perspective ?? ''] ?? 'Patient- eller närståendeföreträdare' },
    group: { name: d.group.name },
    occasion: d.occasion,
    declaredOn: stockholmDate(d.submittedAt.getTime()),
    interests: declaredInterests(d.hasInterests, d.interests),
    assessment:
      d.assessment && outcome
        ? {
            assessedBy: d.assessment.assessedBy,
            assessedOn: d.assessment.assessedOn,
            outcome,
            matters: d.assessment.recusals.map(recusalLine),
            comment: d.assessment.comment,
          }
        : null,
    nextReviewBy: d.assessment?.nextReviewBy ?? null,
  };
}
