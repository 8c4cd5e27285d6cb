import { BANK_ACCOUNT_MESSAGES, checkBic, checkIban, checkSwedishAccount, ibanMod97, maskedAccount, parseStoredAccount, storedFormOf } from './bank-account';

describe('Swedish bank accounts (clearing number + account number, Bankgirot’s rules)', () => {
  it('accepts accounts whose clearing range, length and check digit hold, as people type them', () => {
    expect(checkSwedishAccount('8327-9', '123 456 789-7')).toEqual({
      ok: true,
      account: { kind: 'bban', clearingNumber: '83279', clearing4: '8327', accountNumber: '1234567897', bankName: 'Swedbank' },
    });
    expect(checkSwedishAccount('5000', '12 345 60')).toMatchObject({ ok: true, account: { bankName: 'SEB', clearing4: '5000', accountNumber: '1234560' } });
    expect(checkSwedishAccount('6000', '987 654 322')).toMatchObject({ ok: true, account: { bankName: 'Handelsbanken' } });
    expect(checkSwedishAccount('3300', '850101-1236')).toMatchObject({ ok: true, account: { bankName: 'Nordea', accountNumber: '8501011236' } });
  });

  it('refuses a wrong check digit, naming the account number', () => {
    expect(checkSwedishAccount('8327-9', '123 456 789')).toEqual({ ok: false, field: 'accountNumber', message: BANK_ACCOUNT_MESSAGES.accountInvalid });
    expect(checkSwedishAccount('5000', '1234567')).toEqual({ ok: false, field: 'accountNumber', message: BANK_ACCOUNT_MESSAGES.accountInvalid });
    expect(checkSwedishAccount('6000', '987 654 321')).toMatchObject({ ok: false, field: 'accountNumber' });
  });

  it('refuses a clearing number outside every bank’s range, or with the wrong check digit', () => {
    expect(checkSwedishAccount('0100', '1234567')).toEqual({ ok: false, field: 'clearingNumber', message: BANK_ACCOUNT_MESSAGES.clearingUnknown });
    expect(checkSwedishAccount('8327-8', '1234567897')).toMatchObject({ ok: false, field: 'clearingNumber' });
    expect(checkSwedishAccount('83', '1234567897')).toEqual({ ok: false, field: 'clearingNumber', message: BANK_ACCOUNT_MESSAGES.clearingFormat });
    expect(checkSwedishAccount('6000', '12')).toEqual({ ok: false, field: 'accountNumber', message: BANK_ACCOUNT_MESSAGES.accountFormat });
  });

  it('reads an account back as stored, and as older records wrote it', () => {
    const check = checkSwedishAccount('8327-9', '123 456 789-7');
    if (!check.ok) throw new Error('expected valid');
    expect(storedFormOf(check.account)).toBe('83279-1234567897');
    expect(parseStoredAccount('83279-1234567897')).toEqual(check);
    expect(parseStoredAccount('8327-9, 123 456 789-7')).toEqual(check);
    expect(parseStoredAccount('8327-9, 123 456 789-0')).toMatchObject({ ok: false });
    expect(parseStoredAccount('abc')).toMatchObject({ ok: false, message: BANK_ACCOUNT_MESSAGES.ibanFormat });
    expect(parseStoredAccount('12')).toMatchObject({ ok: false, message: BANK_ACCOUNT_MESSAGES.storedUnreadable });
    expect(maskedAccount(check.account)).toBe('•••• 7897');
  });
});

describe('IBAN and BIC', () => {
  it('accepts an IBAN whose mod-97 check holds, in groups or not', () => {
    expect(checkIban('SE45 5000 0000 0583 9825 7466')).toEqual({ ok: true, account: { kind: 'iban', iban: 'SE4550000000058398257466', countryCode: 'SE' } });
    expect(checkIban('de89370400440532013000')).toMatchObject({ ok: true, account: { countryCode: 'DE' } });
    expect(ibanMod97('SE4550000000058398257466')).toBe(1);
  });

  it('refuses a changed digit, a wrong length for the country and what is no IBAN', () => {
    expect(checkIban('SE45 5000 0000 0583 9825 7467')).toEqual({ ok: false, field: 'iban', message: BANK_ACCOUNT_MESSAGES.ibanChecksum });
    expect(checkIban('SE45 5000 0000 0583 9825 746')).toEqual({ ok: false, field: 'iban', message: BANK_ACCOUNT_MESSAGES.ibanLength });
    expect(checkIban('5000 0000 0583')).toEqual({ ok: false, field: 'iban', message: BANK_ACCOUNT_MESSAGES.ibanFormat });
    const masked = checkIban('SE4550000000058398257466');
    if (masked.ok) expect(maskedAccount(masked.account)).toBe('SE •••• 7466');
  });

  it('accepts a BIC of 8 or 11 characters and nothing else', () => {
    expect(checkBic('esse se ss')).toEqual({ ok: true, bic: 'ESSESESS' });
    expect(checkBic('HANDSESSXXX')).toEqual({ ok: true, bic: 'HANDSESSXXX' });
    expect(checkBic('ESSESE')).toMatchObject({ ok: false, field: 'bic' });
    expect(checkBic('1SSESESS')).toMatchObject({ ok: false, field: 'bic' });
  });
});
