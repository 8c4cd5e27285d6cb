import Personnummer from 'personnummer';

/**
 * Swedish personal identity numbers: personnummer and samordningsnummer (coordination number, day + 60).
 * Forms accepted: `ÅÅMMDD-NNNK`, `ÅÅMMDD+NNNK` ("+" from the year the person turns 100), `ÅÅMMDDNNNK`,
 * `ÅÅÅÅMMDD-NNNK` and `ÅÅÅÅMMDDNNNK`; K is a Luhn check digit over the 9 digits before it (checked with the
 * `personnummer` package). Organisation numbers (third digit 2 or more, i.e. "month" 20 or more) are refused as
 * payees: fees are paid to private persons only (§4.5.1).
 *
 * Never log these numbers, nor put them in messages: every message here is free of the number itself.
 */
export type IdentityKind = 'personnummer' | 'samordningsnummer';

export interface Identity {
  kind: IdentityKind;
  /** 12 digits, `ÅÅÅÅMMDDNNNK`: the form to store (encrypted). */
  normalized: string;
  /** The real birth date `YYYY-MM-DD` (for a samordningsnummer: the day minus 60). */
  birthDate: string;
  birthYear: number;
}

export type IdentityProblem = 'format' | 'date' | 'checksum' | 'organisation-number';

export type IdentityCheck = { ok: true; identity: Identity } | { ok: false; problem: IdentityProblem; message: string };

export const IDENTITY_MESSAGES: Record<IdentityProblem, string> = {
  format: 'Ange personnummer eller samordningsnummer med 10 eller 12 siffror, till exempel ÅÅMMDD-NNNN eller ÅÅÅÅMMDDNNNN.',
  date: 'Numret innehåller inget giltigt födelsedatum. Kontrollera siffrorna.',
  checksum: 'Kontrollsiffran (den sista siffran) stämmer inte. Kontrollera numret.',
  'organisation-number':
    'Detta är ett organisationsnummer. Arvode betalas bara till privatpersoner, inte till företag eller föreningar: ange mottagarens personnummer eller samordningsnummer.',
};

const fail = (problem: IdentityProblem): IdentityCheck => ({ ok: false, problem, message: IDENTITY_MESSAGES[problem] });

/**
 * Checks a personnummer or samordningsnummer meant for a payee. `today` (`YYYY-MM-DD`, Europe/Stockholm) decides
 * the century of the 10-digit form and refuses birth dates in the future; it is a parameter so the result does
 * not depend on the clock.
 */
export function checkPayeeIdentity(input: string, today: string): IdentityCheck {
  const compact = typeof input === 'string' ? input.replace(/\s+/g, '') : '';
  const m = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/.exec(compact);
  if (!m) return fail('format');
  const [, centuryDigits, yymmdd, sep, last4] = m;
  if (isOrganisationNumber(centuryDigits, yymmdd)) return fail('organisation-number');

  const todayYear = Number(today.slice(0, 4));
  const yy = Number(yymmdd.slice(0, 2));
  let year: number;
  if (centuryDigits !== undefined) {
    year = Number(centuryDigits + yymmdd.slice(0, 2));
  } else {
    // "-": born within the last 100 years; "+": 100 years old or more this year.
    const latest = sep === '+' ? todayYear - 100 : todayYear;
    year = latest - ((((latest - yy) % 100) + 100) % 100);
  }
  const month = Number(yymmdd.slice(2, 4));
  const rawDay = Number(yymmdd.slice(4, 6));
  const kind: IdentityKind = rawDay > 60 ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? rawDay - 60 : rawDay;
  const birthDate = `${year}-${pad(month)}-${pad(day)}`;
  if (!isRealDate(year, month, day) || birthDate > today) return fail('date');

  const normalized = `${year}${yymmdd.slice(2)}${last4}`;
  if (!Personnummer.valid(normalized, { allowCoordinationNumber: true, allowInterimNumber: false })) return fail('checksum');
  return { ok: true, identity: { kind, normalized, birthDate, birthYear: year } };
}

/**
 * An organisation number (organisationsnummer) has a third digit of 2 or more ("month" ≥ 20); in 12-digit form
 * it is often written with the prefix 16.
 */
export function isOrganisationNumber(centuryDigits: string | undefined, yymmdd: string): boolean {
  if (centuryDigits === '16') return true;
  return Number(yymmdd[2]) >= 2;
}

/** A form safe to show or log: the birth date only, the last four digits hidden. */
export function maskIdentity(identity: Identity): string {
  return `${identity.normalized.slice(0, 8)}-****`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}
