import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import { FeeInputError } from '../fees';
import { GroupActivitiesRepository } from '../group-activities/group-activities.repository';
import { feeKindOf } from '../group-activities/group-activity.entity';
import { calculatePerson } from '../payouts/payout-calculation';
import { payerOfGroup } from '../paying-bodies/payer-of-group';
import { rateTablesFor } from '../payouts/payers';
import { stockholmDate } from './business-dates';
import { ReportFeePreviewDto, ReportFeePreviewView } from './dto/report-fee-preview.dto';
import { TimeReportsRepository } from './time-reports.repository';

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
  ) {}

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
