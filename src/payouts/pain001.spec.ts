import { checkIban, checkSwedishAccount, BankAccount } from '../identity/bank-account';
import { pain001Xml, PainFile, painAmount, xmlText } from './pain001';

const bban = (c: string, a: string): BankAccount => {
  const r = checkSwedishAccount(c, a);
  if (!r.ok) throw new Error(r.message);
  return r.account;
};

const file = (over: Partial<PainFile> = {}): PainFile => ({
  version: 'pain.001.001.09',
  messageId: 'MV0123456789abcdef0123456789abcdef',
  paymentInfoId: 'SKR-2026-11',
  createdAt: new Date('2026-12-01T09:30:00Z'),
  executionDate: '2026-12-01',
  debtor: { name: 'SKR', organisationNumber: '222000-0315', account: bban('5000', '1234560'), bic: 'ESSESESS' },
  categoryPurpose: null,
  payments: [
    { endToEndId: 'a'.repeat(32), creditorName: 'Anna <Andersson> & "Co"', account: bban('8327-9', '123 456 789-7'), amountOre: 149_105, remittance: 'Arvode medverkan 2026-11' },
    { endToEndId: 'b'.repeat(32), creditorName: 'Bertil', account: (checkIban('SE4550000000058398257466') as { ok: true; account: BankAccount }).account, amountOre: 50_000, remittance: 'Arvode medverkan 2026-11' },
    { endToEndId: 'c'.repeat(32), creditorName: 'Cecilia', account: bban('6000', '987654322'), amountOre: 0, remittance: 'Arvode medverkan 2026-11' },
  ],
  ...over,
});

const tags = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

describe('pain.001 credit transfer (pure)', () => {
  it('counts and sums the payments in the group header and the payment information, to the öre, leaving out zero rows', () => {
    const xml = pain001Xml(file());
    expect(tags(xml, 'NbOfTxs')).toEqual(['2', '2']);
    expect(tags(xml, 'CtrlSum')).toEqual(['1991.05', '1991.05']);
    expect(tags(xml, 'InstdAmt')).toEqual(['1491.05', '500.00']);
    expect(tags(xml, 'EndToEndId')).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    expect(xml).toContain('<CreDtTm>2026-12-01T10:30:00</CreDtTm>'); // Stockholm time
  });

  it('escapes every text, so a name cannot break the XML', () => {
    const xml = pain001Xml(file());
    expect(xml).toContain('<Nm>Anna &lt;Andersson&gt; &amp; &quot;Co&quot;</Nm>');
    expect(xmlText('a\u0000b\u001bc<')).toBe('abc&lt;');
  });

  it('writes a Swedish account as BBAN with its bank’s clearing number, an IBAN as IBAN', () => {
    const xml = pain001Xml(file());
    expect(tags(xml, 'MmbId')).toEqual(['8327']);
    expect(tags(xml, 'Id')).toEqual(expect.arrayContaining(['83271234567897', '50001234560', '2220000315']));
    expect(tags(xml, 'IBAN')).toEqual(['SE4550000000058398257466']);
  });

  it('differs between the versions where the schemas do (BICFI/BIC, the execution date’s form)', () => {
    const v09 = pain001Xml(file());
    const v03 = pain001Xml(file({ version: 'pain.001.001.03' }));
    expect(v09).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    expect(v09).toMatch(/<ReqdExctnDt>\s*<Dt>2026-12-01<\/Dt>/);
    expect(tags(v09, 'BICFI')).toEqual(['ESSESESS']);
    expect(v03).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    expect(tags(v03, 'ReqdExctnDt')).toEqual(['2026-12-01']);
    expect(tags(v03, 'BIC')).toEqual(['ESSESESS']);
  });

  it('gives the category purpose only when the payer has one', () => {
    expect(pain001Xml(file())).not.toContain('CtgyPurp');
    expect(pain001Xml(file({ categoryPurpose: 'SALA' }))).toMatch(/<CtgyPurp>\s*<Cd>SALA<\/Cd>/);
  });

  it('refuses what the standard does not allow: identifiers over 35 characters, no payment, amounts not in öre', () => {
    expect(() => pain001Xml(file({ messageId: 'x'.repeat(36) }))).toThrow(RangeError);
    expect(() => pain001Xml(file({ payments: [] }))).toThrow(RangeError);
    expect(() => painAmount(1.5)).toThrow(RangeError);
    expect(painAmount(5)).toBe('0.05');
  });
});
