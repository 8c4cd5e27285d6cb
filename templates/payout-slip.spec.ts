import { flatText, pdfInfo } from '../test/support/pdf-text';

const tableText = (pdf: Buffer) => flatText(pdf, { layout: true });
import { samplePayoutSlip } from '../test/support/document-fixtures';
import { maskPersonnummer, renderPayoutSlip } from './index';

describe('payout slip template (payout-slip.sv@1)', () => {
  it('shows each line with its rule and rounding, tax, travel, net and what is reported to Skatteverket', async () => {
    const text = tableText(await renderPayoutSlip(samplePayoutSlip()));
    for (const expected of [
      'Mottagare: Åsa Öberg-Ängström',
      'Personnummer: ********-1234',
      'Utbetalare: Region Skåne, org.nr 232100-0255',
      'Period: 2026-01-01 – 2026-03-31',
      'Utbetalningsdag: 2026-04-25',
      'Heldag, mer än 4 timmar inkl. restid: 3,6 % av PBB 2026',
      'Avrundning: hela kronor, halvor uppåt',
      '2 131,20 kr 2 131,00 kr',
      'Summa arvode (brutto) 2 427,00 kr',
      'Tåg Malmö–Stockholm tur och retur (kvitto) 980,00 kr',
      'Summa reseersättning 1 030,00 kr',
      'Avdragen preliminärskatt (30 %, sidoinkomst) -728,10 kr',
      'Utbetalas till dig (netto) 2 728,90 kr',
      '762,56 kr (31,42 % av 2 427,00 kr)',
      'för perioden 2026-04, som lämnas senast 2026-05-12',
      '215 Personnummer ********-1234',
      '011 Kontant ersättning som det ska betalas arbetsgivaravgifter för 2 427,00 kr',
      '001 Avdragen preliminärskatt 728,10 kr',
      '050 Skattefri bilersättning har betalats (kryss) Ja, kryss',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the fee engine’s exact amount before rounding, fractions of öre included', async () => {
    const base = samplePayoutSlip();
    const [full, hourly] = base.fees;
    const fees = [
      { ...full, unroundedOre: '213120' },
      { ...hourly, unroundedOre: '29600' },
      { ...hourly, date: '2026-03-13', unroundedOre: '2331.5', amountOre: 2_332, rounding: null },
      { ...hourly, date: '2026-03-14', unroundedOre: '52910/3', amountOre: 17_600, rounding: null },
    ];
    const grossFeeOre = fees.reduce((s, f) => s + f.amountOre, 0);
    const text = tableText(
      await renderPayoutSlip({
        ...base,
        fees,
        grossFeeOre,
        netOre: grossFeeOre - base.taxWithheld.amountOre + base.travelOre,
        reporting: { ...base.reporting, cashPayOre: grossFeeOre },
      }),
    );
    expect(text).toContain('2 131,20 kr 2 131,00 kr');
    expect(text).toContain('296,00 kr 296,00 kr');
    expect(text).toContain('23,315 kr 23,32 kr');
    expect(text).toContain('ca 176,37 kr 176,00 kr');
    await expect(renderPayoutSlip({ ...base, fees: [{ ...full, unroundedOre: '2 131,20' }] })).rejects.toThrow(/före avrundning/);
  });

  it('uses field 131 when no employer contributions are due', async () => {
    const base = samplePayoutSlip();
    const text = tableText(await renderPayoutSlip({ ...base, reporting: { ...base.reporting, cashPayField: '131', taxFreeCarAllowance: false } }));
    expect(text).toContain('131 Kontant ersättning som det inte ska betalas arbetsgivaravgifter för 2 427,00 kr');
    expect(text).toContain('Nej, inget kryss');
  });

  it('refuses an unmasked personnummer', async () => {
    await expect(renderPayoutSlip(samplePayoutSlip({ payee: { name: 'Åsa Öberg-Ängström', personnummerMasked: '19811228-9874' } }))).rejects.toThrow(
      /maskerat/,
    );
  });

  it('refuses sums that do not add up, so the person is never told something that was not paid', async () => {
    await expect(renderPayoutSlip(samplePayoutSlip({ netOre: 1 }))).rejects.toThrow(/Nettobeloppet/);
    await expect(renderPayoutSlip(samplePayoutSlip({ grossFeeOre: 1 }))).rejects.toThrow(/arvodesraderna/);
    const base = samplePayoutSlip();
    await expect(renderPayoutSlip({ ...base, reporting: { ...base.reporting, taxWithheldOre: 0 } })).rejects.toThrow(/redovisade skatten/);
  });

  it('masks a personnummer to its last four digits', () => {
    expect(maskPersonnummer('19811228-9874')).toBe('********-9874');
    expect(maskPersonnummer('811228-9874')).toBe('********-9874');
    expect(maskPersonnummer('191212121212'.slice(0, 6) + '+1212')).toBe('********+1212');
    expect(() => maskPersonnummer('123')).toThrow();
  });

  it('has the payee in its title', async () => {
    expect(pdfInfo(await renderPayoutSlip(samplePayoutSlip())).Title).toBe('Utbetalningsspecifikation 2026-04-25 – Åsa Öberg-Ängström');
  });
});
