import { declarationData, declaredInterests, recusalLine, renewalRuleSv, renewEveryOf } from './declaration-document';

describe('the declaration as a document (issue 16 #6)', () => {
  it('reads one declared interest a line, with its category before a colon', () => {
    expect(declaredInterests(true, 'Anställning: Läkemedelsbolaget AB\n\n- Styrelse i Hjärtföreningen\n')).toEqual([
      { category: 'Anställning', description: 'Läkemedelsbolaget AB', period: null },
      { category: 'Intresse', description: 'Styrelse i Hjärtföreningen', period: null },
    ]);
    expect(declaredInterests(false, 'ignored')).toEqual([]);
    expect(declaredInterests(true, null)).toEqual([]);
  });

  it('turns the payer\'s months into the workflow\'s duration and into words', () => {
    expect(renewEveryOf(36)).toBe('1095 days');
    expect(renewEveryOf(12)).toBe('365 days');
    expect(renewalRuleSv(36)).toBe('minst vart tredje år');
    expect(renewalRuleSv(12)).toBe('minst en gång om året');
    expect(renewalRuleSv(18)).toBe('minst var 18:e månad');
  });

  it('an assessment with recusals is "jäv in some matters", each with its activity, agenda item and interest', () => {
    const base = {
      declarationId: '7c1f0a52-0000-4000-8000-000000000000',
      submittedAt: new Date('2026-03-01T10:00:00Z'),
      declarant: { name: 'Rut Företrädare', perspective: 'patient' },
      group: { name: 'NAG Hjärtsvikt' },
      occasion: 'initial' as const,
      hasInterests: true,
      interests: 'Anställning: Läkemedelsbolaget AB',
    };
    const recusal = { interestNo: 1, matter: 'Val av läkemedel', activityTitle: 'Arbetsmöte', activityDate: '2026-03-10', agendaItem: 'Punkt 3' };
    expect(recusalLine(recusal)).toBe('Val av läkemedel – Arbetsmöte 2026-03-10, dagordningspunkt "Punkt 3" (intresse 1)');
    const data = declarationData({ ...base, assessment: { assessedBy: 'Sara', assessedOn: '2026-03-02', recusals: [recusal], comment: null, nextReviewBy: '2027-03-02' } }, () => '2026-03-01');
    expect(data.assessment).toMatchObject({ outcome: 'conflict-in-matters', matters: [recusalLine(recusal)] });
    expect(data.nextReviewBy).toBe('2027-03-02');
    expect(declarationData({ ...base, assessment: { assessedBy: 'Sara', assessedOn: '2026-03-02', recusals: [], comment: null, nextReviewBy: null } }, () => '2026-03-01').assessment?.outcome).toBe('no-conflict');
    expect(declarationData({ ...base, assessment: null }, () => '2026-03-01')).toMatchObject({ assessment: null, declaredOn: '2026-03-01', generatedAt: '2026-03-01T10:00:00.000Z' });
  });
});
