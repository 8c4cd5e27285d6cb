import { checkOrganisationNumber, ORGANISATION_NUMBER_MESSAGES } from './organisation-number';

const problem = (input: string) => {
  const r = checkOrganisationNumber(input);
  return r.ok ? 'valid' : r.problem;
};

describe('checkOrganisationNumber', () => {
  it('accepts an organisation number in its usual forms and stores it as NNNNNN-NNNN', () => {
    for (const form of ['802012-3454', '8020123454', '16802012-3454', '168020123454', ' 802012 - 3454 ']) {
      expect(checkOrganisationNumber(form)).toEqual({ ok: true, normalized: '802012-3454' });
    }
    expect(checkOrganisationNumber('232100-0255')).toEqual({ ok: true, normalized: '232100-0255' }); // Region Skåne
    expect(checkOrganisationNumber('222000-0315')).toEqual({ ok: true, normalized: '222000-0315' });
  });

  it('refuses a wrong check digit', () => {
    expect(problem('802012-3456')).toBe('checksum');
    expect(problem('232100-0256')).toBe('checksum');
  });

  it('refuses a personnummer (third digit below 2): it is personal data, never stored in clear', () => {
    expect(problem('850709-9805')).toBe('personal-number');
    expect(problem('16850709-9805')).toBe('personal-number');
    expect(problem('19850709-9805')).toBe('format');
  });

  it('refuses what is not ten digits, with a message that does not repeat the number', () => {
    for (const bad of ['', '80201-3454', '802012-34545', 'abcdef-ghij', '802012/3454']) expect(problem(bad)).toBe('format');
    for (const message of Object.values(ORGANISATION_NUMBER_MESSAGES)) expect(message).not.toMatch(/850709/);
  });
});
