import { stockholmDate as businessStockholmDate } from '../time-reports/business-dates';
import { addDays, calendarPeriod, formatStockholm, stockholmDate, stockholmDateTime, stockholmMidnight } from './stockholm-time';

describe('Stockholm calendar arithmetic', () => {
  it('gives the Stockholm date, which differs from UTC late in the evening', () => {
    expect(stockholmDate(Date.parse('2026-03-31T22:30:00Z'))).toBe('2026-04-01'); // 00:30 CEST
    expect(stockholmDate(Date.parse('2026-01-31T22:30:00Z'))).toBe('2026-01-31'); // 23:30 CET
  });

  it('is one calendar for instants given as a Date or as milliseconds (time reports use the Date form)', () => {
    expect(stockholmDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01'); // 00:30 CET
    expect(stockholmDate(new Date('2026-03-31T22:30:00Z'))).toBe(stockholmDate(Date.parse('2026-03-31T22:30:00Z')));
    expect(businessStockholmDate).toBe(stockholmDate);
  });

  it('finds local midnight in winter (UTC+1) and summer (UTC+2) time', () => {
    expect(new Date(stockholmMidnight('2026-01-15')).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(new Date(stockholmMidnight('2026-07-01')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // The day clocks go forward (29 March 2026) still starts at 00:00 CET.
    expect(new Date(stockholmMidnight('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('finds the month a moment belongs to, ending at the next month\'s local midnight', () => {
    expect(calendarPeriod(Date.parse('2026-03-31T22:30:00Z'), 'monthly')).toEqual({
      key: '2026-04',
      startsOn: '2026-04-01',
      endsOn: '2026-04-30',
      endsAt: Date.parse('2026-04-30T22:00:00Z'),
    });
  });

  it('finds the quarter, including the last one of the year', () => {
    expect(calendarPeriod(Date.parse('2026-05-10T10:00:00Z'), 'quarterly')).toMatchObject({ key: '2026-Q2', startsOn: '2026-04-01', endsOn: '2026-06-30' });
    expect(calendarPeriod(Date.parse('2026-12-31T12:00:00Z'), 'quarterly')).toEqual({
      key: '2026-Q4',
      startsOn: '2026-10-01',
      endsOn: '2026-12-31',
      endsAt: Date.parse('2026-12-31T23:00:00Z'),
    });
  });

  it('writes deadlines in Swedish, local time', () => {
    expect(formatStockholm(Date.parse('2026-03-12T13:00:00Z'))).toBe('12 mars 2026 kl. 14:00');
  });
});

describe('stockholmDateTime', () => {
  it('writes the Stockholm local date and time without offset, in winter and in summer', () => {
    expect(stockholmDateTime(Date.parse('2026-01-15T23:30:05Z'))).toBe('2026-01-16T00:30:05');
    expect(stockholmDateTime(new Date('2026-07-01T10:00:00Z'))).toBe('2026-07-01T12:00:00');
  });
});
