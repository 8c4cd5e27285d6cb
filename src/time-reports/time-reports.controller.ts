import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { AttestTimeReportDto, ClaimPolicyDto, CreateTimeReportDto, ListTimeReportsQueryDto, ReceiptUploadDto, UpdateTimeReportDto } from './dto/time-report.dto';
import { ReceiptUploadInterceptor } from './receipt-upload.interceptor';
import { TimeReportsService, UploadedReceipt } from './time-reports.service';
import { ReceiptViewDto, TimeReportViewDto } from './dto/time-report-view.dto';

const reportId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Tidrapporten finns inte.') });
const receiptId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Kvittot finns inte.') });
const groupId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Gruppen finns inte.') });

@ApiTags('time-reports')
@ApiBearerAuth()
@Controller()
export class TimeReportsController {
  constructor(private readonly service: TimeReportsService) {}

  @Post('time-reports')
  @Roles('representative')
  @ApiOperation({ summary: 'Rapportera ett möte eller en aktivitet (sparas som utkast tills den skickas in).' })
  @ApiCreatedResponse({ type: TimeReportViewDto, description: 'Rapporten är sparad.' })
  create(@Body() dto: CreateTimeReportDto, @CurrentUser() user: AuthUser) {
    return this.service.create(dto, user);
  }

  @Get('time-reports')
  @Roles('representative')
  @ApiOperation({ summary: 'Mina tidrapporter, med attest och utbetalning.' })
  @ApiOkResponse({ type: [TimeReportViewDto] })
  listOwn(@Query() q: ListTimeReportsQueryDto, @CurrentUser() user: AuthUser) {
    return this.service.listOwn(user, q);
  }

  @Get('time-reports/reminders')
  @Roles('representative')
  @ApiOperation({ summary: 'Påminnelser om ersättningsanspråk vars sista dag närmar sig.' })
  reminders(@CurrentUser() user: AuthUser) {
    return this.service.remindersOf(user);
  }

  @Get('working-groups/:id/time-reports')
  @Scoped('group', 'id')
  @ApiOperation({ summary: 'Gruppens tidrapporter för attest (standard: inskickade).' })
  @ApiOkResponse({ type: [TimeReportViewDto] })
  listForGroup(@Param('id', groupId) id: string, @Query() q: ListTimeReportsQueryDto) {
    return this.service.listForGroup(id, q);
  }

  @Get('time-reports/:id')
  @Scoped('time-report', 'id')
  @ApiOkResponse({ type: TimeReportViewDto, description: 'Rapporten, dess kvitton, attest (med skäl) och utbetalning.' })
  get(@Param('id', reportId) id: string) {
    return this.service.get(id);
  }

  @Patch('time-reports/:id')
  @Roles('representative')
  @Scoped('time-report', 'id')
  @ApiOperation({ summary: 'Ändra en rapport som inte är attesterad; en avslagen blir utkast igen.' })
  @ApiOkResponse({ type: TimeReportViewDto })
  update(@Param('id', reportId) id: string, @Body() dto: UpdateTimeReportDto, @CurrentUser() user: AuthUser) {
    return this.service.update(id, dto, user);
  }

  @Delete('time-reports/:id')
  @HttpCode(204)
  @Roles('representative')
  @Scoped('time-report', 'id')
  @ApiNoContentResponse({ description: 'Rapporten är borttagen.' })
  async remove(@Param('id', reportId) id: string, @CurrentUser() user: AuthUser) {
    await this.service.remove(id, user);
  }

  @Post('time-reports/:id/submit')
  @HttpCode(200)
  @Roles('representative')
  @Scoped('time-report', 'id')
  @ApiOperation({ summary: 'Skicka in rapporten till samordnaren för attest.' })
  @ApiOkResponse({ type: TimeReportViewDto })
  submit(@Param('id', reportId) id: string, @CurrentUser() user: AuthUser) {
    return this.service.submit(id, user);
  }

  @Post('time-reports/:id/receipts')
  @Roles('representative')
  @Scoped('time-report', 'id')
  @UseInterceptors(ReceiptUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'PDF, JPEG eller PNG, högst 10 MB.' }, receiptDate: { type: 'string', example: '2026-09-10' } },
    },
  })
  @ApiCreatedResponse({ type: ReceiptViewDto, description: 'Kvittot är sparat (samma fil två gånger ger samma kvitto).' })
  addReceipt(
    @Param('id', reportId) id: string,
    @UploadedFile() file: UploadedReceipt | undefined,
    @Body() dto: ReceiptUploadDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.service.addReceipt(id, file, dto.receiptDate, user);
  }

  @Get('time-reports/:id/receipts/:receiptId')
  @Scoped('time-report', 'id')
  @ApiOkResponse({ description: 'Kvittofilen.' })
  async getReceipt(@Param('id', reportId) id: string, @Param('receiptId', receiptId) rid: string, @Res() res: Response) {
    const { receipt, content } = await this.service.getReceipt(id, rid);
    res.setHeader('content-type', receipt.contentType);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(receipt.fileName)}`);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('digest', `sha-256=${Buffer.from(receipt.sha256, 'hex').toString('base64')}`);
    res.send(content);
  }

  @Delete('time-reports/:id/receipts/:receiptId')
  @HttpCode(204)
  @Roles('representative')
  @Scoped('time-report', 'id')
  async removeReceipt(@Param('id', reportId) id: string, @Param('receiptId', receiptId) rid: string, @CurrentUser() user: AuthUser) {
    await this.service.removeReceipt(id, rid, user);
  }

  @Post('time-reports/:id/attestation')
  @HttpCode(200)
  @Roles('coordinator')
  @Scoped('time-report', 'id')
  @ApiOperation({ summary: 'Samordnarens attest: godkänn, justera (med skäl) eller avslå (med skäl) raden.' })
  @ApiOkResponse({ type: TimeReportViewDto })
  attest(@Param('id', reportId) id: string, @Body() dto: AttestTimeReportDto, @CurrentUser() user: AuthUser) {
    return this.service.attest(id, dto, user);
  }

  @Get('claim-policies/:scope')
  @ApiOperation({ summary: 'Regler för ersättningsanspråk: `default` eller en betalares kod.' })
  getPolicy(@Param('scope') scope: string) {
    return this.service.getPolicy(scope);
  }

  @Put('claim-policies/:scope')
  @Roles('admin')
  @ApiOperation({ summary: 'Ändra reglerna för ersättningsanspråk (administratör).' })
  putPolicy(@Param('scope') scope: string, @Body() dto: ClaimPolicyDto, @CurrentUser() user: AuthUser) {
    return this.service.putPolicy(scope, dto, user);
  }
}
