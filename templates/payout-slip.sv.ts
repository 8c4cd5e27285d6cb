import { fileNameParts, formatDate, formatExactKronor, formatKronor, formatTimestamp, PdfLayout, required, TemplateDataError } from './pdf-layout';
import { TemplateDefinition } from './template';

/**
 * Utbetalningsspecifikation: one payout to one person (Rutin för patientmedverkan §4.5.2–4.5.4), and what is
 * reported about it to Skatteverket (arbetsgivardeklaration på individnivå, AGI). The person must be told what
 * was reported. The personnummer is printed masked; the data holds only the masked form.
 */

export interface PayoutFeeLine {
  date: string;
  /** e.g. "Möte i NAG Hjärtsvikt (video)". */
  activity: string;
  /** The rule applied, e.g. "Heldag, mer än 4 tim inkl. restid: 3,6 % av PBB 2026". */
  rule: string;
  /**
   * The amount before rounding, in öre, when rounding applied, else null: whole öre as a number (213120 for
   * 2 131,20 kr), or the fee engine's exact öre text (src/fees ExactOreText: "213120", "23310.5" for 233,105 kr,
   * or a fraction "52910/3", printed as "ca 176,37 kr").
   */
  unroundedOre: number | string | null;
  /** The rounding rule applied, e.g. "hela kronor, halvor uppåt", or null. */
  rounding: string | null;
  amountOre: number;
}

export interface PayoutTravelLine {
  date: string;
  /** e.g. "Tåg Malmö–Stockholm t/r (kvitto)" or "Egen bil 24 mil à 25 kr". */
  description: string;
  amountOre: number;
}

export interface PayoutSlipData {
  generatedAt: string;
  payoutReference: string;
  payer: { name: string; organisationNumber: string | null };
  /** `personnummerMasked` shows only the last four digits, e.g. "********-1234". */
  payee: { name: string; personnummerMasked: string };
  period: { from: string; to: string };
  paymentDate: string;
  /** The rate table the payout used, e.g. "Rutin för patientmedverkan 2026 (PBB 59 200 kr)". */
  rateTable: string;
  fees: PayoutFeeLine[];
  grossFeeOre: number;
  /** Paid by the payer on top of the fee; shown, never deducted. */
  employerContributions: { basis: string; amountOre: number };
  taxWithheld: { basis: string; amountOre: number };
  /** Tax-free travel reimbursement (tickets against receipts, own car up to Skatteverket's rate). */
  travel: PayoutTravelLine[];
  travelOre: number;
  /** Paid to the person: gross fee − tax withheld + travel. */
  netOre: number;
  reporting: {
    /** Redovisningsperiod, YYYY-MM. */
    period: string;
    /** When the payer files the AGI (the 12th of the next month, or the 17th in some months). */
    dueDate: string;
    /** 011: cash pay subject to employer contributions; 131: cash pay not subject to them (under 1 000 kr a year). */
    cashPayField: '011' | '131';
    cashPayOre: number;
    /** Field 001. */
    taxWithheldOre: number;
    /** Box 050 is a check box: tax-free car allowance was paid. */
    taxFreeCarAllowance: boolean;
  };
}

const MASKED_PNR = /^[*•Xx]{6,8}[-+]\d{4}$/;

/** Masks a personnummer or samordningsnummer to its last four digits: "19800101-1234" → "********-1234". */
export function maskPersonnummer(pnr: string): string {
  const digits = pnr.replace(/\D/g, '');
  if (digits.length !== 10 && digits.length !== 12) throw new TemplateDataError('Personnumret har fel längd.');
  return `********${pnr.includes('+') ? '+' : '-'}${digits.slice(-4)}`;
}

function money(ore: number, what: string): string {
  if (!Number.isSafeInteger(ore)) throw new TemplateDataError(`${what}: beloppet måste vara ett heltal i öre.`);
  return formatKronor(ore);
}

const sum = (xs: { amountOre: number }[]) => xs.reduce((s, x) => s + x.amountOre, 0);

function check(d: PayoutSlipData): void {
  required(d.payee?.name, 'Mottagarens namn');
  required(d.payer?.name, 'Utbetalaren');
  required(d.payoutReference, 'Utbetalningens referens');
  required(d.rateTable, 'Tabellen för arvoden');
  if (!MASKED_PNR.test(d.payee.personnummerMasked ?? '')) {
    throw new TemplateDataError('Personnumret ska vara maskerat så att bara de fyra sista siffrorna syns (till exempel ********-1234).');
  }
  formatDate(d.period.from, 'Periodens början');
  formatDate(d.period.to, 'Periodens slut');
  formatDate(d.paymentDate, 'Utbetalningsdag');
  formatDate(d.reporting.dueDate, 'Sista dag för arbetsgivardeklarationen');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(d.reporting.period)) throw new TemplateDataError('Redovisningsperioden ska anges som ÅÅÅÅ-MM.');
  d.fees.forEach((l, i) => {
    formatDate(l.date, `Rad ${i + 1}: datum`);
    money(l.amountOre, `Rad ${i + 1}`);
    if (l.unroundedOre !== null) formatExactKronor(l.unroundedOre, `Rad ${i + 1}, före avrundning`);
  });
  d.travel.forEach((l, i) => {
    formatDate(l.date, `Resa ${i + 1}: datum`);
    money(l.amountOre, `Resa ${i + 1}`);
  });
  // The slip states sums; they must add up, or the person is told something that was not paid.
  if (sum(d.fees) !== d.grossFeeOre) throw new TemplateDataError('Summan av arvodesraderna stämmer inte med bruttoarvodet.');
  if (sum(d.travel) !== d.travelOre) throw new TemplateDataError('Summan av reseraderna stämmer inte med reseersättningen.');
  if (d.grossFeeOre - d.taxWithheld.amountOre + d.travelOre !== d.netOre) {
    throw new TemplateDataError('Nettobeloppet ska vara bruttoarvode minus skatt plus reseersättning.');
  }
  if (d.reporting.cashPayOre !== d.grossFeeOre) throw new TemplateDataError('Den redovisade kontanta ersättningen ska vara bruttoarvodet.');
  if (d.reporting.taxWithheldOre !== d.taxWithheld.amountOre) throw new TemplateDataError('Den redovisade skatten ska vara den avdragna skatten.');
  if (d.reporting.cashPayField !== '011' && d.reporting.cashPayField !== '131') throw new TemplateDataError('Fältet för kontant ersättning ska vara 011 eller 131.');
}

function draw(layout: PdfLayout, d: PayoutSlipData): void {
  check(d);
  layout.title('Utbetalningsspecifikation', 'Arvode och reseersättning för patient- och närståendemedverkan');
  layout.field('Mottagare', d.payee.name);
  layout.field('Personnummer', d.payee.personnummerMasked);
  layout.field('Utbetalare', d.payer.organisationNumber ? `${d.payer.name}, org.nr ${d.payer.organisationNumber}` : d.payer.name);
  layout.field('Referens', d.payoutReference);
  layout.field('Period', `${d.period.from} – ${d.period.to}`);
  layout.field('Utbetalningsdag', d.paymentDate);
  layout.field('Upprättad', formatTimestamp(d.generatedAt, 'generatedAt'));

  layout.heading('1. Arvode');
  layout.paragraph(`Beräknat enligt ${d.rateTable}.`);
  if (d.fees.length === 0) {
    layout.paragraph('Inget arvode i denna utbetalning.');
  } else {
    layout.table(
      [
        { header: 'Datum', width: 74 },
        { header: 'Aktivitet och regel', width: '*' },
        { header: 'Före avrundning', width: 82, align: 'right' },
        { header: 'Arvode', width: 76, align: 'right' },
      ],
      [
        ...d.fees.map((l) => [
          l.date,
          `${l.activity}\n${l.rule}${l.rounding ? `\nAvrundning: ${l.rounding}` : ''}`,
          l.unroundedOre === null ? '–' : formatExactKronor(l.unroundedOre),
          formatKronor(l.amountOre),
        ]),
        ['', 'Summa arvode (brutto)', '', formatKronor(d.grossFeeOre)],
      ],
      { boldLastRow: true },
    );
  }

  layout.heading('2. Reseersättning (skattefri)');
  if (d.travel.length === 0) {
    layout.paragraph('Ingen reseersättning i denna utbetalning.');
  } else {
    layout.table(
      [
        { header: 'Datum', width: 74 },
        { header: 'Resa', width: '*' },
        { header: 'Belopp', width: 90, align: 'right' },
      ],
      [...d.travel.map((l) => [l.date, l.description, formatKronor(l.amountOre)]), ['', 'Summa reseersättning', formatKronor(d.travelOre)]],
      { boldLastRow: true },
    );
  }

  layout.heading('3. Att betala ut');
  layout.table(
    [
      { header: 'Post', width: '*' },
      { header: 'Belopp', width: 110, align: 'right' },
    ],
    [
      ['Arvode (brutto)', formatKronor(d.grossFeeOre)],
      [`Avdragen preliminärskatt (${d.taxWithheld.basis})`, formatKronor(-d.taxWithheld.amountOre)],
      ['Reseersättning (skattefri)', formatKronor(d.travelOre)],
      ['Utbetalas till dig (netto)', formatKronor(d.netOre)],
    ],
    { boldLastRow: true },
  );
  layout.paragraph(
    `Arbetsgivaravgifter som ${d.payer.name} betalar utöver arvodet (dras inte från din ersättning): ${formatKronor(d.employerContributions.amountOre)} (${d.employerContributions.basis}).`,
  );

  layout.ensureSpace(200); // the reporting section reads as one unit: keep heading, text and table together
  layout.heading('4. Det här redovisas till Skatteverket');
  layout.paragraph(
    `${d.payer.name} redovisar utbetalningen i arbetsgivardeklarationen på individnivå för perioden ${d.reporting.period}, som lämnas senast ${d.reporting.dueDate}. Uppgifterna förtrycks sedan i din inkomstdeklaration.`,
  );
  const cashPayLabel =
    d.reporting.cashPayField === '011'
      ? 'Kontant ersättning som det ska betalas arbetsgivaravgifter för'
      : 'Kontant ersättning som det inte ska betalas arbetsgivaravgifter för';
  layout.table(
    [
      { header: 'Fält', width: 44 },
      { header: 'Uppgift', width: '*' },
      { header: 'Värde', width: 110, align: 'right' },
    ],
    [
      ['215', 'Personnummer', d.payee.personnummerMasked],
      [d.reporting.cashPayField, cashPayLabel, formatKronor(d.reporting.cashPayOre)],
      ['001', 'Avdragen preliminärskatt', formatKronor(d.reporting.taxWithheldOre)],
      ['050', 'Skattefri bilersättning har betalats (kryss)', d.reporting.taxFreeCarAllowance ? 'Ja, kryss' : 'Nej, inget kryss'],
    ],
  );
  layout.paragraph('Skattefri reseersättning för biljetter redovisas inte. Har du frågor om utbetalningen, kontakta din kontaktperson.', {
    muted: true,
  });
}

export const payoutSlipSv: TemplateDefinition<PayoutSlipData> = {
  id: 'payout-slip.sv',
  version: '1',
  kind: 'payout-slip',
  lang: 'sv-SE',
  title: (d) => `Utbetalningsspecifikation ${d.paymentDate} – ${d.payee.name}`,
  fileName: (d) => fileNameParts('Utbetalningsspecifikation', d.payee.name, d.paymentDate),
  draw,
};
