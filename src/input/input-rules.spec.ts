import { aggregateEvaluations, cleanText, evaluationAsked, evaluationOpen, outcomeProblems } from './input-rules';

describe('input items (issue 19 #1)', () => {
  it('needs a reason when input was not taken in, and refuses a reason without an outcome', () => {
    expect(outcomeProblems('not-taken-in', null)).toEqual({ reason: ['Ange varför inspelet inte togs in.'] });
    expect(outcomeProblems('not-taken-in', '   ')).toEqual({ reason: ['Ange varför inspelet inte togs in.'] });
    expect(outcomeProblems('not-taken-in', 'Saknar evidens')).toEqual({});
    expect(outcomeProblems('taken-in', null)).toEqual({});
    expect(outcomeProblems(null, 'Varför?')).toHaveProperty('reason');
  });

  it('stores text trimmed, and an empty text as none', () => {
    expect(cleanText('  Avsnitt 3.2 ')).toBe('Avsnitt 3.2');
    expect(cleanText('   ')).toBeNull();
    expect(cleanText(undefined)).toBeNull();
  });
});

describe('the yearly evaluation "Kom din kunskap till användning?"', () => {
  it('gives no figures and no free texts for fewer than 3 answers, and says why', () => {
    const two = aggregateEvaluations(2026, [
      { score: 5, comment: 'Ja, mycket' },
      { score: 1, comment: null },
    ]);
    expect(two).toMatchObject({ count: 2, shown: false, mean: null, distribution: [], comments: [] });
    expect(two.hiddenReason).toContain('minst 3');
    expect(aggregateEvaluations(2026, []).hiddenReason).toBe('Ingen har svarat ännu.');
  });

  it('gives count, mean, distribution and the free texts without names in alphabetical order from 3 answers', () => {
    const a = aggregateEvaluations(2026, [
      { score: 4, comment: 'Öppet klimat' },
      { score: 5, comment: 'Bra återkoppling' },
      { score: 2, comment: null },
      { score: 4, comment: '  ' },
    ]);
    expect(a).toMatchObject({ count: 4, shown: true, hiddenReason: null, mean: 3.75 });
    expect(a.distribution).toEqual([
      { score: 1, count: 0 },
      { score: 2, count: 1 },
      { score: 3, count: 0 },
      { score: 4, count: 2 },
      { score: 5, count: 1 },
    ]);
    expect(a.comments).toEqual(['Bra återkoppling', 'Öppet klimat']);
  });

  it('is open for the current year and the year before, and asked from 1 November', () => {
    expect(evaluationOpen(2026, '2026-12-08')).toBe(true);
    expect(evaluationOpen(2025, '2026-01-10')).toBe(true);
    expect(evaluationOpen(2024, '2026-01-10')).toBe(false);
    expect(evaluationOpen(2027, '2026-12-31')).toBe(false);
    expect(evaluationAsked('2026-10-31')).toBe(false);
    expect(evaluationAsked('2026-11-01')).toBe(true);
  });
});
