import { PERSPECTIVES, type Perspective } from '../people/person.entity';
import { HEALTHCARE_REGIONS, type HealthcareRegion } from '../working-groups/working-group.entity';

/**
 * Diversity figures (issue 19 #2): optional answers a person gives with their consent, shown only in aggregate and
 * never for fewer than MIN_PEOPLE people. Pure: no I/O, so the disclosure rules are tested without a server.
 */

export const AGE_BANDS = ['under-30', '30-49', '50-64', '65-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const WORK_STATUSES = ['working', 'not-working'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];
export const DIVERSITY_DIMENSIONS = ['ageBand', 'perspective', 'work', 'region'] as const;
export type DiversityDimensionName = (typeof DIVERSITY_DIMENSIONS)[number];
/** The cell of those who consented but left a question unanswered. */
export const NOT_ANSWERED = 'not-answered' as const;
export const DIVERSITY_VALUES = [...AGE_BANDS, ...PERSPECTIVES, ...WORK_STATUSES, ...HEALTHCARE_REGIONS, NOT_ANSWERED] as const;
export type DiversityValue = (typeof DIVERSITY_VALUES)[number];

/** Fewer consenting people than this give no figures at all, and no cell is shown with fewer (1–4) people in it. */
export const MIN_PEOPLE = 5;

/** One person's answers; each may be left out (null). Stored encrypted, only with consent. */
export interface DiversityAnswers {
  ageBand: AgeBand | null;
  perspective: Perspective | null;
  work: WorkStatus | null;
  region: HealthcareRegion | null;
}

const CATEGORIES: Record<DiversityDimensionName, readonly DiversityValue[]> = {
  ageBand: AGE_BANDS,
  perspective: PERSPECTIVES,
  work: WORK_STATUSES,
  region: HEALTHCARE_REGIONS,
};

export interface DiversityCell {
  value: DiversityValue;
  /** Null: not shown (fewer than 5, or hidden so that a hidden cell cannot be worked out from the others). */
  count: number | null;
  suppressed: boolean;
}

export interface DiversityDimension {
  dimension: DiversityDimensionName;
  /** False: the whole dimension is hidden (see `note`). */
  shown: boolean;
  note: string | null;
  cells: DiversityCell[];
}

export interface DiversityFigures {
  /** How many consenting people the figures are of; null when fewer than 5 (not even the number is shown). */
  people: number | null;
  figuresShown: boolean;
  /** Why there are no figures (fewer than 5 people), else null. */
  reason: string | null;
  dimensions: DiversityDimension[];
  /** Age bands no one who answered the age question is in (only when figures and the age dimension are shown). */
  missingAgeBands: AgeBand[];
}

export const TOO_FEW_MESSAGE =
  `Färre än ${MIN_PEOPLE} personer med uppdrag här har samtyckt till att lämna uppgifter om mångfald. ` +
  `Siffrorna visas inte, så att ingen enskild persons svar kan räknas ut.`;
const ALL_SAME_MESSAGE = 'Alla har samma svar: fördelningen visas inte, eftersom den skulle röja varje persons svar.';

/**
 * The figures for the answers of the people in one scope (each person once). Rules, in order:
 * 1. fewer than MIN_PEOPLE people: no figures, only the reason (not even their number);
 * 2. a dimension where everyone is in one cell is hidden whole (showing it would reveal each person's answer);
 * 3. every cell with 1–4 people is hidden (a zero is shown: it is nobody's answer);
 * 4. where exactly one cell of a dimension is hidden, the smallest other cell with people in it is hidden too, so the
 *    hidden one cannot be worked out as the total minus the cells shown.
 */
export function aggregateDiversity(answers: readonly DiversityAnswers[]): DiversityFigures {
  if (answers.length < MIN_PEOPLE) return { people: null, figuresShown: false, reason: TOO_FEW_MESSAGE, dimensions: [], missingAgeBands: [] };
  const total = answers.length;
  const dimensions = DIVERSITY_DIMENSIONS.map((dimension): DiversityDimension => {
    const values: DiversityValue[] = [...CATEGORIES[dimension], NOT_ANSWERED];
    const counts = values.map((value) => ({ value, n: answers.filter((a) => (a[dimension] ?? NOT_ANSWERED) === value).length }));
    if (counts.some((c) => c.n === total)) {
      return { dimension, shown: false, note: ALL_SAME_MESSAGE, cells: counts.map((c) => ({ value: c.value, count: null, suppressed: true })) };
    }
    const hidden = new Set(counts.filter((c) => c.n > 0 && c.n < MIN_PEOPLE).map((c) => c.value));
    if (hidden.size === 1) {
      const next = counts.filter((c) => c.n > 0 && !hidden.has(c.value)).sort((x, y) => x.n - y.n)[0];
      if (next) hidden.add(next.value);
    }
    return {
      dimension,
      shown: true,
      note: hidden.size > 0 ? `Grupper med färre än ${MIN_PEOPLE} personer visas inte (och så många till att de inte kan räknas ut).` : null,
      cells: counts.map((c) => (hidden.has(c.value) ? { value: c.value, count: null, suppressed: true } : { value: c.value, count: c.n, suppressed: false })),
    };
  });
  const age = dimensions.find((d) => d.dimension === 'ageBand');
  const missingAgeBands = age?.shown ? AGE_BANDS.filter((band) => age.cells.find((c) => c.value === band)?.count === 0) : [];
  return { people: total, figuresShown: true, reason: null, dimensions, missingAgeBands };
}

/** The stored form of answers (encrypted by the caller) and back; anything unknown read back becomes unanswered. */
export function serialiseAnswers(a: DiversityAnswers): string {
  return JSON.stringify({ ageBand: a.ageBand, perspective: a.perspective, work: a.work, region: a.region });
}

export function parseAnswers(json: string): DiversityAnswers {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const pick = <T extends string>(v: unknown, allowed: readonly T[]): T | null => (typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null);
  return {
    ageBand: pick(raw.ageBand, AGE_BANDS),
    perspective: pick(raw.perspective, PERSPECTIVES),
    work: pick(raw.work, WORK_STATUSES),
    region: pick(raw.region, HEALTHCARE_REGIONS),
  };
}
