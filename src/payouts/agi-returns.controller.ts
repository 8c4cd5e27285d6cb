import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { AgiReturnsService } from './agi-returns.service';
import { AgiSettingsDto, AgiSettingsViewDto } from './dto/agi.dto';

const PERIOD = { name: 'period', description: 'Utbetalningsmånaden, ÅÅÅÅ-MM.', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', example: '2026-11' } } as const;
const PAYER = { schema: { type: 'string', maxLength: 50 } } as const;

/** The employer return (arbetsgivardeklaration) per payer and month, and the payer's settings for it (issue 18 #3, #4). */
@ApiTags('agi')
@ApiBearerAuth()
@Controller()
export class AgiReturnsController {
  constructor(private readonly agi: AgiReturnsService) {}

  @Get('paying-bodies/:code/agi-settings')
  @Roles('admin')
  @ApiParam({ name: 'code', ...PAYER })
  @ApiOperation({ summary: 'Betalarens inställningar för arbetsgivardeklarationen (deklarationsdag, HU, specifikationsnummer, kontaktperson).' })
  @ApiOkResponse({ type: AgiSettingsViewDto, description: 'Inställningarna.' })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte.' })
  adminSettings(@Param('code') code: string) {
    return this.agi.settings(code);
  }

  @Put('paying-bodies/:code/agi-settings')
  @Roles('admin')
  @ApiParam({ name: 'code', ...PAYER })
  @ApiOperation({ summary: 'Ändra betalarens inställningar för arbetsgivardeklarationen. Ändringen loggas.' })
  @ApiOkResponse({ type: AgiSettingsViewDto, description: 'Inställningarna efter ändringen.' })
  @ApiBadRequestResponse({ description: 'Fälten är inte giltiga; fältfel i `fields`.' })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte.' })
  updateSettings(@Param('code') code: string, @Body() dto: AgiSettingsDto, @CurrentUser() user: AuthUser) {
    return this.agi.updateSettings(code, dto, user.id);
  }

  @Get('payers/:payerCode/agi-settings')
  @Roles('finance')
  @Scoped('payer', 'payerCode')
  @ApiParam({ name: 'payerCode', ...PAYER })
  @ApiOperation({ summary: 'Min betalares inställningar för arbetsgivardeklarationen (ekonomi).' })
  @ApiOkResponse({ type: AgiSettingsViewDto, description: 'Inställningarna.' })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte, eller är inte din.' })
  financeSettings(@Param('payerCode') payerCode: string) {
    return this.agi.settings(payerCode);
  }

  @Get('payers/:payerCode/agi/:period')
  @Roles('finance')
  @Scoped('payer', 'payerCode')
  @ApiParam({ name: 'payerCode', ...PAYER })
  @ApiParam(PERIOD)
  @ApiOperation({
    summary: 'Arbetsgivardeklarationen för en utbetalningsmånad: individuppgifter (fält 215, 011/131, 001, 050, 570), huvuduppgiftens summor (487, 497) och deklarationsdagen. Åtkomsten loggas.',
  })
  @ApiOkResponse({ description: 'Månadens uppgifter från alla godkända omgångar med utbetalningsdag i månaden.' })
  @ApiBadRequestResponse({ description: 'Månaden är inte ÅÅÅÅ-MM.' })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte, eller är inte din.' })
  async month(@Param('payerCode') payerCode: string, @Param('period') period: string, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    res.setHeader('cache-control', 'no-store');
    return this.agi.month(payerCode, period, user);
  }

  @Get('payers/:payerCode/agi/:period/file')
  @Roles('finance')
  @Scoped('payer', 'payerCode')
  @ApiParam({ name: 'payerCode', ...PAYER })
  @ApiParam(PERIOD)
  @ApiProduces('application/xml')
  @ApiOperation({
    summary: 'Filen till Skatteverket (arbetsgivardeklaration på individnivå, XML enligt teknisk beskrivning 1.1); HU bara när betalarens inställning säger att filen är hela deklarationen. Åtkomsten loggas.',
  })
  @ApiOkResponse({ description: 'XML-filen.' })
  @ApiBadRequestResponse({ description: 'Månaden är inte ÅÅÅÅ-MM.' })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte, eller är inte din.' })
  @ApiConflictResponse({ description: 'Betalaren saknar organisationsnummer eller kontaktperson, eller månaden har inga godkända utbetalningar.' })
  async file(@Param('payerCode') payerCode: string, @Param('period') period: string, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const { fileName, xml } = await this.agi.file(payerCode, period, user);
    res.setHeader('content-type', 'application/xml; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
    res.setHeader('cache-control', 'no-store');
    res.send(xml);
  }
}
