import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log.repository';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { FIELD_CIPHER, FieldCipher } from '../crypto/field-cipher';
import { AGI_DUE_RULE_TEXT, agiDueDate } from './agi-due-date';
import { agiMonth, AgiMonth, agiXml } from './agi-return';
import { AgiReturnsRepository, AgiSettingsRow } from './agi-returns.repository';
import { AgiSettingsDto } from './dto/agi.dto';
import { getPayer } from './payers';

/** A payer's settings for its employer return as the API shows them, with the due-date rule in words. */
export type AgiSettingsView = AgiSettingsRow & { dueRuleText: string };

export const AGI_PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The return of a payer and month as the API shows it: the individual statements, the summary's totals, the due date. */
export interface AgiMonthView extends AgiMonth {
  payerCode: string;
  payerName: string;
  dueDate: string;
  dueRule: AgiSettingsRow['dueRule'];
  dueRuleText: string;
  /** The file carries the summary (HU) only when it is the payer's whole return; its totals are shown either way. */
  wholeReturn: boolean;
  /** What the file still needs before it can be made (organisation number, contact person), in Swedish. */
  missingForFile: string[];
  note: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (period: string) => {
  const [y, m] = period.split('-').map(Number);
  return `${period}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};
/** Now in Sweden as `YYYY-MM-DDTHH:MM:SS` (the file's `Skapad`). */
const swedishNow = () => new Date().toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).replace(' ', 'T');

/**
 * The employer return per payer and month (issue 18 #3, #4): every approved run with a payment date in the month, per
 * person, in Skatteverket's format. Personnummer are decrypted for finance of the payer only, and every read is audited.
 */
@Injectable()
export class AgiReturnsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(AgiReturnsRepository) private readonly repo: AgiReturnsRepository,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  async settings(code: string): Promise<AgiSettingsView> {
    const s = await this.requireSettings(code);
    return { ...s, dueRuleText: AGI_DUE_RULE_TEXT[s.dueRule] };
  }

  async updateSettings(code: string, dto: AgiSettingsDto, actor: string) {
    const s = await this.requireSettings(code);
    await this.repo.updateSettings(s.code, { dueRule: dto.dueRule, wholeReturn: dto.wholeReturn, specificationNumber: dto.specificationNumber, contact: dto.contact ?? null });
    await appendAudit(this.ds, {
      actor,
      action: 'paying-body.agi-settings-changed',
      subjectType: 'paying_body',
      subjectId: s.code,
      details: { dueRule: dto.dueRule, wholeReturn: dto.wholeReturn, specificationNumber: dto.specificationNumber, contact: dto.contact ? 'angiven' : 'ingen' },
    });
    return this.settings(s.code);
  }

  /** The month's return with every figure (field 215 decrypted: finance of the payer, audited). */
  async month(payerCode: string, period: string, user: AuthUser): Promise<AgiMonthView> {
    const { view } = await this.compute(payerCode, period);
    await appendAudit(this.ds, { actor: user.id, action: 'agi.month-viewed', subjectType: 'paying_body', subjectId: view.payerCode, details: { period, persons: view.individuals.length } });
    return view;
  }

  /** The file of the month in Skatteverket's format. 409 while the payer lacks what the file needs or the month has nothing. */
  async file(payerCode: string, period: string, user: AuthUser): Promise<{ fileName: string; xml: string }> {
    const { view, settings } = await this.compute(payerCode, period);
    if (view.missingForFile.length) {
      throw new ConflictError(`Filen kan inte skapas: betalaren ${settings.name} saknar ${view.missingForFile.join(' och ')}. En administratör lägger in det bland betalarens inställningar.`);
    }
    if (!view.individuals.length) {
      throw new ConflictError(`Det finns inga godkända utbetalningar från ${settings.name} med utbetalningsdag i ${period}: inget att deklarera.`);
    }
    const xml = agiXml(view, { organisationNumber: settings.organisationNumber!, contact: settings.contact!, programName: 'Medverkan', created: swedishNow() }, settings.wholeReturn);
    await appendAudit(this.ds, {
      actor: user.id,
      action: 'agi.file-exported',
      subjectType: 'paying_body',
      subjectId: view.payerCode,
      details: { period, persons: view.individuals.length, withSummary: settings.wholeReturn },
    });
    return { fileName: `arbetsgivardeklaration-${view.payerCode}-${period.replace('-', '')}.xml`, xml };
  }

  private async compute(payerCode: string, period: string): Promise<{ view: AgiMonthView; settings: AgiSettingsRow }> {
    if (!AGI_PERIOD_PATTERN.test(period)) {
      throw new InvalidInputError('Månaden måste anges som ÅÅÅÅ-MM, till exempel 2026-11.', { period: ['Ange månaden som ÅÅÅÅ-MM.'] });
    }
    const settings = await this.requireSettings(payerCode);
    const rows = await this.repo.monthRows(settings.code, `${period}-01`, lastDay(period));
    const crossing = [...new Set(rows.filter((r) => r.crossed_threshold).map((r) => r.person_id))];
    const earlier = crossing.length ? await this.repo.earlier131(settings.code, crossing, `${period.slice(0, 4)}-01-01`, `${period}-01`) : [];
    const month = agiMonth(
      period,
      rows.map((r) => ({
        personId: r.person_id,
        name: r.full_name,
        personalNumber: this.cipher.decrypt(r.personal_number_enc).replace(/\D/g, ''),
        batchId: r.batch_id,
        paymentDate: r.payment_date,
        crossedThreshold: r.crossed_threshold,
        figures: {
          taxablePayOre: Number(r.taxable_pay_ore),
          taxWithheldOre: Number(r.tax_withheld_ore),
          taxFreeCarOre: Number(r.tax_free_car_ore),
          contributionsOre: Number(r.contributions_ore),
          agiPayField: r.agi_pay_field,
        },
      })),
      earlier.map((e) => ({ personId: e.person_id, period: e.period, taxablePayOre: Number(e.sum) })),
      settings.specificationNumber,
    );
    const missing: string[] = [];
    if (!settings.organisationNumber) missing.push('organisationsnummer');
    if (!settings.contact) missing.push('kontaktperson för arbetsgivardeklarationen');
    return {
      settings,
      view: {
        ...month,
        payerCode: settings.code,
        payerName: settings.name,
        dueDate: agiDueDate(period, settings.dueRule),
        dueRule: settings.dueRule,
        dueRuleText: AGI_DUE_RULE_TEXT[settings.dueRule],
        wholeReturn: settings.wholeReturn,
        missingForFile: missing,
        note:
          'Belopp i hela kronor för utbetalningsmånaden (alla godkända omgångar med utbetalningsdag i månaden). ' +
          'Filen innehåller huvuduppgiften (HU) bara när den är betalarens hela deklaration; summorna visas här ändå. ' +
          'Når årets ersättning 1 000 kr en månad redovisas hela årets ersättning i fält 011 den månaden: rätta då individuppgifterna för månaderna i earlier131Periods.',
      },
    };
  }

  private async requireSettings(code: string): Promise<AgiSettingsRow> {
    const payer = await getPayer(this.ds.manager, code); // any letter case, and SKL is SKR; 404 otherwise
    const s = await this.repo.settings(payer.code);
    if (!s) throw new NotFoundError('Betalaren finns inte.');
    return s;
  }
}
