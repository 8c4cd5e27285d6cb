import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { ReportFeePreviewDto, ReportFeePreviewView } from './dto/report-fee-preview.dto';
import { ReportFeePreviewService } from './report-fee-preview.service';

const assignmentId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });

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
