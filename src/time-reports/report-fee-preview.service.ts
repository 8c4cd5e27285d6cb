import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import { FeeInputError } from '../fees';
import { GroupActivitiesRepository } from '../group-activities/group-activities.repository';
import { feeKindOf } from '../group-activities/group-activity.entity';
import { calculatePerson } from '../payouts/payout-calculation';
import { PayoutsRepository } from '../payouts/payouts.repository';
import { payerOfGroup } from '../paying-bodies/payer-of-group';
import { rateTablesFor } from '../payouts/payers';
import { stockholmDate } from './business-dates';
import { FeeScheduleView, ReportFeePreviewDto, ReportFeePreviewView, TimeReportAmountsView } from './dto/report-fee-preview.dto';
import { TimeReportsRepository } from './time-reports.repository';

/** No batch: the year's earlier pay counts every approved batch. */
const NO_BATCH = '00000000-0000-4000-8000-000000000000';

/**
 * The amount a report would be paid (issue 17 #7): the same engine and inputs as the payout run
 * (`calculatePerson` in src/payouts/payout-calculation.ts) for one line of this assignment against the activity,
 * with receipts assumed present. Fee and travel only: tax and contributions depend on the year's other pay.
 */
@Injectable()
export class ReportFeePreviewService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(TimeReportsRepository) private readonly reports: TimeReportsRepository,
    @Inject(GroupActivitiesRepository) private readonly activities: GroupActivitiesRepository,
    @Inject(PayoutsRepository) private readonly payouts: PayoutsRepository,
  ) {}

  /**
   * Issue 17 #6: what attesting a report as reported pays — fee, travel and the employer contributions on top — by
   * the payout's own calculation (calculatePerson) with the person's age and the year's earlier pay from the payer,
   * as of today. Contributions are null when the person's details (birth date) are not given yet.
   */
  async amountsOf(reportId: string): Promise<TimeReportAmountsView> {
    const line = await this.payouts.reportAsReportedLine(reportId);
    if (!line) throw new NotFoundError('Tidrapporten finns inte.');
    const today = stockholmDate(new Date());
    const tables = await rateTablesFor(this.ds.manager, line.payerCode);
    const payee = (await this.payouts.payeesOf(this.ds.manager, [line.personId], line.payerCode)).get(line.personId);
    const known = !!payee && Number.isFinite(payee.birthYear);
    const earlier = known
      ? ((await this.payouts.earlierTaxablePay(this.ds.manager, { payerCode: line.payerCode, personIds: [line.personId], paymentDate: today, exceptBatchId: NO_BATCH })).get(line.personId) ?? { year: 0, month: 0 })
      : { year: 0, month: 0 };
    try {
      const calc = calculatePerson({
        payerCode: line.payerCode,
        paymentDate: today,
        payee: known ? payee : { birthYear: 1970, taxTableMainIncome: false, taxTablePercent: null },
        earlierTaxablePayOre: earlier.year,
        earlierMonthTaxablePayOre: earlier.month,
        tables,
        lines: [line],
      });
      const l = calc.lines[0];
      return {
        personName: line.personName,
        feeOre: l?.feeOre ?? 0,
        travelOre: l?.travelOre ?? 0,
        contributionsOre: known ? calc.figures.contributionsOre : null,
        feeRule: l?.feeRule ?? null,
        rateTable: l?.tableCode ? `${l.tableCode}${l.tableVersion ? ` v${l.tableVersion}` : ''}` : null,
        payerCode: line.payerCode,
        asOf: today,
      };
    } catch (e) {
      if (e instanceof FeeInputError) throw new ConflictError(e.message);
      throw e;
    }
  }

  /**
   * Issue 17 #7, the offer: what the assignment pays per meeting before anyone has reported — for each of the
   * routine's fee tiers (full day, half day, short; or one hour for an hourly agreement) — by the payout's own
   * calculation with the payer's rate table in force today. Fee only (travel depends on the trip).
   */
  async feeSchedule(id: string): Promise<FeeScheduleView> {
    const assignment = await this.reports.assignment(id);
    if (!assignment) throw new NotFoundError('Uppdraget finns inte.');
    const today = stockholmDate(new Date());
    const payer = await payerOfGroup(this.ds, assignment.groupId);
    if ('problem' in payer) throw new ConflictError(payer.problem);
    const tables = await rateTablesFor(this.ds.manager, payer.payerCode);
    const tiers: Array<{ tier: FeeScheduleView['tiers'][number]['tier']; feeRule: 'full-day' | 'half-day' | 'short' | 'hourly'; minutes: number }> =
      assignment.feeMode === 'hourly'
        ? [{ tier: 'hour', feeRule: 'hourly', minutes: 60 }]
        : [
            { tier: 'full-day', feeRule: 'full-day', minutes: 300 },
            { tier: 'half-day', feeRule: 'half-day', minutes: 180 },
            { tier: 'short', feeRule: 'short', minutes: 60 },
          ];
    try {
      const out: FeeScheduleView['tiers'] = [];
      let rateTable: string | null = null;
      for (const t of tiers) {
        const calc = calculatePerson({
          payerCode: payer.payerCode,
          paymentDate: today,
          payee: { birthYear: 1970, taxTableMainIncome: false, taxTablePercent: null },
          earlierTaxablePayOre: 0,
          tables,
          lines: [
            {
              timeReportId: '00000000-0000-4000-8000-000000000000',
              activityDate: today,
              kind: 'meeting',
              durationMinutes: t.minutes,
              travelMinutes: 0,
              ticketCostOre: 0,
              otherTravelCostOre: 0,
              carKm: 0,
              hasReceipt: true,
              feeMode: assignment.feeMode,
              employedByOrganisation: assignment.employedByOrganisation,
              feeRule: t.feeRule,
            },
          ],
        });
        const line = calc.lines[0];
        rateTable ??= line?.tableCode ? `${line.tableCode}${line.tableVersion ? ` v${line.tableVersion}` : ''}` : null;
        out.push({ tier: t.tier, feeOre: line?.feeOre ?? 0 });
      }
      return { payerCode: payer.payerCode, feeMode: assignment.feeMode, employedByOrganisation: assignment.employedByOrganisation, rateTable, asOf: today, tiers: out };
    } catch (e) {
      if (e instanceof FeeInputError) throw new ConflictError(e.message);
      throw e;
    }
  }

  /** 404 for an assignment or activity (of its group) that does not exist, 403 for an activity it is not called to. */
  async preview(id: string, dto: ReportFeePreviewDto): Promise<ReportFeePreviewView> {
    const assignment = await this.reports.assignment(id);
    if (!assignment) throw new NotFoundError('Uppdraget finns inte.');
    const activity = await this.activities.byId(dto.activityId);
    if (!activity || activity.groupId !== assignment.groupId) {
      throw new NotFoundError('Aktiviteten finns inte.', { activityId: ['Ingen aktivitet med detta id finns i uppdragets grupp.'] });
    }
    if (activity.assignmentId !== null) {
      if (activity.assignmentId !== assignment.id) throw new ForbiddenError('Det här är ett annat uppdrags egen aktivitet.');
    } else {
      if (!(await this.activities.isCalled(activity.id, assignment.id))) throw new ForbiddenError('Uppdraget är inte kallat till den här aktiviteten.');
    }
    const date = activity.activityDate ?? dto.activityDate ?? stockholmDate(new Date());
    const payer = await payerOfGroup(this.ds, assignment.groupId);
    if ('problem' in payer) throw new ConflictError(payer.problem);
    const tables = await rateTablesFor(this.ds.manager, payer.payerCode);
    try {
      const calc = calculatePerson({
        payerCode: payer.payerCode,
        paymentDate: date,
        // Fee and travel do not depend on the person; tax and contributions are not shown.
        payee: { birthYear: 1970, taxTableMainIncome: false, taxTablePercent: null },
        earlierTaxablePayOre: 0,
        tables,
        lines: [
          {
            timeReportId: '00000000-0000-4000-8000-000000000000',
            activityDate: date,
            kind: feeKindOf(activity.kind),
            durationMinutes: dto.durationMinutes,
            travelMinutes: dto.travelMinutes ?? 0,
            ticketCostOre: dto.ticketCostOre ?? 0,
            otherTravelCostOre: dto.otherTravelCostOre ?? 0,
            carKm: dto.carKm ?? 0,
            hasReceipt: true,
            feeMode: assignment.feeMode,
            employedByOrganisation: assignment.employedByOrganisation,
            feeRule: activity.feeRule,
          },
        ],
      });
      const line = calc.lines[0];
      return {
        feeOre: line?.feeOre ?? 0,
        travelOre: line?.travelOre ?? 0,
        feeRule: line?.feeRule ?? null,
        rateTable: line?.tableCode ? `${line.tableCode}${line.tableVersion ? ` v${line.tableVersion}` : ''}` : null,
        payerCode: payer.payerCode,
      };
    } catch (e) {
      if (e instanceof FeeInputError) throw new InvalidInputError(e.message);
      throw e;
    }
  }
}
