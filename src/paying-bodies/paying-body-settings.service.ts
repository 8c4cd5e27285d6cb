import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log.repository';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { FIELD_CIPHER, FieldCipher } from '../crypto/field-cipher';
import { BankAccount, checkBic, checkIban, checkSwedishAccount, maskedAccount, parseStoredAccount, storedFormOf } from '../identity/bank-account';
import { checkOrganisationNumber } from '../identity/organisation-number';
import { PayingBodySettingsPatchDto } from './dto/paying-body-settings.dto';
import { CategoryPurpose, FSkattPolicy, PainVersion, PayingBodySettingsRepository, PayingBodySettingsRow, PayingBodySettingsWrite } from './paying-body-settings.repository';
import type { PayoutFrequency } from './paying-body.entity';
import { canonicalPayerCode } from './resolve-payer';

/** A paying body's settings as administrators and the body's finance read them: the account masked. */
export interface PayingBodySettingsView {
  code: string;
  name: string;
  payoutFrequency: PayoutFrequency;
  organisationNumber: string | null;
  bankAccount: { kind: 'bban' | 'iban'; masked: string; bankName: string | null; bic: string } | null;
  painVersion: PainVersion;
  categoryPurpose: CategoryPurpose | null;
  salaryPaymentAgreement: boolean;
  /** What happens to a payee on F-skatt (issue 16 #5): refused (default) or paid without tax and contributions. */
  fSkattPolicy: FSkattPolicy;
  /** Whom a payee refused on F-skatt is told to contact; null: the group's coordinator. */
  fSkattContact: string | null;
  /** A declaration of interests is renewed at least this often, in months (issue 16 #6; §4.3: at most 36). */
  declarationRenewMonths: number;
  settingsUpdatedAt: Date | null;
  /** What the body lacks before a payout run can be approved (empty when nothing). */
  missingForPayment: string[];
}

/** The body's own account, decrypted, for its payment file (never shown, never logged). */
export interface PayingBodyPaymentSettings {
  code: string;
  name: string;
  organisationNumber: string | null;
  account: BankAccount;
  bic: string;
  painVersion: PainVersion;
  categoryPurpose: CategoryPurpose | null;
}

const NOT_FOUND = 'Betalaren finns inte.';

/**
 * A paying body's own settings (issue 18 #6): its organisation number (on the payout slips), its own bank account
 * (the debtor of its pain.001 payment file), the pain.001 version and category purpose its bank needs, and how
 * often it pays (§4.5), and the routine's policies per payer: what happens to a payee on F-skatt and whom they contact
 * (§4.5.2, issue 16 #5), how often a declaration of interests is renewed (§4.3, issue 16 #6). An administrator changes them; each change is in the audit log (which fields, never the
 * account itself). Finance of the body reads them.
 */
@Injectable()
export class PayingBodySettingsService {
  constructor(
    private readonly repo: PayingBodySettingsRepository,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  async get(code: string): Promise<PayingBodySettingsView> {
    return this.view(await this.require(code));
  }

  async update(code: string, dto: PayingBodySettingsPatchDto, user: AuthUser): Promise<PayingBodySettingsView> {
    const fields: Record<string, string[]> = {};
    const add = (f: string, m: string) => (fields[f] ??= []).push(m);

    let organisationNumber: string | null | undefined;
    if (dto.organisationNumber === null) organisationNumber = null;
    else if (dto.organisationNumber !== undefined) {
      const check = checkOrganisationNumber(dto.organisationNumber);
      if (check.ok) organisationNumber = check.normalized;
      else add('organisationNumber', check.message);
    }

    let account: { account: BankAccount; bic: string } | null | undefined;
    if (dto.bankAccount === null) account = null;
    else if (dto.bankAccount !== undefined) {
      const a = dto.bankAccount;
      const bic = checkBic(a.bic);
      if (!bic.ok) add('bankAccount.bic', bic.message);
      const hasBban = a.clearingNumber !== undefined || a.accountNumber !== undefined;
      let checked: ReturnType<typeof checkIban> | undefined;
      if (a.iban !== undefined && hasBban) add('bankAccount.iban', 'Ange antingen IBAN eller clearingnummer och kontonummer, inte båda.');
      else if (a.iban !== undefined) checked = checkIban(a.iban);
      else if (a.clearingNumber !== undefined && a.accountNumber !== undefined) checked = checkSwedishAccount(a.clearingNumber, a.accountNumber);
      else add(a.clearingNumber === undefined ? 'bankAccount.clearingNumber' : 'bankAccount.accountNumber', 'Ange IBAN, eller både clearingnummer och kontonummer.');
      if (checked && !checked.ok) add(`bankAccount.${checked.field}`, checked.message);
      if (checked?.ok && bic.ok) {
        if (checked.account.kind === 'bban' || checked.account.countryCode === 'SE') {
          if (bic.bic.slice(4, 6) !== 'SE') add('bankAccount.bic', 'Ett svenskt konto hör till en svensk bank: BIC har landskoden SE på plats 5–6 (till exempel ESSESESS).');
        }
        account = { account: checked.account, bic: bic.bic };
      }
    }

    const existing = await this.require(code);
    const result = await this.repo.transaction(async (em) => {
      const current = (await this.repo.settingsOf(existing.code, em, true))!;
      const next: PayingBodySettingsWrite = {
        payoutFrequency: dto.payoutFrequency ?? current.payoutFrequency,
        organisationNumber: organisationNumber === undefined ? current.organisationNumber : organisationNumber,
        bankAccountEnc: account === undefined ? current.bankAccountEnc : account === null ? null : this.cipher.encrypt(storedFormOf(account.account)),
        bankAccountKind: account === undefined ? current.bankAccountKind : account === null ? null : account.account.kind,
        bankBic: account === undefined ? current.bankBic : account === null ? null : account.bic,
        painVersion: dto.painVersion ?? current.painVersion,
        categoryPurpose: dto.categoryPurpose === undefined ? current.categoryPurpose : dto.categoryPurpose,
        salaryPaymentAgreement: dto.salaryPaymentAgreement ?? current.salaryPaymentAgreement,
        fSkattPolicy: dto.fSkattPolicy ?? current.fSkattPolicy,
        fSkattContact: dto.fSkattContact === undefined ? current.fSkattContact : dto.fSkattContact === null ? null : dto.fSkattContact.trim(),
        declarationRenewMonths: dto.declarationRenewMonths ?? current.declarationRenewMonths,
      };
      if (next.categoryPurpose === 'SALA' && !next.salaryPaymentAgreement) {
        add(
          dto.categoryPurpose === 'SALA' ? 'categoryPurpose' : 'salaryPaymentAgreement',
          'SALA (löneutbetalning) kräver att betalaren har avtal med sin bank om löneutbetalningar: ange salaryPaymentAgreement: true, eller välj ett annat syfte.',
        );
      }
      if (Object.keys(fields).length) throw new InvalidInputError('Inställningarna är inte giltiga. Rätta fälten och försök igen.', fields);
      if (next.payoutFrequency !== current.payoutFrequency) {
        const drafts = await this.repo.draftPeriods(current.code, em);
        if (drafts.length) {
          throw new ConflictError(
            `${current.name} har utkast till utbetalning som väntar (${drafts.join(', ')}). Godkänn eller avslå dem innan utbetalningsintervallet ändras.`,
            { payoutFrequency: ['Ändras när inget utkast väntar.'] },
          );
        }
      }
      // The account's three columns are one setting: given again it counts as changed (its ciphertext always differs).
      const changed = (Object.keys(next) as Array<keyof PayingBodySettingsWrite>).filter((k) =>
        k === 'bankAccountEnc' ? account !== undefined : k === 'bankAccountKind' || k === 'bankBic' ? false : next[k] !== current[k],
      );
      if (changed.length === 0) return current;
      await this.repo.write(current.code, next, em);
      await appendAudit(em, {
        actor: user.id,
        action: 'paying-body.settings-changed',
        subjectType: 'paying_body',
        subjectId: current.code,
        // Which settings changed and to what — the account only as its kind and BIC, never its number.
        details: Object.fromEntries(
          changed.map((k) =>
            k === 'bankAccountEnc' ? ['bankAccount', account ? { kind: account.account.kind, bic: account.bic } : null] : [k, next[k]],
          ),
        ),
      });
      return (await this.repo.settingsOf(current.code, em))!;
    });
    return this.view(result);
  }

  /**
   * What a payment file needs from the body, or what it lacks, in Swedish (for the 409 at approval and export):
   * its own valid account with its bank's BIC.
   */
  async paymentSettings(code: string): Promise<{ ok: true; settings: PayingBodyPaymentSettings } | { ok: false; missing: string[]; name: string }> {
    const row = await this.require(code);
    const account = this.accountOf(row);
    if (!account || !row.bankBic) return { ok: false, missing: this.missing(row), name: row.name };
    return {
      ok: true,
      settings: {
        code: row.code,
        name: row.name,
        organisationNumber: row.organisationNumber,
        account,
        bic: row.bankBic,
        painVersion: row.painVersion,
        categoryPurpose: row.categoryPurpose,
      },
    };
  }

  private accountOf(row: PayingBodySettingsRow): BankAccount | null {
    if (!row.bankAccountEnc) return null;
    const parsed = parseStoredAccount(this.cipher.decrypt(row.bankAccountEnc));
    return parsed.ok ? parsed.account : null;
  }

  private missing(row: PayingBodySettingsRow): string[] {
    const out: string[] = [];
    if (!row.bankAccountEnc) out.push('betalarens eget bankkonto (IBAN, eller clearingnummer och kontonummer) med bankens BIC');
    else if (!this.accountOf(row)) out.push('ett giltigt eget bankkonto (det sparade klarar inte kontrollen av clearingnummer och kontrollsiffra)');
    return out;
  }

  private async require(code: string): Promise<PayingBodySettingsRow> {
    const wanted = canonicalPayerCode(typeof code === 'string' ? code : '');
    const row = (await this.repo.settingsOf(wanted)) ?? (await this.repo.settingsOf(wanted.toLowerCase()));
    if (!row) throw new NotFoundError(NOT_FOUND);
    return row;
  }

  private view(row: PayingBodySettingsRow): PayingBodySettingsView {
    const account = this.accountOf(row);
    return {
      code: row.code,
      name: row.name,
      payoutFrequency: row.payoutFrequency,
      organisationNumber: row.organisationNumber,
      bankAccount:
        row.bankAccountKind && row.bankBic
          ? {
              kind: row.bankAccountKind,
              masked: account ? maskedAccount(account) : '••••',
              bankName: account?.kind === 'bban' ? account.bankName : null,
              bic: row.bankBic,
            }
          : null,
      painVersion: row.painVersion,
      categoryPurpose: row.categoryPurpose,
      salaryPaymentAgreement: row.salaryPaymentAgreement,
      fSkattPolicy: row.fSkattPolicy,
      fSkattContact: row.fSkattContact,
      declarationRenewMonths: row.declarationRenewMonths,
      settingsUpdatedAt: row.settingsUpdatedAt,
      missingForPayment: this.missing(row),
    };
  }
}
