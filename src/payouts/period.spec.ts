import { lastEndedPeriod, parsePeriod, periodContaining, periodLabel, periodProblems, previousPeriod } from './period';
import { addMonths, stockholmDate } from '../time-reports/business-dates';

describe('payout periods', () => {
  it('parses months and quarters with their first and last day', () => {
    expect(parsePeriod('2026-02')).toMatchObject({ frequency: 'monthly', start: '2026-02-01', end: '2026-02-28' });
    expect(parsePeriod('2028-02')).toMatchObject({ end: '2028-02-29' });
    expect(parsePeriod('2026-Q3')).toMatchObject({ frequency: 'quarterly', index: 3, start: '2026-07-01', end: '2026-09-30' });
    expect(parsePeriod('2026-Q4')).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-Q0', '26-09', '2026-9', '2026-09-01', '']) expect(parsePeriod(bad)).toBeUndefined();
  });

  it('finds the period containing a date and the one before it, across years', () => {
    expect(periodContaining('2026-11-25', 'monthly').key).toBe('2026-11');
    expect(periodContaining('2026-11-25', 'quarterly').key).toBe('2026-Q4');
    expect(previousPeriod(parsePeriod('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1')!).key).toBe('2025-Q4');
  });

  it('gives the latest ended period for a scheduled run', () => {
    expect(lastEndedPeriod('2026-12-01', 'monthly').key).toBe('2026-11');
    expect(lastEndedPeriod('2026-11-30', 'monthly').key).toBe('2026-11');
    expect(lastEndedPeriod('2027-01-01', 'quarterly').key).toBe('2026-Q4');
    expect(lastEndedPeriod('2026-11-01', 'quarterly').key).toBe('2026-Q3');
  });

  it('labels periods in Swedish', () => {
    expect(periodLabel(parsePeriod('2026-09')!)).toBe('september 2026');
    expect(periodLabel(parsePeriod('2026-Q3')!)).toBe('kvartal 3 2026');
  });

  it('refuses a period of the wrong frequency, in a wrong form or not yet begun', () => {
    expect(periodProblems('2026-09', 'monthly', '2026-11-25')).toEqual([]);
    expect(periodProblems('2026-11', 'monthly', '2026-11-25')).toEqual([]);
    expect(periodProblems('2026-12', 'monthly', '2026-11-25')).toEqual(['Perioden har inte börjat ännu.']);
    expect(periodProblems('2026-Q3', 'monthly', '2026-11-25')[0]).toMatch(/månadsvis/);
    expect(periodProblems('2026-09', 'quarterly', '2026-11-25')[0]).toMatch(/kvartalsvis/);
    expect(periodProblems('sept', 'monthly', '2026-11-25')[0]).toMatch(/ÅÅÅÅ-MM/);
  });
});

describe('business dates', () => {
  it('adds months without overshooting a short month', () => {
    expect(addMonths('2026-09-15', 3)).toBe('2026-12-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', -1)).toBe('2025-12-31');
  });

  it('tells the Stockholm date, which runs ahead of UTC in the evening', () => {
    expect(stockholmDate(new Date('2026-11-25T22:59:00Z'))).toBe('2026-11-25');
    expect(stockholmDate(new Date('2026-11-25T23:00:00Z'))).toBe('2026-11-26');
    expect(stockholmDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01'); // summer time, UTC+2
  });
});
