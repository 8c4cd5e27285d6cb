import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log.repository';
import type { AuthUser } from '../auth/auth-user';
import { slipFileName } from '../common/content-disposition';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FIELD_CIPHER, FieldCipher } from '../crypto/field-cipher';
import { DocumentsService } from '../documents/documents.service';
import { queryOrNull, runStep } from '../temporal/workflow-calls';
import { LOGGER } from '../logging/logger';
import { stockholmDate } from '../time-reports/business-dates';
import { payoutRunWorkflowId } from '../../workflows/ids';
import { periodHasEnded, periodOpenMessage } from '../../workflows/payout-period';
import { approveUpdate, cancelRunUpdate, FinanceActor, holdLineUpdate, PayoutRunStatus, payoutRunStatusQuery } from '../../workflows/payout-run.messages';
import { payoutRunWorkflow } from '../../workflows/payout-run.workflow';
import { samePayer } from '../paying-bodies/resolve-payer';
import { parseStoredAccount } from '../identity/bank-account';
import { PayingBodySettingsService } from '../paying-bodies/paying-body-settings.service';
import { pain001Xml, PainPayment } from './pain001';
import { AgiReturnsRepository } from './agi-returns.repository';
import { getPayer } from './payers';
import { personFiguresFromRow } from './payout-calculation';
import { agiFigures, AgiFigures, agiPeriodOf, normaliseAccount, paymentCsv, paymentReference } from './payout-exports';
import { ensurePayoutSlip, payoutReferenceOf } from './payout-slips';
import { PayoutBatch } from './payout.entity';
import { PayoutsRepository } from './payouts.repository';
import { parsePeriod, periodLabel, periodProblems } from './period';
import { payoutWorklist, type PayoutWorklist } from './worklist';

const WAIT_FOR_DRAFT_MS = 15_000;
const NOT_FOUND = 'Utbetalningsomgången finns inte.';

export interface BatchLineView {
  id: string;
  timeReportId: string;
  personId: string;
  personName: string;
  groupName: string;
  activityDate: string;
  kind: string;
  minutes: number;
  state: string;
  feeOre: number;
  travelOre: number;
  feeRule: string | null;
  rateTable: string | null;
  holdReason: string | null;
}

/** What a person was (or is to be) paid, and what it costs the payer: a batch's row or a year's sum. */
export interface PaidAmounts {
  feesOre: number;
  taxFreeTravelOre: number;
  taxableTravelOre: number;
  taxablePayOre: number;
  contributionsOre: number;
  taxWithheldOre: number;
  netOre: number;
  costOre: number;
}

export interface BatchPersonView extends PaidAmounts {
  personId: string;
  personName: string;
  earlierTaxablePayOre: number;
  agiPayField: '011' | '131';
  slipDocumentId: string | null;
  /** The person's bank account or personnummer differs from what this payer's last approved run paid to. */
  paymentDetailsChanged: boolean;
}

/** Something finance should look at before approving (or knew when approving): a person's payment details changed. */
export interface BatchWarning {
  kind: 'payment-details-changed';
  personId: string;
  personName: string;
  message: string;
}

export interface BatchView {
  batch: BatchDecorated;
  run: { workflowId: string; status: PayoutRunStatus | null };
  persons: BatchPersonView[];
  lines: BatchLineView[];
  warnings: BatchWarning[];
}

/**
 * Payout runs as finance sees them: start by hand, the draft with its lines, hold a line, approve, cancel (all
 * through the run's workflow), and what comes out of an approved batch: the bank file, the AGI figures, the slips
 * and yearly summaries. Personnummer and accounts are decrypted only for the bank file and the AGI, for finance,
 * and every such access is written to the audit log.
 */
@Injectable()
export class PayoutsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(PayoutsRepository) private readonly repo: PayoutsRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DocumentsService) private readonly documents: DocumentsService,
    @Inject(PayingBodySettingsService) private readonly payingBodies: PayingBodySettingsService,
  ) {}

  /**
   * Starts the payout run of a payer and period (or finds it: the workflow ID is the payer and period, and a
   * closed run is never started again). Waits briefly for the draft, so finance usually gets it at once.
   * A run covers a closed period: before the day after its last day (Stockholm) it is refused (409).
   * `supplementary`: a supplementary run (kompletteringsomgång) of a period whose runs are closed, for its attested
   * lines in no pending or paid line (attested after the approval, or held back); starting again while it is a draft
   * finds the same run, and two started at once are one (the next number is the workflow ID).
   */
  async startRun(payerCode: string, period: string, user: AuthUser, supplementary = false): Promise<{ workflowId: string; batch: BatchView | null }> {
    const payer = await getPayer(this.ds.manager, payerCode);
    const today = stockholmDate(new Date());
    const problems = periodProblems(period, payer.payoutFrequency, today);
    if (problems.length) throw new InvalidInputError(problems[0], { period: problems });
    if (!periodHasEnded(period, Date.now())) throw new ConflictError(periodOpenMessage(period));
    const supplement = supplementary ? await this.nextSupplement(payer.code, period) : 0;
    const workflowId = payoutRunWorkflowId(payer.code, period, supplement);
    try {
      await this.temporal.workflow.start(payoutRunWorkflow, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [{ payerCode: payer.code, period, ...(supplement > 0 ? { supplement } : {}) }],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e; // closed already: its batch stands
    }
    await this.audit(user.id, 'payout.run-requested', workflowId, 'payout_run', { payerCode: payer.code, period, ...(supplement > 0 ? { supplement } : {}) });
    const until = Date.now() + WAIT_FOR_DRAFT_MS;
    for (;;) {
      const batch = await this.repo.findRunOf(payer.code, period, supplement);
      if (batch) return { workflowId, batch: await this.get(batch.id) };
      if (Date.now() > until) return { workflowId, batch: null };
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * The number of the supplementary run to start (or find) for a period: the open one's, else the next after the
   * period's latest closed run. Refused (409) while the ordinary run is missing or a draft, and when the period has
   * no attested line a run would take (in no pending or paid line, and no other line of the person and activity is).
   */
  private async nextSupplement(payerCode: string, period: string): Promise<number> {
    const label = periodLabel(parsePeriod(period)!);
    const latest = await this.repo.latestRun(payerCode, period);
    if (!latest) {
      throw new ConflictError(`Perioden ${label} har ingen ordinarie utbetalningsomgång ännu. Starta den först (utan komplettering); den tar med alla attesterade rader.`);
    }
    if (latest.state === 'draft') {
      if (latest.supplement > 0) return latest.supplement; // the open supplementary run: starting again finds it
      throw new ConflictError(`Den ordinarie utbetalningsomgången för ${label} väntar på godkännande. Godkänn eller avbryt den innan en kompletteringsomgång görs.`);
    }
    const p = parsePeriod(period)!;
    if ((await this.repo.supplementCandidates(payerCode, p.start, p.end)) === 0) {
      throw new ConflictError(`Det finns inga attesterade rader för ${label} som inte redan är utbetalda eller med i en omgång: ingen kompletteringsomgång behövs.`);
    }
    return latest.supplement + 1;
  }

  /** Finance's worklist (issue 17 #3): attested lines waiting for a run, per period, and the next run's date. */
  async worklist(payerCode: string): Promise<PayoutWorklist> {
    const payer = await getPayer(this.ds.manager, payerCode);
    const [reports, runs] = await Promise.all([this.repo.waitingAttestedReports(payer.code), this.repo.batchesOfPayer(payer.code)]);
    return payoutWorklist(
      payer.payoutFrequency,
      stockholmDate(new Date()),
      reports.map((r) => ({ activityDate: r.activity_date, personId: r.person_id })),
      runs.map((b) => ({ id: b.id, period: b.period, supplement: b.supplement, state: b.state })),
    );
  }

  async list(payerCode: string): Promise<Array<BatchDecorated>> {
    const payer = await getPayer(this.ds.manager, payerCode);
    const rows = await this.repo.batchesOfPayer(payer.code);
    return rows.map(decorate);
  }

  /** The batch with its people and lines (names, amounts, rules; never personnummer or accounts) and the run's live status. */
  async get(batchId: string): Promise<BatchView> {
    const batch = await this.find(batchId);
    // For the changed-details warning: the details this run pays to (frozen at approval, else the person's now) next
    // to those the payer's latest earlier approved run froze. Ciphertexts differ whenever details are given again, so
    // only differing ones are decrypted and compared (finance of the payer may read them; nothing decrypted leaves here).
    const persons = await this.repo.batchPeopleWithDetails(batchId);
    const changed = (a: unknown, b: unknown) =>
      typeof a === 'string' && typeof b === 'string' && a !== b && this.cipher.decrypt(a).replace(/[\s.-]/g, '') !== this.cipher.decrypt(b).replace(/[\s.-]/g, '');
    const detailsChanged = new Map(
      persons.map((r) => [r.person_id as string, changed(r.paid_account_enc, r.prev_account_enc) || changed(r.paid_pn_enc, r.prev_pn_enc)]),
    );
    // Details given after the draft was made (an approval found them and was refused: review finding 4).
    const sinceDraft = (r: Record<string, unknown>) => r.details_changed_at != null && !detailsChanged.get(r.person_id as string);
    const lines = await this.repo.batchLineRows(batchId);
    return {
      batch: decorate(batch),
      run: { workflowId: batch.workflowId, status: await this.liveStatus(batch.workflowId) },
      persons: persons.map((r) => ({
        personId: r.person_id as string,
        personName: r.full_name as string,
        feesOre: Number(r.fees_ore),
        taxFreeTravelOre: Number(r.tax_free_travel_ore),
        taxableTravelOre: Number(r.taxable_travel_ore),
        taxablePayOre: Number(r.taxable_pay_ore),
        contributionsOre: Number(r.contributions_ore),
        taxWithheldOre: Number(r.tax_withheld_ore),
        netOre: Number(r.net_ore),
        costOre: Number(r.cost_ore),
        earlierTaxablePayOre: Number(r.earlier_taxable_pay_ore),
        agiPayField: r.agi_pay_field as '011' | '131',
        slipDocumentId: (r.slip_document_id as string | null) ?? null,
        paymentDetailsChanged: detailsChanged.get(r.person_id as string) === true || sinceDraft(r),
      })),
      warnings: persons
        .filter((r) => detailsChanged.get(r.person_id as string) || sinceDraft(r))
        .map((r) => ({
          kind: 'payment-details-changed' as const,
          personId: r.person_id as string,
          personName: r.full_name as string,
          message: sinceDraft(r)
            ? `${r.full_name as string}: bankkontot eller personnumret har lämnats på nytt sedan utkastet gjordes. Kontrollera uppgifterna innan omgången godkänns.`
            : `${r.full_name as string}: bankkontot eller personnumret har ändrats sedan utbetalningen för ${periodLabel(parsePeriod(r.prev_period as string)!)}. Kontrollera ändringen innan omgången godkänns.`,
        })),
      lines: lines.map((r) => ({
        id: r.id as string,
        timeReportId: r.time_report_id as string,
        personId: r.person_id as string,
        personName: r.full_name as string,
        groupName: r.group_name as string,
        activityDate: r.activity_day as string,
        kind: r.kind as string,
        minutes: Number(r.minutes),
        state: r.state as string,
        feeOre: Number(r.fee_ore),
        travelOre: Number(r.travel_ore),
        feeRule: (r.fee_rule as string | null) ?? null,
        rateTable: r.table_code ? `${String(r.table_code)} v${String(r.table_version)}` : null,
        holdReason: (r.hold_reason as string | null) ?? null,
      })),
    };
  }

  async holdLine(batchId: string, lineId: string, reason: string, user: AuthUser): Promise<BatchView> {
    const batch = await this.openBatch(batchId, user);
    await this.step(() =>
      this.temporal.workflow.getHandle(batch.workflowId).executeUpdate(holdLineUpdate, { args: [{ ...actor(user), lineId, reason }], updateId: `hold:${lineId}` }),
    );
    return this.get(batchId);
  }

  /**
   * Finance of the batch's payer approves. A double click (the same user, the same draft) is one Update (same
   * update ID); a second approver is refused by the workflow's validator; the database allows one approval anyway.
   */
  async approve(batchId: string, user: AuthUser): Promise<BatchView> {
    const batch = await this.find(batchId);
    this.assertFinanceOf(batch, user);
    if (batch.state === 'approved') return this.get(batchId);
    if (batch.state !== 'draft') throw new ConflictError('Utbetalningen är avbruten och kan inte godkännas.');
    // A run covers a closed period (a draft of an open period can only be one made before this rule).
    if (!periodHasEnded(batch.period, Date.now())) throw new ConflictError(periodOpenMessage(batch.period));
    await this.refuseWithoutPaymentDetails(batch);
    await this.step(() =>
      this.temporal.workflow.getHandle(batch.workflowId).executeUpdate(approveUpdate, { args: [actor(user)], updateId: `approve:${user.id}:${batch.updatedAt.getTime()}` }),
    );
    return this.get(batchId);
  }

  async cancel(batchId: string, reason: string, user: AuthUser): Promise<BatchView> {
    const batch = await this.openBatch(batchId, user);
    await this.step(() => this.temporal.workflow.getHandle(batch.workflowId).executeUpdate(cancelRunUpdate, { args: [{ ...actor(user), reason }] }));
    return this.get(batchId);
  }

  /**
   * What an approval needs besides the figures (issue 18): the payer's own valid account (the debtor of its payment
   * file) — else 409 naming what is missing — and every person's personnummer and bank account — else 409 with who
   * lacks what. (A draft leaves out people without them; this catches details gone since.)
   */
  private async refuseWithoutPaymentDetails(batch: PayoutBatch): Promise<void> {
    const payer = await this.payingBodies.paymentSettings(batch.payerCode);
    if (!payer.ok) {
      throw new ConflictError(
        `${payer.name} kan inte godkänna utbetalningen: ${payer.missing.join(' och ')} saknas. En administratör anger det under betalarens inställningar.`,
        { payer: payer.missing.map((m) => `Saknas: ${m}.`) },
      );
    }
    const lacking = await this.repo.personsLackingPaymentDetails(batch.id);
    if (lacking.length) {
      const what = (p: { no_personal_number: boolean; no_account: boolean }) =>
        [p.no_personal_number && 'personnummer', p.no_account && 'bankkonto'].filter(Boolean).join(' och ');
      throw new ConflictError(
        `Utbetalningen kan inte godkännas: ${lacking.map((p) => `${p.full_name} saknar ${what(p)}`).join('; ')}. Be dem lämna sina uppgifter, eller håll inne deras rader.`,
        { persons: lacking.map((p) => `${p.full_name}: ${what(p)} saknas.`) },
      );
    }
  }

  /**
   * The pain.001 credit transfer of an approved batch (issue 18 #1): one payment per person from the payer's own
   * account, in the version the payer's bank reads. Decrypts the accounts frozen at approval: finance of the payer
   * only, audited. Refused (409) while the payer has no valid account, or when a frozen account fails the banks'
   * checks (an account given before they were made at entry): the list says whose.
   */
  async exportPain(batchId: string, user: AuthUser): Promise<{ fileName: string; xml: string }> {
    const batch = await this.approvedBatch(batchId, user);
    const payer = await this.payingBodies.paymentSettings(batch.payerCode);
    if (!payer.ok) {
      throw new ConflictError(`Betalfilen kan inte göras: ${payer.missing.join(' och ')} saknas. En administratör anger det under betalarens inställningar.`, {
        payer: payer.missing.map((m) => `Saknas: ${m}.`),
      });
    }
    const rows = await this.repo.painRows(batchId);
    if (rows.some((r) => !r.bank_account_enc)) {
      throw new ConflictError('Bankkonto saknas i den godkända utbetalningen: kontakta systemförvaltningen innan filen tas ut.');
    }
    const reference = paymentReference(batch.period, batch.supplement);
    const unusable: string[] = [];
    const payments: PainPayment[] = [];
    for (const r of rows) {
      const account = parseStoredAccount(this.cipher.decrypt(r.bank_account_enc));
      if (!account.ok) unusable.push(r.full_name);
      else payments.push({ endToEndId: r.first_line_id.replace(/-/g, ''), creditorName: r.full_name, account: account.account, amountOre: Number(r.net_ore), remittance: reference });
    }
    if (unusable.length) {
      throw new ConflictError(
        `Betalfilen kan inte göras: bankkontot för ${unusable.join(', ')} klarar inte bankernas kontroll av clearingnummer och kontrollsiffra. Betala dem med betalfilen i CSV, eller be dem lämna rätt konto till nästa utbetalning.`,
        { persons: unusable.map((n) => `${n}: bankkontot klarar inte kontrollen.`) },
      );
    }
    if (!payments.some((p) => p.amountOre > 0)) throw new ConflictError('Utbetalningen har inget belopp att betala ut, så ingen betalfil behövs.');
    const s = payer.settings;
    const suffix = batch.supplement > 0 ? `-K${batch.supplement}` : '';
    const xml = pain001Xml({
      version: s.painVersion,
      messageId: `MV${batch.id.replace(/-/g, '')}`,
      paymentInfoId: `${batch.payerCode}-${batch.period}${suffix}`.slice(0, 35),
      createdAt: batch.approvedAt ?? new Date(),
      executionDate: batch.paymentDate!,
      debtor: { name: s.name, organisationNumber: s.organisationNumber, account: s.account, bic: s.bic },
      categoryPurpose: s.categoryPurpose,
      payments,
    });
    await this.audit(user.id, 'payout.exported-pain001', batchId, 'payout_batch', { persons: payments.length, netOre: batch.netOre, version: s.painVersion });
    return { fileName: `utbetalning-${batch.payerCode}-${batch.period}${batch.supplement > 0 ? `-komplettering-${batch.supplement}` : ''}.xml`, xml };
  }

  /** The bank file of an approved batch. Decrypts personnummer and accounts: finance of the payer only, audited. */
  async exportCsv(batchId: string, user: AuthUser): Promise<{ fileName: string; csv: string }> {
    const batch = await this.approvedBatch(batchId, user);
    const rows = await this.repo.paymentRows(batchId);
    // The details frozen at approval (the database guarantees them for every approved batch), never today's.
    if (rows.some((r) => !r.personal_number_enc || !r.bank_account_enc)) {
      throw new ConflictError('Personnummer eller bankkonto saknas i den godkända utbetalningen: kontakta systemförvaltningen innan filen tas ut.');
    }
    const reference = paymentReference(batch.period, batch.supplement);
    const csv = paymentCsv(
      rows.map((r) => ({
        personalNumber: this.cipher.decrypt(r.personal_number_enc).replace(/\D/g, ''),
        account: normaliseAccount(this.cipher.decrypt(r.bank_account_enc)),
        netOre: Number(r.net_ore),
        reference,
      })),
    );
    await this.audit(user.id, 'payout.exported', batchId, 'payout_batch', { persons: rows.length, netOre: batch.netOre });
    return { fileName: `utbetalning-${batch.payerCode}-${batch.period}${batch.supplement > 0 ? `-komplettering-${batch.supplement}` : ''}.csv`, csv };
  }

  /** Per-person AGI figures of an approved batch (field 215 decrypted: finance of the payer only, audited). */
  async agi(batchId: string, user: AuthUser) {
    const batch = await this.approvedBatch(batchId, user);
    const rows = await this.repo.agiRows(batchId);
    const persons = await Promise.all(
      rows.map(async (r) => {
        const figures = personFiguresFromRow(r);
        const agi = agiFigures(this.cipher.decrypt(r.personal_number_enc as string).replace(/\D/g, ''), figures);
        // The payout that takes the year to 1 000 kr makes the year's earlier pay from this payer subject to
        // contributions (the engine's catch-up line): the months it was reported in field 131 need a corrected AGI (011).
        const calc = r.calculation as unknown as { calculations: Array<{ lines: Array<{ rule: string }> }> };
        const crossedThreshold = calc.calculations.some((c) => c.lines.some((l) => l.rule.endsWith('.catch-up')));
        const corrections: Array<{ period: string }> =
          crossedThreshold
            ? await this.repo.agiMonthsReportedIn131({
                personId: r.person_id as string,
                payerCode: batch.payerCode,
                exceptBatchId: batchId,
                year: Number(batch.paymentDate!.slice(0, 4)),
              })
            : [];
        return { personId: r.person_id as string, name: r.full_name as string, ...agi, correctEarlierPeriodsTo011: corrections.map((c) => c.period) };
      }),
    );
    await this.audit(user.id, 'payout.agi-viewed', batchId, 'payout_batch', { persons: persons.length });
    const sum = (k: keyof AgiFigures) => persons.reduce((s, p) => s + (typeof p[k] === 'number' ? (p[k] as number) : 0), 0);
    return {
      batchId,
      payerCode: batch.payerCode,
      // The due date by the payer's rule (its AGI settings), moved to the next weekday.
      ...agiPeriodOf(batch.paymentDate!, (await new AgiReturnsRepository(this.ds).settings(batch.payerCode))?.dueRule),
      persons,
      totals: { field011: sum('field011'), field131: sum('field131'), field001: sum('field001') },
      note: 'Beloppen redovisas i arbetsgivardeklarationen på individnivå (AGI) för utbetalningsmånaden, i hela kronor. De lämnas därför inte också i kontrolluppgift (KU10).',
    };
  }

  /** The payout slip of one person in an approved batch (made once, stored as the person's document). */
  async slip(batchId: string, personId: string, user: AuthUser): Promise<{ fileName: string; content: Buffer }> {
    const batch = await this.find(batchId);
    if (!(user.personId === personId || this.isFinanceOf(batch, user))) throw new NotFoundError(NOT_FOUND);
    if (batch.state !== 'approved') throw new ConflictError('Utbetalningsbesked finns först när utbetalningen är godkänd.');
    const person = await this.repo.findPerson(batchId, personId);
    if (!person) throw new NotFoundError('Personen har ingen utbetalning i denna omgång.');
    const documentId = await ensurePayoutSlip(this.ds, this.documents, this.cipher, batchId, personId, user.id);
    const doc = await this.documents.download(documentId, user.id);
    // Issue 17 #9: the file is named after the person (a finance officer downloads many).
    const payee = await this.repo.frozenPayee(batchId, personId);
    return { fileName: payee ? slipFileName(batch.period, payee.full_name, batch.supplement) : doc.fileName, content: doc.content };
  }

  /** A payer's year: per person, what was paid in approved batches with payment dates in the year. */
  async yearlySummary(payerCode: string, year: number): Promise<YearlySummaryView> {
    const payer = await getPayer(this.ds.manager, payerCode);
    const rows = await this.repo.payerYearByPerson(payer.code, `${year}-01-01`, `${year}-12-31`);
    const persons = rows.map(summaryRow);
    return { payerCode: payer.code, payerName: payer.name, year, persons, totals: totalsOf(persons) };
  }

  /** One person's year, per payer (for the person themself, or finance of one payer). */
  async personYear(personId: string, year: number, user: AuthUser): Promise<PersonYearView> {
    const onlyPayer = user.personId === personId ? null : user.payerCode;
    if (user.personId !== personId && !onlyPayer) throw new NotFoundError('Personen finns inte.');
    const rows = await this.repo.personYearByPayer(personId, `${year}-01-01`, `${year}-12-31`, onlyPayer);
    const batches = await this.repo.personPayouts(personId, `${year}-01-01`, `${year}-12-31`, onlyPayer);
    return {
      personId,
      year,
      perPayer: rows.map((r) => ({ payerCode: r.payer_code, payerName: r.payer_name ?? r.payer_code, ...summaryRow(r) })),
      payouts: batches.map((b) => ({ batchId: b.id, payerCode: b.payer_code, payerName: b.payer_name ?? b.payer_code, period: b.period, paymentDate: b.payment_date, netOre: Number(b.net_ore), slipDocumentId: b.slip_document_id })),
    };
  }

  private async find(batchId: string): Promise<PayoutBatch> {
    const batch = await this.repo.findBatch(batchId);
    if (!batch) throw new NotFoundError(NOT_FOUND);
    return batch;
  }

  private isFinanceOf(batch: PayoutBatch, user: AuthUser): boolean {
    return user.roles.includes('finance') && samePayer(user.payerCode, batch.payerCode);
  }

  private assertFinanceOf(batch: PayoutBatch, user: AuthUser) {
    if (!this.isFinanceOf(batch, user)) throw new ForbiddenError('Endast ekonomi hos betalaren kan hantera denna utbetalning.');
  }

  private async openBatch(batchId: string, user: AuthUser): Promise<PayoutBatch> {
    const batch = await this.find(batchId);
    this.assertFinanceOf(batch, user);
    if (batch.state === 'approved') throw new ConflictError('Utbetalningen är redan godkänd.');
    if (batch.state !== 'draft') throw new ConflictError('Utbetalningen är avslutad och kan inte ändras.');
    return batch;
  }

  private async approvedBatch(batchId: string, user: AuthUser): Promise<PayoutBatch> {
    const batch = await this.find(batchId);
    this.assertFinanceOf(batch, user);
    if (batch.state !== 'approved') throw new ConflictError('Underlaget finns först när utbetalningen är godkänd.');
    return batch;
  }

  /**
   * An Update to the batch's run with the deadline every human step has (runStep): no answer within
   * UPDATE_DEADLINE_MS (no worker, or it is restarting) is 503 with Retry-After, and the same click again is the same
   * Update (its update ID). The run's typed refusals keep their status (400/403/404, else 409).
   */
  private step<T>(call: () => Promise<T>): Promise<T> {
    return runStep(this.temporal, call, { notFound: 'Ärendet finns inte.' });
  }

  private async liveStatus(workflowId: string): Promise<PayoutRunStatus | null> {
    return queryOrNull(this.temporal, () => this.temporal.workflow.getHandle(workflowId).query(payoutRunStatusQuery));
  }

  private async audit(actorId: string, action: string, subjectId: string, subjectType: string, details: Record<string, unknown>) {
    await appendAudit(this.ds, { actor: actorId, action, subjectType, subjectId, details });
  }
}

function actor(user: AuthUser): FinanceActor {
  return { userId: user.id, roles: [...user.roles], payerCode: user.payerCode };
}

/** A batch as the API shows it: its reference, its period's name, whether it is a supplementary run and its label. */
export type BatchDecorated = PayoutBatch & { reference: string; periodLabel: string; supplementary: boolean; label: string };

function decorate(b: PayoutBatch): BatchDecorated {
  const p = parsePeriod(b.period);
  const name = p ? periodLabel(p) : b.period;
  return Object.assign(b, {
    reference: payoutReferenceOf(b),
    periodLabel: name,
    supplementary: b.supplement > 0,
    label: b.supplement > 0 ? `${name}, kompletteringsomgång ${b.supplement}` : name,
  });
}

/** A year's sums of payout_person rows (pp) of approved batches (b), as summaryRow reads them. */

/** `GET /payers/{payerCode}/yearly-summary`: what a payer paid each person in a year. */
export interface YearlySummaryView {
  payerCode: string;
  payerName: string;
  year: number;
  persons: SummaryRow[];
  totals: Omit<PaidAmounts, 'taxableTravelOre'>;
}

/** `GET /people/{personId}/payouts`: one person's year, per payer, and each payout with its slip. */
export interface PersonYearView {
  personId: string;
  year: number;
  perPayer: Array<SummaryRow & { payerCode: string; payerName: string }>;
  payouts: Array<{ batchId: string; payerCode: string; payerName: string; period: string; paymentDate: string; netOre: number; slipDocumentId: string | null }>;
}

export interface SummaryRow extends PaidAmounts {
  personId: string;
  name?: string;
  payouts: number;
  agiPeriods: string[];
}

function summaryRow(r: Record<string, string>): SummaryRow {
  return {
    personId: r.person_id,
    ...(r.full_name ? { name: r.full_name } : {}),
    feesOre: Number(r.fees),
    taxFreeTravelOre: Number(r.tax_free_travel),
    taxableTravelOre: Number(r.taxable_travel),
    taxablePayOre: Number(r.taxable_pay),
    contributionsOre: Number(r.contributions),
    taxWithheldOre: Number(r.tax),
    netOre: Number(r.net),
    costOre: Number(r.cost),
    payouts: Number(r.payouts),
    agiPeriods: r.agi_periods ? r.agi_periods.split(',') : [],
  };
}

function totalsOf(rows: SummaryRow[]) {
  const sum = (k: keyof SummaryRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
  return {
    feesOre: sum('feesOre'),
    taxFreeTravelOre: sum('taxFreeTravelOre'),
    taxablePayOre: sum('taxablePayOre'),
    contributionsOre: sum('contributionsOre'),
    taxWithheldOre: sum('taxWithheldOre'),
    netOre: sum('netOre'),
    costOre: sum('costOre'),
  };
}
