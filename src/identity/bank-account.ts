import Kontonummer from 'kontonummer';

/**
 * Bank accounts a payment file can pay to or from (issue 18 #1): a Swedish account as clearing number + account
 * number (BBAN) checked against Bankgirot's "Bankernas kontonummeruppbyggnad" — the clearing number's bank ranges,
 * the account number's length and its check digit — by the `kontonummer` library, or an IBAN checked by its length
 * and ISO 13616 mod-97 check digits. Pure: nothing is looked up, nothing is logged.
 */
export type BankAccount =
  | {
      kind: 'bban';
      /** The clearing number as the bank gives it: 4 digits, or 5 for Swedbank's 8xxx-x (the fifth a check digit). */
      clearingNumber: string;
      /** The 4-digit clearing number (what a payment's clearing system member id carries). */
      clearing4: string;
      accountNumber: string;
      bankName: string;
    }
  | { kind: 'iban'; iban: string; countryCode: string };

export type BankAccountField = 'clearingNumber' | 'accountNumber' | 'iban' | 'bic';
export type BankAccountCheck = { ok: true; account: BankAccount } | { ok: false; field: BankAccountField; message: string };

export const BANK_ACCOUNT_MESSAGES = {
  clearingFormat: 'Clearingnumret har 4 siffror (Swedbank ibland 5, till exempel 8327-9).',
  clearingUnknown: 'Clearingnumret hör inte till någon bank, eller dess kontrollsiffra stämmer inte. Kontrollera clearingnumret (det finns i internetbanken).',
  accountInvalid: 'Kontonumret stämmer inte med bankens regler för längd och kontrollsiffra. Kontrollera clearingnummer och kontonummer.',
  accountFormat: 'Kontonumret har 5–15 siffror.',
  ibanFormat: 'Ange IBAN med landskod och 13–32 tecken till, till exempel SE45 5000 0000 0583 9825 7466.',
  ibanLength: 'IBAN har fel längd för landet. Kontrollera numret.',
  ibanChecksum: 'IBAN:s kontrollsiffror stämmer inte. Kontrollera numret.',
  bicFormat: 'Ange BIC (SWIFT-adress) med 8 eller 11 tecken, till exempel ESSESESS.',
  storedUnreadable: 'Bankkontot går inte att läsa som clearingnummer och kontonummer eller IBAN.',
} as const;

/** IBAN lengths of the countries a Swedish payer's payee is likely to bank in (others: 15–34 and mod-97 only). */
const IBAN_LENGTHS: Record<string, number> = { SE: 24, NO: 15, DK: 18, FI: 18, IS: 26, DE: 22, GB: 22, NL: 18, FR: 27, ES: 24, EE: 20, LV: 21, LT: 20, PL: 28 };

const fail = (field: BankAccountField, message: string): BankAccountCheck => ({ ok: false, field, message });

/** A Swedish account from its clearing number and account number, as a person types them (spaces, dashes, dots). */
export function checkSwedishAccount(clearingInput: string, accountInput: string): BankAccountCheck {
  const clearing = typeof clearingInput === 'string' ? clearingInput.replace(/[\s.-]/g, '') : '';
  const account = typeof accountInput === 'string' ? accountInput.replace(/[\s.-]/g, '') : '';
  if (!/^\d{4,5}$/.test(clearing)) return fail('clearingNumber', BANK_ACCOUNT_MESSAGES.clearingFormat);
  if (!/^\d{5,15}$/.test(account)) return fail('accountNumber', BANK_ACCOUNT_MESSAGES.accountFormat);
  const sorting = clearing.length === 5 ? `${clearing.slice(0, 4)}-${clearing[4]}` : clearing;
  try {
    Kontonummer.getSortingCodeInfo(clearing.slice(0, 4));
  } catch {
    return fail('clearingNumber', BANK_ACCOUNT_MESSAGES.clearingUnknown);
  }
  return parsed(() => Kontonummer.parse(sorting, account, { mode: 'semi' }), 'accountNumber');
}

/** An account as stored for a person (`<clearing>-<account>`, or as typed into older records), or an IBAN. */
export function parseStoredAccount(stored: string): BankAccountCheck {
  const compact = stored.replace(/[\s.,]/g, '');
  if (/^[A-Za-z]{2}/.test(compact)) return checkIban(compact);
  const digits = compact.replace(/-/g, '');
  if (!/^\d{9,20}$/.test(digits)) return fail('accountNumber', BANK_ACCOUNT_MESSAGES.storedUnreadable);
  return parsed(() => Kontonummer.parse(digits, { mode: 'semi' }), 'accountNumber');
}

function parsed(parse: () => Kontonummer, field: BankAccountField): BankAccountCheck {
  let k: Kontonummer;
  try {
    k = parse();
  } catch (e) {
    // The library says which part failed only in its message: the clearing number (sorting code) or the account.
    const clearingWrong = /sorting code|no bank/i.test(e instanceof Error ? e.message : '');
    return clearingWrong ? fail('clearingNumber', BANK_ACCOUNT_MESSAGES.clearingUnknown) : fail(field, BANK_ACCOUNT_MESSAGES.accountInvalid);
  }
  if (!k.valid) return fail(field, BANK_ACCOUNT_MESSAGES.accountInvalid);
  const sorting = k.sortingCode.replace(/\D/g, '');
  return { ok: true, account: { kind: 'bban', clearingNumber: sorting, clearing4: sorting.slice(0, 4), accountNumber: k.accountNumber, bankName: k.bankName } };
}

/** ISO 13616: two letters, two check digits, up to 30 letters and digits; the country's length; mod 97 = 1. */
export function checkIban(input: string): BankAccountCheck {
  const iban = typeof input === 'string' ? input.replace(/[\s-]/g, '').toUpperCase() : '';
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return fail('iban', BANK_ACCOUNT_MESSAGES.ibanFormat);
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length !== undefined && iban.length !== length) return fail('iban', BANK_ACCOUNT_MESSAGES.ibanLength);
  if (ibanMod97(iban) !== 1) return fail('iban', BANK_ACCOUNT_MESSAGES.ibanChecksum);
  return { ok: true, account: { kind: 'iban', iban, countryCode: country } };
}

/** The IBAN's remainder mod 97 (letters as 10–35, the first four characters moved to the end), piece by piece. */
export function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

/** A BIC (ISO 9362): bank code, country code, location, optional branch; `normalized` in capitals. */
export function checkBic(input: string): { ok: true; bic: string } | { ok: false; field: 'bic'; message: string } {
  const bic = typeof input === 'string' ? input.replace(/\s/g, '').toUpperCase() : '';
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) return { ok: false, field: 'bic', message: BANK_ACCOUNT_MESSAGES.bicFormat };
  return { ok: true, bic };
}

/** How an account is stored (then encrypted): `<clearing>-<account>` digits, or the IBAN. */
export function storedFormOf(account: BankAccount): string {
  return account.kind === 'iban' ? account.iban : `${account.clearingNumber}-${account.accountNumber}`;
}

/** The account with all but its last four digits hidden, for a page that shows which account is set. */
export function maskedAccount(account: BankAccount): string {
  const digits = account.kind === 'iban' ? account.iban : account.accountNumber;
  return `${account.kind === 'iban' ? `${account.countryCode} ` : ''}•••• ${digits.slice(-4)}`;
}
