import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { FeeScheduleView, ReportFeePreviewDto, ReportFeePreviewView, TimeReportAmountsView } from './dto/report-fee-preview.dto';
import { ReportFeePreviewService } from './report-fee-preview.service';

const assignmentId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });
const reportId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Tidrapporten finns inte.') });

/**
 * The amount a report would be paid (issue 17 #7): the same engine and inputs as the payout run
 * (`calculatePerson` in src/payouts/payout-calculation.ts) for one line of this assignment against the activity,
 * with receipts assumed present. Fee and travel only: tax and contributions depend on the year's other pay.
 */
@ApiTags('time-reports')
@ApiBearerAuth()
@Controller('assignments/:assignmentId/fee-preview')
export class ReportFeePreviewController {
  constructor(@Inject(ReportFeePreviewService) private readonly service: ReportFeePreviewService) {}

  @Post()
  @HttpCode(200)
  @Roles('representative', 'coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  @ApiOperation({ summary: 'Vad en rapport mot aktiviteten skulle ge i arvode och reseersättning (före skatt), med samma beräkning som utbetalningen.' })
  @ApiOkResponse({ type: ReportFeePreviewView })
  preview(@Param('assignmentId', assignmentId) id: string, @Body() dto: ReportFeePreviewDto): Promise<ReportFeePreviewView> {
    return this.service.preview(id, dto);
  }
}

/**
 * What attesting a time report as reported pays (issue 17 #6, the attest card): fee, travel and the employer
 * contributions on top, by the payout's own calculation. For whoever may see the report.
 */
@ApiTags('time-reports')
@ApiBearerAuth()
@Controller('time-reports/:id/amounts')
export class TimeReportAmountsController {
  constructor(@Inject(ReportFeePreviewService) private readonly service: ReportFeePreviewService) {}

  @Get()
  @Roles('representative', 'coordinator', 'admin')
  @Scoped('time-report', 'id')
  @ApiOperation({ summary: 'Vad rapporten ger i arvode, reseersättning och arbetsgivaravgifter om den attesteras som rapporterad (samma beräkning som utbetalningen).' })
  @ApiOkResponse({ type: TimeReportAmountsView })
  @ApiNotFoundResponse({ description: 'Tidrapporten finns inte.' })
  amounts(@Param('id', reportId) id: string): Promise<TimeReportAmountsView> {
    return this.service.amountsOf(id);
  }
}

/** What the assignment pays per meeting (issue 17 #7, the offer): the fee of each tier, by the payout's own calculation. */
@ApiTags('time-reports')
@ApiBearerAuth()
@Controller('assignments/:assignmentId/fee-schedule')
export class FeeScheduleController {
  constructor(@Inject(ReportFeePreviewService) private readonly service: ReportFeePreviewService) {}

  @Get()
  @Roles('representative', 'coordinator', 'admin')
  @Scoped('assignment', 'assignmentId')
  @ApiOperation({ summary: 'Arvodet per möte i uppdraget (heldag, halvdag, kortare; eller per timme) med betalarens gällande taxetabell, före skatt.' })
  @ApiOkResponse({ type: FeeScheduleView })
  @ApiNotFoundResponse({ description: 'Uppdraget finns inte.' })
  schedule(@Param('assignmentId', assignmentId) id: string): Promise<FeeScheduleView> {
    return this.service.feeSchedule(id);
  }
}
