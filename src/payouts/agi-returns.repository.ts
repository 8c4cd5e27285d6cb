import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AgiDueRule } from './agi-due-date';

/** A paying body's settings for its employer return (migration 1765850200000), with its organisation number. */
export interface AgiSettingsRow {
  code: string;
  name: string;
  organisationNumber: string | null;
  dueRule: AgiDueRule;
  wholeReturn: boolean;
  specificationNumber: number;
  contact: { name: string; phone: string; email: string } | null;
}

/** One approved run's `payout_person` row of a payer and month, with the personnummer frozen at approval. */
export interface AgiMonthDbRow {
  person_id: string;
  full_name: string;
  personal_number_enc: string;
  batch_id: string;
  payment_date: string;
  taxable_pay_ore: string;
  tax_withheld_ore: string;
  tax_free_car_ore: string;
  contributions_ore: string;
  agi_pay_field: '011' | '131';
  crossed_threshold: boolean;
}

/** The employer return's data: the payer's settings and its approved runs by payment month (issue 18 #3). */
@Injectable()
export class AgiReturnsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async settings(code: string): Promise<AgiSettingsRow | null> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT code, name, organisation_number, agi_due_rule, agi_whole_return, agi_specification_number::text AS spec,
              agi_contact_name, agi_contact_phone, agi_contact_email
         FROM paying_body WHERE code = $1`,
      [code],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      code: r.code as string,
      name: r.name as string,
      organisationNumber: (r.organisation_number as string | null) ?? null,
      dueRule: r.agi_due_rule as AgiDueRule,
      wholeReturn: r.agi_whole_return as boolean,
      specificationNumber: Number(r.spec),
      contact:
        r.agi_contact_name === null ? null : { name: r.agi_contact_name as string, phone: r.agi_contact_phone as string, email: r.agi_contact_email as string },
    };
  }

  async updateSettings(code: string, s: Pick<AgiSettingsRow, 'dueRule' | 'wholeReturn' | 'specificationNumber' | 'contact'>): Promise<void> {
    await this.ds.query(
      `UPDATE paying_body SET agi_due_rule = $2, agi_whole_return = $3, agi_specification_number = $4,
              agi_contact_name = $5, agi_contact_phone = $6, agi_contact_email = $7
        WHERE code = $1`,
      [code, s.dueRule, s.wholeReturn, s.specificationNumber, s.contact?.name ?? null, s.contact?.phone ?? null, s.contact?.email ?? null],
    );
  }

  /**
   * Every person's figures in the payer's approved runs with a payment date from `from` to `to` (a month; whatever
   * the run's period: a quarterly payer's run is reported in the month it is paid), with the frozen personnummer and
   * whether the run's payout took the year's pay to 1 000 kr (the engine's catch-up line).
   */
  monthRows(payerCode: string, from: string, to: string): Promise<AgiMonthDbRow[]> {
    return this.ds.query(
      `SELECT pp.person_id, p.full_name, f.personal_number_enc, b.id AS batch_id, b.payment_date::text AS payment_date,
              pp.taxable_pay_ore, pp.tax_withheld_ore, pp.tax_free_car_ore, pp.contributions_ore, pp.agi_pay_field,
              EXISTS (SELECT 1 FROM jsonb_array_elements(pp.calculation -> 'calculations') c, jsonb_array_elements(c -> 'lines') l
                       WHERE l ->> 'rule' LIKE '%.catch-up') AS crossed_threshold
         FROM payout_person pp JOIN payout_batch b ON b.id = pp.batch_id JOIN person p ON p.id = pp.person_id
         JOIN payout_payee f ON f.batch_id = pp.batch_id AND f.person_id = pp.person_id
        WHERE b.payer_code = $1 AND b.state = 'approved' AND b.payment_date BETWEEN $2 AND $3
        ORDER BY p.full_name, pp.person_id, b.payment_date, b.id`,
      [payerCode, from, to],
    );
  }

  /** The pay reported in field 131 per person and month by the payer's approved runs from `yearStart` to before `before`. */
  earlier131(payerCode: string, personIds: readonly string[], yearStart: string, before: string): Promise<Array<{ person_id: string; period: string; sum: string }>> {
    return this.ds.query(
      `SELECT pp.person_id, to_char(b.payment_date, 'YYYY-MM') AS period, SUM(pp.taxable_pay_ore) AS sum
         FROM payout_person pp JOIN payout_batch b ON b.id = pp.batch_id
        WHERE b.payer_code = $1 AND b.state = 'approved' AND pp.agi_pay_field = '131' AND pp.person_id = ANY($2::uuid[])
          AND b.payment_date >= $3 AND b.payment_date < $4
        GROUP BY pp.person_id, to_char(b.payment_date, 'YYYY-MM') ORDER BY 1, 2`,
      [payerCode, personIds, yearStart, before],
    );
  }
}
