import { endOfNextYear } from '../time-reports/business-dates';

/** Hard-coded future dates are time bombs (issue 14 leftovers): the demo's end dates are derived from today. */
describe('dates of the demo data', () => {
  afterEach(() => jest.useRealTimers());

  it('ends a time-limited group at the end of the next Stockholm year', () => {
    expect(endOfNextYear(new Date('2026-12-03T12:00:00Z'))).toBe('2027-12-31');
    // 23:30 UTC on New Year's Eve is already the new year in Stockholm.
    expect(endOfNextYear(new Date('2027-12-31T23:30:00Z'))).toBe('2029-12-31');
    expect(endOfNextYear(new Date('2027-12-31T22:30:00Z'))).toBe('2028-12-31');
  });

  it.each(['2026-12-03T12:00:00Z', '2028-03-01T09:00:00Z', '2031-12-31T23:30:00Z'])(
    'has no group end date that has passed when loaded at %s (the start command refuses to create an ended group)',
    (now) => {
      jest.useFakeTimers({ now: new Date(now), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval'] });
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded afresh under the fake clock
        const { DEMO_GROUPS } = require('./demo-data') as typeof import('./demo-data');
        const ends = DEMO_GROUPS.map((g) => ('endsOn' in g ? g.endsOn : undefined)).filter((d): d is string => typeof d === 'string');
        expect(ends.length).toBeGreaterThan(0);
        for (const d of ends) expect(d >= today).toBe(true);
      });
    },
  );
});
