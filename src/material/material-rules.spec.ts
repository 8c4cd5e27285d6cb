import { checkMaterial, daysBetween } from './material-rules';

describe('material on time (issue 19 #3)', () => {
  it('flags material sent 10 days before a meeting under a 14-day policy', () => {
    expect(checkMaterial('2026-09-24', '2026-09-14', 14, '2026-09-20')).toEqual({ dueBy: '2026-09-10', daysBefore: 10, status: 'late', flagged: true });
  });

  it('does not flag material sent on the due day or earlier', () => {
    expect(checkMaterial('2026-09-24', '2026-09-10', 14, '2026-09-20')).toMatchObject({ status: 'on-time', flagged: false, daysBefore: 14 });
    expect(checkMaterial('2026-09-24', '2026-09-14', 10, '2026-09-20')).toMatchObject({ status: 'on-time', flagged: false });
  });

  it('flags material not sent once the due day has passed, not before', () => {
    expect(checkMaterial('2026-09-24', null, 14, '2026-09-10')).toMatchObject({ status: 'not-due-yet', flagged: false, daysBefore: null });
    expect(checkMaterial('2026-09-24', null, 14, '2026-09-11')).toMatchObject({ status: 'not-sent-overdue', flagged: true });
  });

  it('counts days across month ends and daylight saving', () => {
    expect(daysBetween('2026-03-20', '2026-04-02')).toBe(13);
    expect(daysBetween('2026-10-20', '2026-11-03')).toBe(14);
    expect(checkMaterial('2026-03-05', null, 14, '2026-02-20').dueBy).toBe('2026-02-19');
  });
});
