import { checkPayeeIdentity, IDENTITY_MESSAGES, maskIdentity } from './identity-number';

const TODAY = '2026-03-15';
const ok = (input: string, today = TODAY) => {
  const r = checkPayeeIdentity(input, today);
  if (!r.ok) throw new Error(`expected valid, got ${r.problem}`);
  return r.identity;
};
const problem = (input: string, today = TODAY) => {
  const r = checkPayeeIdentity(input, today);
  return r.ok ? 'valid' : r.problem;
};

describe('checkPayeeIdentity', () => {
  it('accepts a personnummer in 10 and 12 digits, with or without separator', () => {
    for (const form of ['850709-9805', '8507099805', '19850709-9805', '198507099805', ' 850709 - 9805 ']) {
      expect(ok(form)).toEqual({ kind: 'personnummer', normalized: '198507099805', birthDate: '1985-07-09', birthYear: 1985 });
    }
  });

  it('accepts a samordningsnummer (day + 60) and gives the real birth date', () => {
    expect(ok('850769-9802')).toEqual({ kind: 'samordningsnummer', normalized: '198507699802', birthDate: '1985-07-09', birthYear: 1985 });
  });

  it('reads the century from the separator: "-" within 100 years, "+" from the year one turns 100', () => {
    expect(ok('121212-1212').birthYear).toBe(2012);
    expect(ok('121212+1212').birthYear).toBe(1912);
    expect(ok('260101-1238').birthYear).toBe(2026);
    expect(ok('260101+1238').birthYear).toBe(1926);
    expect(ok('200512-1237', '2026-03-15').birthYear).toBe(2020);
  });

  it('checks leap days', () => {
    expect(ok('20000229-1235').birthDate).toBe('2000-02-29');
    expect(problem('19000229-1235')).toBe('date'); // 1900 was not a leap year
    expect(ok('000229-1235').birthDate).toBe('2000-02-29');
    expect(problem('500229+1234')).toBe('date'); // 1850 was not a leap year
  });

  it('refuses a wrong check digit, impossible dates, future dates and bad formats', () => {
    expect(problem('850709-9806')).toBe('checksum');
    expect(problem('851309-9805')).toBe('date'); // month 13
    expect(problem('851232-9805')).toBe('date');
    expect(problem('850700-9805')).toBe('date');
    expect(problem('20270101-1234')).toBe('date'); // in the future
    expect(ok('270101-1237').birthYear).toBe(1927); // 10 digits with "-" in 2026: born 1927, not 2027
    expect(problem('85070-99805')).toBe('format');
    expect(problem('8507099805x')).toBe('format');
    expect(problem('')).toBe('format');
    expect(problem('19850709*9805')).toBe('format');
  });

  it('refuses organisation numbers as payees with a clear Swedish message', () => {
    const r = checkPayeeIdentity('556036-0793', TODAY);
    expect(r).toEqual({ ok: false, problem: 'organisation-number', message: IDENTITY_MESSAGES['organisation-number'] });
    expect(!r.ok && r.message).toMatch(/Arvode betalas bara till privatpersoner/);
    expect(problem('165560360793')).toBe('organisation-number');
    expect(problem('802002-1234')).toBe('organisation-number');
  });

  it('never puts the number in its messages', () => {
    for (const bad of ['850709-9806', '556036-0793', '851232-9805', 'abc']) {
      const r = checkPayeeIdentity(bad, TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).not.toMatch(/\d{4}/);
    }
  });

  it('masks the last four digits for display', () => {
    expect(maskIdentity(ok('850709-9805'))).toBe('19850709-****');
  });
});
