import { msUntilStockholmDay, periodClosesOn, periodHasEnded, periodOpenMessage, stockholmDay } from './payout-period';

describe('payout periods close at midnight in Stockholm', () => {
  it('names the first day after a month or a quarter', () => {
    expect(periodClosesOn('2026-11')).toBe('2026-12-01');
    expect(periodClosesOn('2026-12')).toBe('2027-01-01');
    expect(periodClosesOn('2026-Q3')).toBe('2026-10-01');
    expect(periodClosesOn('2026-Q4')).toBe('2027-01-01');
    expect(periodClosesOn('2026-13')).toBeUndefined();
  });

  it('a December run on 2 December is not possible; on 1 January (Stockholm) it is', () => {
    expect(periodHasEnded('2026-12', Date.parse('2026-12-02T10:00:00Z'))).toBe(false);
    expect(periodHasEnded('2026-12', Date.parse('2026-12-31T22:59:59Z'))).toBe(false); // 23:59:59 on 31 December in Stockholm
    expect(periodHasEnded('2026-12', Date.parse('2026-12-31T23:00:00Z'))).toBe(true); // midnight in Stockholm
    expect(periodHasEnded('2026-11', Date.parse('2026-12-02T10:00:00Z'))).toBe(true);
    expect(periodHasEnded('2026-Q4', Date.parse('2026-12-02T10:00:00Z'))).toBe(false);
    expect(periodHasEnded('bad', Date.parse('2026-12-02T10:00:00Z'))).toBe(false);
  });

  it('counts the time until the period closes, in winter and summer time', () => {
    const now = Date.parse('2026-12-31T12:00:00Z');
    expect(now + msUntilStockholmDay('2027-01-01', now)).toBe(Date.parse('2026-12-31T23:00:00Z'));
    const summer = Date.parse('2026-06-15T12:00:00Z');
    expect(summer + msUntilStockholmDay('2026-07-01', summer)).toBe(Date.parse('2026-06-30T22:00:00Z'));
    expect(msUntilStockholmDay('2026-12-01', Date.parse('2026-12-02T10:00:00Z'))).toBe(0);
    expect(stockholmDay(Date.parse('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('says from which date the run can be made', () => {
    expect(periodOpenMessage('2026-12')).toBe('Perioden december 2026 har inte tagit slut. Utbetalningen för perioden kan göras från och med 1 januari 2027.');
    expect(periodOpenMessage('2026-Q4')).toMatch(/^Perioden kvartal 4 2026 har inte tagit slut\. .* 1 januari 2027\.$/);
  });
});
