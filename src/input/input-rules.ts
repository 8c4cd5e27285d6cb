/**
 * The pure rules of "how your input was used" (issue 19 #1): the outcomes, when a reason is needed, the yearly
 * evaluation's aggregate (no figures for fewer than 3 answers) and when the representative is asked.
 */

export const INPUT_OUTCOMES = ['taken-in', 'changed-text', 'not-taken-in'] as const;
/** `taken-in`: taken in as it was; `changed-text`: it changed the guideline's text; `not-taken-in`: not taken in (with the reason). */
export type InputOutcome = (typeof INPUT_OUTCOMES)[number];

export const INPUT_LIMITS = { raised: 2000, reason: 2000, guidelineSection: 200, comment: 2000 } as const;

/** The evaluation question the seeds recommend, as it is asked. */
export const EVALUATION_QUESTION = 'Kom din kunskap till användning?';
export const EVALUATION_SCALE = [1, 2, 3, 4, 5] as const;
/** Fewer answers than this give no figures and no free texts: a small group's answers would be each person's. */
export const EVALUATION_MIN_ANSWERS = 3;
/** The month (1–12) from which a representative is asked the year's question in "Att göra nu". */
export const EVALUATION_ASKED_FROM_MONTH = 11;

/** What is wrong with an outcome and its reason, per field (empty: nothing). */
export function outcomeProblems(outcome: InputOutcome | null, reason: string | null): Record<string, string[]> {
  if (outcome === 'not-taken-in' && (reason === null || reason.trim() === '')) return { reason: ['Ange varför inspelet inte togs in.'] };
  if (outcome === null && reason !== null) return { reason: ['Ett skäl kan bara anges tillsammans med ett utfall.'] };
  return {};
}

/** A text field as stored: trimmed, null when empty. */
export function cleanText(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

export interface EvaluationAggregate {
  year: number;
  question: string;
  /** How many representatives answered. */
  count: number;
  minimumAnswers: number;
  /** Whether the figures are shown (at least `minimumAnswers` answers). */
  shown: boolean;
  /** Why there are no figures (fewer than `minimumAnswers` answers). */
  hiddenReason: string | null;
  /** The mean score, to two decimals; null when not shown. */
  mean: number | null;
  /** How many gave each score 1–5; empty when not shown. */
  distribution: Array<{ score: number; count: number }>;
  /** The free texts, without names, in alphabetical order (not the order they came in); empty when not shown. */
  comments: string[];
}

/** The aggregate of one group's answers for a year: count, mean and distribution, the free texts without names. */
export function aggregateEvaluations(year: number, answers: ReadonlyArray<{ score: number; comment: string | null }>): EvaluationAggregate {
  const count = answers.length;
  const base = { year, question: EVALUATION_QUESTION, count, minimumAnswers: EVALUATION_MIN_ANSWERS };
  if (count < EVALUATION_MIN_ANSWERS)
    return {
      ...base,
      shown: false,
      hiddenReason:
        count === 0
          ? 'Ingen har svarat ännu.'
          : `Svaren visas först när minst ${EVALUATION_MIN_ANSWERS} har svarat, så att ingens svar går att känna igen.`,
      mean: null,
      distribution: [],
      comments: [],
    };
  const sum = answers.reduce((s, a) => s + a.score, 0);
  return {
    ...base,
    shown: true,
    hiddenReason: null,
    mean: Math.round((sum * 100) / count) / 100,
    distribution: EVALUATION_SCALE.map((score) => ({ score, count: answers.filter((a) => a.score === score).length })),
    comments: answers
      .map((a) => a.comment)
      .filter((c): c is string => c !== null && c.trim() !== '')
      .sort((a, b) => a.localeCompare(b, 'sv')),
  };
}

/** Whether a year's evaluation can still be answered on `today` (YYYY-MM-DD): the current year and the year before. */
export function evaluationOpen(year: number, today: string): boolean {
  const thisYear = Number(today.slice(0, 4));
  return year === thisYear || year === thisYear - 1;
}

/** Whether the representative is asked the year's question in "Att göra nu" on `today`: from 1 November. */
export function evaluationAsked(today: string): boolean {
  return Number(today.slice(5, 7)) >= EVALUATION_ASKED_FROM_MONTH;
}

/** The outcome in Swedish words, as a mail or page says it. */
export const OUTCOME_WORDS: Record<InputOutcome, string> = {
  'taken-in': 'Togs in',
  'changed-text': 'Ändrade texten',
  'not-taken-in': 'Togs inte in',
};
