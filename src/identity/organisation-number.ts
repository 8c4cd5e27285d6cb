import { isOrganisationNumber } from './identity-number';

/**
 * Swedish organisation numbers (organisationsnummer) of legal entities such as patient associations:
 * `NNNNNN-NNNN` (also without the hyphen, and with the prefix 16 in the 12-digit form). The third digit is 2 or
 * more (a personnummer's "month" is below 20), and the last digit is a Luhn check digit over the nine before it.
 * A personnummer (a sole trader's number) is refused: it is personal data and must never be stored in clear.
 */
export type OrganisationNumberProblem = 'format' | 'personal-number' | 'checksum';

export type OrganisationNumberCheck = { ok: true; normalized: string } | { ok: false; problem: OrganisationNumberProblem; message: string };

export const ORGANISATION_NUMBER_MESSAGES: Record<OrganisationNumberProblem, string> = {
  format: 'Ange organisationsnumret med tio siffror, till exempel 802012-3454.',
  'personal-number': 'Numret är ett personnummer, inte ett organisationsnummer. Ange organisationens nummer (den tredje siffran är 2 eller högre).',
  checksum: 'Kontrollsiffran (den sista siffran) stämmer inte. Kontrollera organisationsnumret.',
};

const fail = (problem: OrganisationNumberProblem): OrganisationNumberCheck => ({ ok: false, problem, message: ORGANISATION_NUMBER_MESSAGES[problem] });

/** Checks an organisation number; `normalized` is the form to store, `NNNNNN-NNNN`. */
export function checkOrganisationNumber(input: string): OrganisationNumberCheck {
  const compact = typeof input === 'string' ? input.replace(/\s+/g, '') : '';
  const m = /^(16)?(\d{6})-?(\d{4})$/.exec(compact);
  if (!m) return fail('format');
  const [, , first6, last4] = m;
  // The prefix 16 says "organisation" by itself; the number after it must still have an organisation's third digit.
  if (!isOrganisationNumber(undefined, first6)) return fail('personal-number');
  if (!luhnValid(first6 + last4)) return fail('checksum');
  return { ok: true, normalized: `${first6}-${last4}` };
}

/** The Luhn check (weights 2, 1, 2, … from the left over ten digits): the digit sum is a multiple of 10. */
function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}
