import { payoutWorklist } from './worklist';

const P = '11111111-1111-4111-8111-111111111111';
const Q = '22222222-2222-4222-8222-222222222222';

describe("finance's worklist (issue 17 #3)", () => {
  it('names the next ordinary run: the day after the current period ends', () => {
    expect(payoutWorklist('monthly', '2026-12-04', [], []).nextRun).toEqual({ period: '2026-12', label: 'december 2026', date: '2027-01-01' });
    expect(payoutWorklist('quarterly', '2026-11-15', [], []).nextRun).toEqual({ period: '2026-Q4', label: 'kvartal 4 2026', date: '2027-01-01' });
  });

  it('shows a line attested after its month\'s run was approved as waiting for a supplementary run', () => {
    const w = payoutWorklist('monthly', '2026-12-04', [{ activityDate: '2026-10-20', personId: P }], [
      { id: 'b1', period: '2026-10', supplement: 0, state: 'approved' },
    ]);
    expect(w.waiting).toEqual([
      { period: '2026-10', label: 'oktober 2026', lines: 1, persons: 1, next: 'supplementary-run', runDate: '2026-12-04', latestRun: { id: 'b1', supplement: 0, state: 'approved' } },
    ]);
  });

  it('per period, oldest first: the open period waits for its end, an ended one without a run for the schedule', () => {
    const w = payoutWorklist(
      'monthly',
      '2026-12-04',
      [
        { activityDate: '2026-12-02', personId: P },
        { activityDate: '2026-11-10', personId: P },
        { activityDate: '2026-11-12', personId: Q },
      ],
      [{ id: 'old', period: '2026-10', supplement: 0, state: 'approved' }],
    );
    expect(w.waiting.map((p) => [p.period, p.lines, p.persons, p.next, p.runDate])).toEqual([
      ['2026-11', 2, 2, 'ordinary-run-due', '2026-12-05'],
      ['2026-12', 1, 1, 'ordinary-run-after-period', '2027-01-01'],
    ]);
  });

  it('after the latest run of the period, whichever supplement it is; a draft first has to be decided', () => {
    const runs = [
      { id: 'b0', period: '2026-10', supplement: 0, state: 'approved' },
      { id: 'b1', period: '2026-10', supplement: 1, state: 'draft' },
    ];
    const [p] = payoutWorklist('monthly', '2026-12-04', [{ activityDate: '2026-10-01', personId: P }], runs).waiting;
    expect(p).toMatchObject({ next: 'after-open-draft', latestRun: { id: 'b1', supplement: 1, state: 'draft' } });
  });
});
