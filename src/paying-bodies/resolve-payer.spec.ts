import { payerCodeOrNull, payerOf } from './payer-of-group';
import { canonicalPayerCode, PayerResolutionError, resolvePayer, samePayer } from './resolve-payer';

describe('resolvePayer (§4.5.4, §4.5.5)', () => {
  const npo = { kind: 'NPO' as const, hostRegion: 'sydostra' as const };
  const nsg = { kind: 'NSG' as const, hostRegion: null };

  it('lets the host healthcare region pay for an NPO', () => {
    expect(resolvePayer(npo)).toMatchObject({ payerCode: 'sydostra', regionalModel: false });
  });

  it('lets the NPO’s host region pay for a NAG under it, whatever the NAG says', () => {
    expect(resolvePayer({ kind: 'NAG', hostRegion: null }, npo).payerCode).toBe('sydostra');
    expect(resolvePayer({ kind: 'NAG', hostRegion: 'norra' }, npo).payerCode).toBe('sydostra');
  });

  it('lets SKR pay for an NSG and a NAG under it', () => {
    expect(resolvePayer(nsg)).toMatchObject({ payerCode: 'SKR', basis: expect.stringMatching(/SKR/) });
    expect(resolvePayer({ kind: 'NAG', hostRegion: null }, nsg).payerCode).toBe('SKR');
    expect(resolvePayer({ kind: 'NSG', hostRegion: 'vastra' }).payerCode).toBe('SKR');
  });

  it('lets an RPO or RAG’s own region pay under its own table', () => {
    expect(resolvePayer({ kind: 'RPO', hostRegion: 'vastra' })).toMatchObject({ payerCode: 'vastra', regionalModel: true });
    expect(resolvePayer({ kind: 'RAG', hostRegion: 'norra' })).toMatchObject({ payerCode: 'norra', regionalModel: true });
  });

  it('refuses groups that lack what decides the payer', () => {
    expect(() => resolvePayer({ kind: 'NPO', hostRegion: null })).toThrow(PayerResolutionError);
    expect(() => resolvePayer({ kind: 'NAG', hostRegion: null })).toThrow(/överordnade NPO eller NSG/);
    expect(() => resolvePayer({ kind: 'NAG', hostRegion: null }, { kind: 'NPO', hostRegion: null })).toThrow(/värdregion/);
    expect(() => resolvePayer({ kind: 'NAG', hostRegion: null }, { kind: 'RPO', hostRegion: 'norra' })).toThrow(PayerResolutionError);
  });

  it('accepts the routine’s SKL as SKR', () => {
    expect(canonicalPayerCode('SKL')).toBe('SKR');
    expect(canonicalPayerCode(' skl ')).toBe('SKR');
    expect(canonicalPayerCode('skr')).toBe('SKR');
    expect(canonicalPayerCode('sodra')).toBe('sodra');
  });

  it('tells two spellings of one payer apart from two payers', () => {
    expect(samePayer('SKL', 'skr')).toBe(true);
    expect(samePayer(' skl', 'SKL ')).toBe(true);
    expect(samePayer('Sodra', 'sodra')).toBe(true);
    expect(samePayer('SKR', 'sodra')).toBe(false);
    expect(samePayer('sodra', 'vastra')).toBe(false);
    expect(samePayer(null, 'SKR')).toBe(false);
    expect(samePayer('SKR', null)).toBe(false);
  });
});

describe('payerOf (the one answer to who pays a group)', () => {
  it('answers the rule’s payer, basis and model', () => {
    expect(payerOf({ kind: 'NPO', hostRegion: 'sodra' }, null)).toEqual(resolvePayer({ kind: 'NPO', hostRegion: 'sodra' }));
    expect(payerCodeOrNull(payerOf({ kind: 'NAG', hostRegion: null }, { kind: 'NSG', hostRegion: null }))).toBe('SKR');
  });

  it('says why in Swedish instead of throwing when the group lacks what decides it', () => {
    const missing = payerOf({ kind: 'NPO', hostRegion: null }, null);
    expect(missing).toEqual({ problem: expect.stringMatching(/Ange värdregion för NPO:n/) });
    expect(payerCodeOrNull(missing)).toBeNull();
    expect(payerOf({ kind: 'NAG', hostRegion: null }, null)).toEqual({ problem: expect.stringMatching(/överordnade NPO eller NSG/) });
  });
});
