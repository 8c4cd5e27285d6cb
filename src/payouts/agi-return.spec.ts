import { AGI_NS_COMPONENT, AGI_NS_INSTANCE, agiMonth, AgiSourceRow, agiXml, agRegistreradId, readAgiXml, xmlText } from './agi-return';

const kr = (n: number) => Math.round(n * 100);
const row = (over: Omit<Partial<AgiSourceRow>, 'figures'> & { figures?: Partial<AgiSourceRow['figures']> }): AgiSourceRow => ({
  personId: 'p1',
  name: 'Anna Andersson',
  personalNumber: '198507099805',
  batchId: 'b1',
  paymentDate: '2026-11-02',
  crossedThreshold: false,
  ...over,
  figures: { taxablePayOre: kr(2_131), taxWithheldOre: kr(639), taxFreeCarOre: 0, contributionsOre: kr(670), agiPayField: '011', ...over.figures },
});
const sender = {
  organisationNumber: '232100-0016',
  programName: 'Medverkan',
  created: '2026-12-04T10:00:00',
  contact: { name: 'Eva Ekonom <ekonomi>', phone: '010-123 45 67', email: 'eva@example.se' },
};

describe('the employer return of a payer and month (issue 18 #3)', () => {
  it('sums every run of the month per person (ordinary, supplementary, a quarter’s) in whole kronor', () => {
    const m = agiMonth(
      '2026-12',
      [
        row({ batchId: 'ordinary', figures: { taxablePayOre: kr(2_131.6), taxWithheldOre: kr(639.4), contributionsOre: kr(670) } }),
        row({ batchId: 'supplementary', paymentDate: '2026-12-20', figures: { taxablePayOre: kr(533.6), taxWithheldOre: kr(160.4), contributionsOre: kr(168), taxFreeCarOre: kr(450) } }),
        row({ personId: 'p2', name: 'Bertil Berg', personalNumber: '195003152385', figures: { taxablePayOre: kr(533), taxWithheldOre: 0, contributionsOre: 0, agiPayField: '131' } }),
      ],
      [],
      7001,
    );
    expect(m.individuals.map((i) => [i.name, i.field215, i.field011, i.field131, i.field001, i.field050, i.specificationNumber])).toEqual([
      ['Anna Andersson', '198507099805', 2_665, null, 799, true, 7001], // 2 665,20 kr, 799,80 kr: öre dropped from the month's sums
      ['Bertil Berg', '195003152385', null, 533, 0, false, 7001],
    ]);
    expect(m.individuals[0].batchIds).toEqual(['ordinary', 'supplementary']);
    expect(m.hu).toEqual({ field487: 838, field497: 799 });
    expect(m.totals).toEqual({ field011: 2_665, field131: 533, field001: 799 });
  });

  it('holds Skatteverket’s 1 000 kr example: 900 kr in one month, 100 kr later → 011 on the whole year’s 1 000 kr that month', () => {
    const january = agiMonth('2026-01', [row({ paymentDate: '2026-01-05', figures: { taxablePayOre: kr(900), taxWithheldOre: 0, contributionsOre: 0, agiPayField: '131' } })], [], 1);
    expect(january.individuals[0]).toMatchObject({ field011: null, field131: 900, field001: 0 });
    expect(january.hu.field487).toBe(0);
    const march = agiMonth(
      '2026-03',
      [row({ paymentDate: '2026-03-02', crossedThreshold: true, figures: { taxablePayOre: kr(100), taxWithheldOre: kr(300), contributionsOre: kr(314), agiPayField: '011' } })],
      [{ personId: 'p1', period: '2026-01', taxablePayOre: kr(900) }],
      1,
    );
    expect(march.individuals[0]).toMatchObject({ field011: 1_000, field131: null, earlier131Periods: ['2026-01'] });
    expect(march.hu.field487).toBe(314); // 31,42 % of 1 000 kr, due with March's return
  });

  it('moves a month’s own 131 pay into 011 when a later run of the same month crosses 1 000 kr', () => {
    const m = agiMonth(
      '2026-05',
      [
        row({ batchId: 'a', paymentDate: '2026-05-02', figures: { taxablePayOre: kr(600), taxWithheldOre: 0, contributionsOre: 0, agiPayField: '131' } }),
        row({ batchId: 'b', paymentDate: '2026-05-20', crossedThreshold: true, figures: { taxablePayOre: kr(533), taxWithheldOre: kr(159), contributionsOre: kr(356), agiPayField: '011' } }),
      ],
      [],
      1,
    );
    expect(m.individuals[0]).toMatchObject({ field011: 1_133, field131: null, field001: 159 });
  });

  it('writes Skatteverket’s format with the namespaces and field codes, and reads back the same figures', () => {
    const m = agiMonth('2026-11', [row({ figures: { taxFreeCarOre: kr(100) } }), row({ personId: 'p2', name: 'Bertil', personalNumber: '195003152385', figures: { agiPayField: '131', taxablePayOre: kr(533), taxWithheldOre: 0, contributionsOre: 0 } })], [], 3);
    const xml = agiXml(m, sender, true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
    expect(xml).toContain('<agd:Avsandare>');
    expect(xml).toContain('<agd:Blankettgemensamt>');
    expect(xml).toContain('Eva Ekonom &lt;ekonomi&gt;');
    const back = readAgiXml(xml);
    expect(back.namespaces).toEqual({ default: AGI_NS_INSTANCE, agd: AGI_NS_COMPONENT });
    expect(back.sender).toBe('162321000016');
    expect(back.period).toBe('202611');
    expect(back.hu).toEqual({ '201': '162321000016', '006': '202611', '487': String(m.hu.field487), '497': String(m.hu.field497) });
    expect(back.ius).toEqual([
      { '201': '162321000016', '215': '198507099805', '006': '202611', '570': '3', '011': '2131', '001': '639', '050': '1' },
      { '201': '162321000016', '215': '195003152385', '006': '202611', '570': '3', '131': '533', '001': '0' },
    ]);
  });

  it('leaves the summary out unless the payer’s file is the whole return', () => {
    const m = agiMonth('2026-11', [row({})], [], 1);
    const back = readAgiXml(agiXml(m, sender, false));
    expect(back.hu).toBeNull();
    expect(back.ius).toHaveLength(1);
  });

  it('writes the organisation number as Skatteverket’s 12 characters and escapes text', () => {
    expect(agRegistreradId('232100-0016')).toBe('162321000016');
    expect(agRegistreradId('162321000016')).toBe('162321000016');
    expect(() => agRegistreradId('12345')).toThrow();
    expect(xmlText(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;');
  });
});
