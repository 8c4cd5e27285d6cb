import { AgiDueRule, agiDueDate } from './agi-due-date';
import type { PersonFigures } from './payout-calculation';

/**
 * What finance takes to the bank and to Skatteverket from an approved batch. Pure: the caller decrypts the
 * personnummer and account (only for finance, audited) and hands them in.
 */

export interface PaymentRow {
  /** 12 digits, ÅÅÅÅMMDDNNNK. */
  personalNumber: string;
  account: string;
  netOre: number;
  reference: string;
}

const CSV_HEADER = ['Personnummer', 'Kontonummer', 'Belopp', 'Referens'];

/**
 * The payment file: UTF-8 with BOM (so Excel reads å, ä, ö), semicolon-separated (Swedish Excel), CRLF line ends,
 * amounts in kronor with a decimal comma and no thousands separator ("1491,00"). Fields are quoted when they hold
 * a separator, a quote or a line break, and a leading =, +, - or @ is neutralised so no spreadsheet runs it as a
 * formula. Rows with nothing to pay are left out.
 */
export function paymentCsv(rows: readonly PaymentRow[]): string {
  const lines = [CSV_HEADER, ...rows.filter((r) => r.netOre > 0).map((r) => [r.personalNumber, r.account, csvAmount(r.netOre), r.reference])];
  return '\ufeff' + lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

export function csvAmount(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError('amount must be integer öre');
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v) && !/^-?\d+(,\d+)?$/.test(v)) v = `'${v}`;
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The text on the person's bank statement: short enough for every bank (≤ 25 characters). */
export function paymentReference(period: string, supplement = 0): string {
  return (supplement > 0 ? `Arvode medv. ${period} K${supplement}` : `Arvode medverkan ${period}`).slice(0, 25);
}

/** A bank account as stored (with spaces, dots or dashes as the person typed it) in the form banks read. */
export function normaliseAccount(stored: string): string {
  return stored.replace(/[\s.]/g, '');
}

/** Per-person figures of the monthly employer return (arbetsgivardeklaration på individnivå). */
export interface AgiFigures {
  /** Field 215: the payee's personnummer or samordningsnummer (12 digits). */
  field215: string;
  /** Field 011: cash pay with employer contributions, whole kronor; null when field 131 applies. */
  field011: number | null;
  /** Field 131: cash pay without employer contributions (year total under 1 000 kr, born 1937 or earlier). */
  field131: number | null;
  /** Field 001: tax withheld, whole kronor. */
  field001: number;
  /** Box 050: tax-free car allowance was paid. */
  field050: boolean;
  /** For information: the tax-free car allowance itself (not reported in the AGI). */
  taxFreeCarAllowanceOre: number;
}

/** AGI amounts are whole kronor: öre are dropped. */
export const wholeKronor = (ore: number) => Math.trunc(ore / 100);

export function agiFigures(personalNumber: string, f: PersonFigures): AgiFigures {
  const pay = wholeKronor(f.taxablePayOre);
  return {
    field215: personalNumber,
    field011: f.agiPayField === '011' ? pay : null,
    field131: f.agiPayField === '131' ? pay : null,
    field001: wholeKronor(f.taxWithheldOre),
    field050: f.taxFreeCarOre > 0,
    taxFreeCarAllowanceOre: f.taxFreeCarOre,
  };
}

/**
 * The AGI a payment belongs to (the month it is paid) and its due date under the payer's rule (default: the 12th of
 * the month after, as for regions), moved to the next weekday (`agiDueDate`).
 */
export function agiPeriodOf(paymentDate: string, rule: AgiDueRule = 'municipality-region'): { period: string; dueDate: string } {
  const period = paymentDate.slice(0, 7);
  return { period, dueDate: agiDueDate(period, rule) };
}
