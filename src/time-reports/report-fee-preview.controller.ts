import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity';
import { Roles, Scoped } from '../auth/auth.decorators';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import { FeeInputError } from '../fees';
import { feeKindOf, GroupActivity } from '../group-activities/group-activity.entity';
import { calculatePerson } from '../payouts/payout-calculation';
import { payerCodeOfGroup, rateTablesFor } from '../payouts/payers';
import { stockholmDate } from './business-dates';
import { TimeReportFiguresDto } from './dto/time-report.dto';

const assignmentId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });

/** What a representative is about to report against an activity: the figures of the report form. */
export class ReportFeePreviewDto extends TimeReportFiguresDto {
  @ApiProperty({ format: 'uuid', description: 'Aktiviteten som rapporten gäller.' })
  @IsUUID('all', { message: 'Ange aktiviteten (ett UUID).' })
  activityId: string;

  @ApiPropertyOptional({ description: 'Dagen, för överenskommelsens egen aktivitet (ÅÅÅÅ-MM-DD).', example: '2026-09-14' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Datumet måste anges som ÅÅÅÅ-MM-DD.' })
  activityDate?: string;
}

export class ReportFeePreviewView {
  @ApiProperty({ description: 'Arvodet i öre, före skatt och avgifter.' }) feeOre: number;
  @ApiProperty({ description: 'Reseersättning i öre (biljetter och andra kostnader mot kvitto, bilersättning).' }) travelOre: number;
  @ApiProperty({ nullable: true, type: String, description: 'Arvodesregeln som gäller, t.ex. fee.full-day.' }) feeRule: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Taxetabellen som används.' }) rateTable: string | null;
  @ApiProperty({ description: 'Betalaren (gruppens).' }) payerCode: string;
}

/**
 * The amount a report would be paid (issue 17 #7): the same engine and inputs as the payout run
 * (`calculatePerson` in src/payouts/payout-calculation.ts) for one line of this assignment against the activity,
 * with receipts assumed present. Fee and travel only: tax and contributions depend on the year's other pay.
 */
@ApiTags('time-reports')
@ApiBearerAuth()
@Controller('assignments/:assignmentId/fee-preview')
export class ReportFeePreviewController {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  @Post()
  @HttpCode(200)
  @Roles('representative', 'coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  @ApiOperation({ summary: 'Vad en rapport mot aktiviteten skulle ge i arvode och reseersättning (före skatt), med samma beräkning som utbetalningen.' })
  @ApiOkResponse({ type: ReportFeePreviewView })
  async preview(@Param('assignmentId', assignmentId) id: string, @Body() dto: ReportFeePreviewDto): Promise<ReportFeePreviewView> {
    const assignment = await this.ds.getRepository(Assignment).findOneBy({ id });
    if (!assignment) throw new NotFoundError('Uppdraget finns inte.');
    const activity = await this.ds.getRepository(GroupActivity).findOneBy({ id: dto.activityId });
    if (!activity || activity.groupId !== assignment.groupId) {
      throw new NotFoundError('Aktiviteten finns inte.', { activityId: ['Ingen aktivitet med detta id finns i uppdragets grupp.'] });
    }
    if (activity.assignmentId !== null) {
      if (activity.assignmentId !== assignment.id) throw new ForbiddenError('Det här är ett annat uppdrags egen aktivitet.');
    } else {
      const called: unknown[] = await this.ds.query(`SELECT 1 FROM group_activity_called WHERE activity_id = $1 AND assignment_id = $2`, [activity.id, assignment.id]);
      if (called.length === 0) throw new ForbiddenError('Uppdraget är inte kallat till den här aktiviteten.');
    }
    const date = activity.activityDate ?? dto.activityDate ?? stockholmDate(new Date());
    const payer = await payerCodeOfGroup(this.ds.manager, assignment.groupId);
    if ('problem' in payer) throw new ConflictError(payer.problem);
    const tables = await rateTablesFor(this.ds.manager, payer.code);
    try {
      const calc = calculatePerson({
        payerCode: payer.code,
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
        payerCode: payer.code,
      };
    } catch (e) {
      if (e instanceof FeeInputError) throw new InvalidInputError(e.message);
      throw e;
    }
  }
}
