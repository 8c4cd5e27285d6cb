import Personnummer from 'personnummer';

/**
 * Template data is stored as JSON next to the PDF and holds only what is printed. No template prints a full
 * personnummer (the payout slip prints the masked form), so a valid personnummer or samordningsnummer anywhere
 * in the data is a caller's mistake that would store it in clear text: refuse it.
 *
 * Candidates: YYMMDD-NNNK / YYMMDD+NNNK and the 12-digit forms; a bare 10-digit number is not checked, since
 * phone numbers look like it.
 */
const CANDIDATE = /(?<![\d])(?:(?:19|20)\d{6}[-+]?\d{4}|\d{6}[-+]\d{4})(?![\d])/g;

export function containsPersonnummer(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (typeof value === 'string') {
    for (const m of value.matchAll(CANDIDATE)) {
      if (Personnummer.valid(m[0], { allowCoordinationNumber: true, allowInterimNumber: false })) return true;
    }
    return false;
  }
  if (Array.isArray(value)) return value.some((v) => containsPersonnummer(v, depth + 1));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => containsPersonnummer(v, depth + 1));
  return false;
}
