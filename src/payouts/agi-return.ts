import type { PersonFigures } from './payout-calculation';

/**
 * The employer return (arbetsgivardeklaration) of one payer and month, from the approved runs whose payment date is in
 * the month (issue 18 #3), and its file in Skatteverket's format (technical description 1.1). Pure: the caller reads
 * the rows and decrypts field 215 (finance of the payer only, audited).
 *
 * Per person one individual statement (IU): field 215 (personnummer), 011 (cash pay subject to employer contributions)
 * or 131 (cash pay not subject to them: the year's pay from the payer under 1 000 kr, or born 1937 or earlier), 001
 * (tax withheld), 050 (tax-free car allowance paid), all in whole kronor (öre dropped from the month's sums). In the
 * month the year's pay from the payer reaches 1 000 kr, contributions are due on the whole year's amount (SAL 2 kap.
 * 24 §; Skatteverket's example: 900 kr in December, 950 kr in January, 100 kr in February → contributions by 12 March on
 * 1 050 kr): that month's 011 is the month's pay plus the year's earlier pay reported in 131, and those earlier months
 * are listed (`earlier131Periods`) so finance corrects their statements. The summary (HU): field 487 (the month's
 * employer contributions, as the runs computed them) and 497 (tax withheld, the sum of the IUs' 001).
 */

export const AGI_NS_INSTANCE = 'http://xmls.skatteverket.se/se/skatteverket/da/instans/schema/1.1';
export const AGI_NS_COMPONENT = 'http://xmls.skatteverket.se/se/skatteverket/da/komponent/schema/1.1';
const SCHEMA_LOCATION = `${AGI_NS_INSTANCE} http://xmls.skatteverket.se/se/skatteverket/da/arbetsgivardeklaration/arbetsgivardeklaration_1.1.xsd`;

/** One approved run's figures for one person (a `payout_person` row), with the personnummer frozen at approval. */
export interface AgiSourceRow {
  personId: string;
  name: string;
  /** 12 digits, ÅÅÅÅMMDDNNNK. */
  personalNumber: string;
  batchId: string;
  paymentDate: string;
  figures: Pick<PersonFigures, 'taxablePayOre' | 'taxWithheldOre' | 'taxFreeCarOre' | 'contributionsOre' | 'agiPayField'>;
  /** This run's payout took the year's pay from the payer to 1 000 kr (the engine's catch-up line). */
  crossedThreshold: boolean;
}

/** Pay of an earlier month of the same year reported in field 131 (for a person whose year reaches 1 000 kr this month). */
export interface Earlier131 {
  personId: string;
  period: string;
  taxablePayOre: number;
}

export interface AgiIndividual {
  personId: string;
  name: string;
  field215: string;
  specificationNumber: number;
  field011: number | null;
  field131: number | null;
  field001: number;
  field050: boolean;
  /** Earlier months of the year whose field 131 is now part of this month's 011: correct their statements. */
  earlier131Periods: string[];
  /** The runs (batch ids) of the month this person's figures come from. */
  batchIds: string[];
}

export interface AgiMonth {
  period: string;
  individuals: AgiIndividual[];
  /** The summary (huvuduppgift): 487 employer contributions, 497 tax withheld (whole kronor). */
  hu: { field487: number; field497: number };
  totals: { field011: number; field131: number; field001: number };
}

/** AGI amounts are whole kronor: öre are dropped. */
const kronor = (ore: number) => Math.trunc(ore / 100);

/** The month's return from its rows (any number of runs per person: ordinary, supplementary, a quarter's). */
export function agiMonth(period: string, rows: readonly AgiSourceRow[], earlier131: readonly Earlier131[], specificationNumber: number): AgiMonth {
  const byPerson = new Map<string, AgiSourceRow[]>();
  for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  const individuals: AgiIndividual[] = [];
  let contributionsOre = 0;
  for (const [personId, mine] of byPerson) {
    const ordered = [...mine].sort((a, b) => a.paymentDate.localeCompare(b.paymentDate) || a.batchId.localeCompare(b.batchId));
    const crossed = ordered.some((r) => r.crossedThreshold);
    const sum = (pick: (r: AgiSourceRow) => number, rs = ordered) => rs.reduce((s, r) => s + pick(r), 0);
    const with011 = ordered.filter((r) => r.figures.agiPayField === '011');
    const in131 = ordered.filter((r) => r.figures.agiPayField === '131');
    const earlier = crossed ? earlier131.filter((e) => e.personId === personId) : [];
    // Crossing the threshold this month moves the month's 131 pay (paid before the crossing) and the year's earlier
    // 131 pay into 011; otherwise each run's pay stays in the field the run reported it in.
    const ore011 = sum((r) => r.figures.taxablePayOre, with011) + (crossed ? sum((r) => r.figures.taxablePayOre, in131) + earlier.reduce((s, e) => s + e.taxablePayOre, 0) : 0);
    const ore131 = crossed ? 0 : sum((r) => r.figures.taxablePayOre, in131);
    contributionsOre += sum((r) => r.figures.contributionsOre);
    const last = ordered[ordered.length - 1];
    individuals.push({
      personId,
      name: last.name,
      field215: last.personalNumber,
      specificationNumber,
      field011: with011.length || (crossed && ore011 > 0) ? kronor(ore011) : null,
      field131: in131.length && !crossed ? kronor(ore131) : null,
      field001: kronor(sum((r) => r.figures.taxWithheldOre)),
      field050: ordered.some((r) => r.figures.taxFreeCarOre > 0),
      earlier131Periods: [...new Set(earlier.map((e) => e.period))].sort(),
      batchIds: [...new Set(ordered.map((r) => r.batchId))],
    });
  }
  individuals.sort((a, b) => a.name.localeCompare(b.name, 'sv') || a.personId.localeCompare(b.personId));
  const total = (k: 'field011' | 'field131' | 'field001') => individuals.reduce((s, i) => s + (i[k] ?? 0), 0);
  return {
    period,
    individuals,
    hu: { field487: kronor(contributionsOre), field497: total('field001') },
    totals: { field011: total('field011'), field131: total('field131'), field001: total('field001') },
  };
}

export interface AgiContact {
  name: string;
  phone: string;
  email: string;
}

export interface AgiSender {
  /** The payer's organisation number, 10 digits (written with the prefix 16, 12 characters). */
  organisationNumber: string;
  contact: AgiContact;
  programName: string;
  /** Local time in Sweden, `YYYY-MM-DDTHH:MM:SS`. */
  created: string;
}

/** Escapes text for XML element content and attribute values. */
export function xmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Skatteverket's 12-character id of an organisation: `16` + the 10-digit organisation number. */
export function agRegistreradId(organisationNumber: string): string {
  const digits = organisationNumber.replace(/\D/g, '');
  if (digits.length === 12) return digits;
  if (digits.length !== 10) throw new RangeError('an organisation number has 10 digits');
  return `16${digits}`;
}

/**
 * The file (UTF-8) in Skatteverket's format: `Avsandare`, `Blankettgemensamt`, one `Blankett` with the summary (HU)
 * when `withSummary` (the payer's setting says this file is the whole return), then one `Blankett` with an `IU` per
 * person. Field codes as attributes (`faltkod`), amounts in whole kronor, the period `ÅÅÅÅMM`.
 */
export function agiXml(month: AgiMonth, sender: AgiSender, withSummary: boolean): string {
  const id = agRegistreradId(sender.organisationNumber);
  const period = month.period.replace('-', '');
  const c = sender.contact;
  const contact = (tag: string, indent: string) =>
    [
      `<agd:${tag}>`,
      `  <agd:Namn>${xmlText(c.name)}</agd:Namn>`,
      `  <agd:Telefon>${xmlText(c.phone)}</agd:Telefon>`,
      `  <agd:Epostadress>${xmlText(c.email)}</agd:Epostadress>`,
      `</agd:${tag}>`,
    ].map((l) => indent + l);
  const blankett = (content: string[]) => [
    '  <agd:Blankett>',
    '    <agd:Arendeinformation>',
    `      <agd:Arendeagare>${id}</agd:Arendeagare>`,
    `      <agd:Period>${period}</agd:Period>`,
    '    </agd:Arendeinformation>',
    '    <agd:Blankettinnehall>',
    ...content.map((l) => `      ${l}`),
    '    </agd:Blankettinnehall>',
    '  </agd:Blankett>',
  ];
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    `<Skatteverket omrade="Arbetsgivardeklaration" xmlns="${AGI_NS_INSTANCE}" xmlns:agd="${AGI_NS_COMPONENT}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${SCHEMA_LOCATION}">`,
    '  <agd:Avsandare>',
    `    <agd:Programnamn>${xmlText(sender.programName)}</agd:Programnamn>`,
    `    <agd:Organisationsnummer>${id}</agd:Organisationsnummer>`,
    ...contact('TekniskKontaktperson', '    '),
    `    <agd:Skapad>${sender.created}</agd:Skapad>`,
    '  </agd:Avsandare>',
    '  <agd:Blankettgemensamt>',
    '    <agd:Arbetsgivare>',
    `      <agd:AgRegistreradId>${id}</agd:AgRegistreradId>`,
    ...contact('Kontaktperson', '      '),
    '    </agd:Arbetsgivare>',
    '  </agd:Blankettgemensamt>',
  ];
  if (withSummary) {
    lines.push(
      ...blankett([
        '<agd:HU>',
        '  <agd:ArbetsgivareHUGROUP>',
        `    <agd:AgRegistreradId faltkod="201">${id}</agd:AgRegistreradId>`,
        '  </agd:ArbetsgivareHUGROUP>',
        `  <agd:RedovisningsPeriod faltkod="006">${period}</agd:RedovisningsPeriod>`,
        `  <agd:SummaArbAvgSlf faltkod="487">${month.hu.field487}</agd:SummaArbAvgSlf>`,
        `  <agd:SummaSkatteavdr faltkod="497">${month.hu.field497}</agd:SummaSkatteavdr>`,
        '</agd:HU>',
      ]),
    );
  }
  for (const iu of month.individuals) {
    lines.push(
      ...blankett([
        '<agd:IU>',
        '  <agd:ArbetsgivareIUGROUP>',
        `    <agd:AgRegistreradId faltkod="201">${id}</agd:AgRegistreradId>`,
        '  </agd:ArbetsgivareIUGROUP>',
        '  <agd:BetalningsmottagareIUGROUP>',
        '    <agd:BetalningsmottagareIDChoice>',
        `      <agd:BetalningsmottagarId faltkod="215">${xmlText(iu.field215)}</agd:BetalningsmottagarId>`,
        '    </agd:BetalningsmottagareIDChoice>',
        '  </agd:BetalningsmottagareIUGROUP>',
        `  <agd:RedovisningsPeriod faltkod="006">${period}</agd:RedovisningsPeriod>`,
        `  <agd:Specifikationsnummer faltkod="570">${iu.specificationNumber}</agd:Specifikationsnummer>`,
        ...(iu.field011 !== null ? [`  <agd:KontantErsattningUlagAG faltkod="011">${iu.field011}</agd:KontantErsattningUlagAG>`] : []),
        ...(iu.field131 !== null ? [`  <agd:KontantErsattningEjUlagSA faltkod="131">${iu.field131}</agd:KontantErsattningEjUlagSA>`] : []),
        `  <agd:AvdrPrelSkatt faltkod="001">${iu.field001}</agd:AvdrPrelSkatt>`,
        ...(iu.field050 ? ['  <agd:Bilersattning faltkod="050">1</agd:Bilersattning>'] : []),
        '</agd:IU>',
      ]),
    );
  }
  lines.push('</Skatteverket>');
  return lines.join('\n') + '\n';
}

/** What a file written by agiXml says, read back (for tests and checks): the summary and each IU's fields by code. */
export interface AgiFileContent {
  namespaces: { default: string | null; agd: string | null };
  sender: string | null;
  period: string | null;
  hu: Record<string, string> | null;
  ius: Array<Record<string, string>>;
}

export function readAgiXml(xml: string): AgiFileContent {
  const fields = (block: string) => Object.fromEntries([...block.matchAll(/<agd:[A-Za-z]+ faltkod="(\d{3})">([^<]*)</g)].map((m) => [m[1], m[2]]));
  const hu = /<agd:HU>([\s\S]*?)<\/agd:HU>/.exec(xml);
  return {
    namespaces: { default: /<Skatteverket[^>]* xmlns="([^"]+)"/.exec(xml)?.[1] ?? null, agd: /xmlns:agd="([^"]+)"/.exec(xml)?.[1] ?? null },
    sender: /<agd:Avsandare>[\s\S]*?<agd:Organisationsnummer>(\d+)</.exec(xml)?.[1] ?? null,
    period: /<agd:Period>(\d{6})</.exec(xml)?.[1] ?? null,
    hu: hu ? fields(hu[1]) : null,
    ius: [...xml.matchAll(/<agd:IU>([\s\S]*?)<\/agd:IU>/g)].map((m) => fields(m[1])),
  };
}
