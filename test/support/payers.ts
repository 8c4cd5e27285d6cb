import type { DataSource } from 'typeorm';
import { FieldCipher } from '../../src/crypto/field-cipher';

/** The account every paying body of a test database gets (SEB, clearing 5000; passes the banks' check-digit rule). */
export const TEST_PAYER_ACCOUNT = { clearingNumber: '5000', accountNumber: '1234560', bic: 'ESSESESS', stored: '5000-1234560' } as const;

/**
 * A payout run is approved only for a payer with its own valid bank account (issue 18): the tests that approve runs
 * get one for every paying body without (the test's own database only). Tests of the settings themselves clear it
 * or opt out (`startHarness({ payerAccounts: false })`).
 */
export async function givePayersTestAccounts(ds: DataSource, cipher: FieldCipher): Promise<void> {
  const codes: Array<{ code: string }> = await ds.query(`SELECT code FROM paying_body WHERE bank_account_enc IS NULL`);
  for (const { code } of codes) {
    await ds.query(`UPDATE paying_body SET bank_account_enc = $2, bank_account_kind = 'bban', bank_bic = $3 WHERE code = $1`, [
      code,
      cipher.encrypt(TEST_PAYER_ACCOUNT.stored),
      TEST_PAYER_ACCOUNT.bic,
    ]);
  }
}
