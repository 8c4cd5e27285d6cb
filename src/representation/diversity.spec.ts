import { aggregateDiversity, type DiversityAnswers, MIN_PEOPLE, parseAnswers, serialiseAnswers, TOO_FEW_MESSAGE } from './diversity';

const person = (a: Partial<DiversityAnswers>): DiversityAnswers => ({ ageBand: null, perspective: null, work: null, region: null, ...a });
const cells = (f: ReturnType<typeof aggregateDiversity>, dimension: string) =>
  Object.fromEntries(f.dimensions.find((d) => d.dimension === dimension)!.cells.map((c) => [c.value, c.count]));

describe('aggregateDiversity', () => {
  it('gives no figures, not even the number, for fewer than 5 consenting people, and says why', () => {
    const four = Array.from({ length: MIN_PEOPLE - 1 }, () => person({ ageBand: '50-64' }));
    expect(aggregateDiversity(four)).toEqual({ people: null, figuresShown: false, reason: TOO_FEW_MESSAGE, dimensions: [], missingAgeBands: [] });
    expect(aggregateDiversity([]).figuresShown).toBe(false);
  });

  it('hides every cell of 1–4 people, and one more where a single hidden cell could be worked out from the total', () => {
    const answers = [
      ...Array.from({ length: 6 }, () => person({ ageBand: '50-64', perspective: 'patient', work: 'working' })),
      ...Array.from({ length: 5 }, () => person({ ageBand: '65-plus', perspective: 'patient', work: 'not-working' })),
      person({ ageBand: '30-49', perspective: 'next-of-kin', work: 'working' }),
    ];
    const f = aggregateDiversity(answers);
    expect(f.people).toBe(12);
    // 30-49 has one person: hidden, and with it the smallest other cell with people (65-plus, 5), so 12 − 6 − 0 − 0
    // does not give it away.
    expect(cells(f, 'ageBand')).toEqual({ 'under-30': 0, '30-49': null, '50-64': 6, '65-plus': null, 'not-answered': 0 });
    expect(cells(f, 'perspective')).toEqual({ patient: null, 'next-of-kin': null, 'not-answered': 0 });
    expect(cells(f, 'work')).toEqual({ working: 7, 'not-working': 5, 'not-answered': 0 });
    expect(f.missingAgeBands).toEqual(['under-30']);
    for (const d of f.dimensions) for (const c of d.cells) expect(c.count === null || c.count === 0 || c.count >= MIN_PEOPLE).toBe(true);
  });

  it('hides a dimension where everyone gave the same answer (it would tell each person\'s answer)', () => {
    const f = aggregateDiversity(Array.from({ length: 7 }, (_, i) => person({ perspective: 'patient', region: i < 5 ? 'sodra' : 'norra' })));
    const perspective = f.dimensions.find((d) => d.dimension === 'perspective')!;
    expect(perspective.shown).toBe(false);
    expect(perspective.cells.every((c) => c.count === null)).toBe(true);
    // Nobody answered the age question: that dimension is all "not answered", hidden too, and warns of no band.
    expect(f.dimensions.find((d) => d.dimension === 'ageBand')!.shown).toBe(false);
    expect(f.missingAgeBands).toEqual([]);
    expect(cells(f, 'region')).toMatchObject({ sodra: null, norra: null });
  });

  it('shows two cells of 5 or more as they are', () => {
    const f = aggregateDiversity([...Array.from({ length: 5 }, () => person({ work: 'working' })), ...Array.from({ length: 5 }, () => person({ work: 'not-working' }))]);
    expect(cells(f, 'work')).toEqual({ working: 5, 'not-working': 5, 'not-answered': 0 });
  });
});

describe('stored answers', () => {
  it('read back as they were written, and an unknown value as unanswered', () => {
    const a = person({ ageBand: 'under-30', perspective: 'next-of-kin', work: 'working', region: 'vastra' });
    expect(parseAnswers(serialiseAnswers(a))).toEqual(a);
    expect(parseAnswers('{"ageBand":"12-15","region":"mars"}')).toEqual(person({}));
  });
});
