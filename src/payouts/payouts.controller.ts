import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { contentDisposition } from '../common/content-disposition';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { stockholmDate } from '../time-reports/business-dates';
import { PayoutReasonDto, PayoutWorklistDto, StartPayoutRunDto, YearQueryDto } from './dto/payouts.dto';
import { PayoutsService } from './payouts.service';
import { BatchViewDto, PayoutBatchDto } from './dto/payout-view.dto';
import { PersonYearDto, YearlySummaryDto } from './dto/payout-year.dto';

const batchId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Utbetalningsomgången finns inte.') });
const lineId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Raden finns inte.') });
const personId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Personen finns inte.') });
const thisYear = () => Number(stockholmDate(new Date()).slice(0, 4));

/** Payout runs for finance (ekonomi) of one paying body; the representative's own payouts and slips. */
@ApiTags('payouts')
@ApiBearerAuth()
@Controller()
export class PayoutsController {
  constructor(private readonly service: PayoutsService) {}

  @Post('payers/:payerCode/payout-runs')
  @HttpCode(202)
  @Roles('finance')
  @Scoped('payer', 'payerCode')
  @ApiOperation({
    summary: 'Starta betalarens utbetalning för en avslutad period för hand (att starta igen hittar samma omgång).',
    description:
      'En omgång gäller en avslutad period: från dagen efter periodens sista dag (Europe/Stockholm). Med `supplementary: true` en kompletteringsomgång för perioden: de attesterade raderna i perioden som inte finns i någon väntande eller utbetald rad (attesterade efter godkännandet, eller innehållna). Två som startas samtidigt blir en omgång.',
  })
  @ApiAcceptedResponse({ description: 'Omgången är startad (eller fanns redan); utkastet följer med när det hunnit sammanställas (annars `batch: null`).' })
  @ApiBadRequestResponse({ description: 'Perioden är inte ÅÅÅÅ-MM/ÅÅÅÅ-Qn, passar inte betalarens frekvens eller har inte börjat; fältfel i `fields`.' })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte, eller är inte din.' })
  @ApiConflictResponse({
    description:
      'Perioden har inte tagit slut (meddelandet säger från vilket datum omgången kan göras); eller, för en kompletteringsomgång: periodens ordinarie omgång saknas eller väntar på godkännande, eller det finns inget att komplettera.',
  })
  start(@Param('payerCode') payerCode: string, @Body() dto: StartPayoutRunDto, @CurrentUser() user: AuthUser) {
    return this.service.startRun(payerCode, dto.period, user, dto.supplementary === true);
  }

  @Get('payers/:payerCode/payout-runs')
  @Roles('finance')
  @Scoped('payer', 'payerCode')
  @ApiOperation({ summary: 'Betalarens utbetalningsomgångar, senaste perioden först.' })
  @ApiOkResponse({ type: [PayoutBatchDto] })
  list(@Param('payerCode') payerCode: string) {
    return this.service.list(payerCode);
  }

  @Get('payers/:payerCode/payout-worklist')
  @Roles('finance')
  @Scoped('payer', 'payerCode')
  @ApiOperation({
    summary: 'Attesterade rader som väntar på en utbetalning, per period, med vad som händer med dem och när, och nästa ordinarie omgångs dag.',
  })
  @ApiOkResponse({ type: PayoutWorklistDto })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte, eller är inte din.' })
  worklist(@Param('payerCode') payerCode: string): Promise<PayoutWorklistDto> {
    return this.service.worklist(payerCode);
  }

  @Get('payers/:payerCode/yearly-summary')
  @Roles('finance')
  @Scoped('payer', 'payerCode')
  @ApiOperation({ summary: 'Årssammanställning per person: vad betalaren betalat ut under året (godkända utbetalningar).' })
  @ApiOkResponse({ type: YearlySummaryDto })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte, eller är inte din.' })
  yearly(@Param('payerCode') payerCode: string, @Query() q: YearQueryDto) {
    return this.service.yearlySummary(payerCode, q.year ?? thisYear());
  }

  @Get('payout-runs/:id')
  @Roles('finance')
  @Scoped('batch', 'id')
  @ApiOkResponse({ type: BatchViewDto, description: 'Omgången med personer, rader, belopp och regler, och varningar (warnings) om betalningsuppgifter som ändrats sedan betalarens förra godkända omgång.' })
  get(@Param('id', batchId) id: string) {
    return this.service.get(id);
  }

  @Post('payout-runs/:id/lines/:lineId/hold')
  @HttpCode(200)
  @Roles('finance')
  @Scoped('batch', 'id')
  @ApiOperation({ summary: 'Håll inne en rad (med skäl); den följer med nästa utbetalning.' })
  hold(@Param('id', batchId) id: string, @Param('lineId', lineId) line: string, @Body() dto: PayoutReasonDto, @CurrentUser() user: AuthUser) {
    return this.service.holdLine(id, line, dto.reason, user);
  }

  @Post('payout-runs/:id/approve')
  @HttpCode(200)
  @Roles('finance')
  @Scoped('batch', 'id')
  @ApiOperation({ summary: 'Godkänn utbetalningen (ekonomi hos betalaren); först då är den slutlig. Först när perioden har tagit slut.' })
  @ApiConflictResponse({
    description:
      'Perioden har inte tagit slut, omgången är avbruten, beloppen räknades om (granska och godkänn igen), den sammanställs fortfarande, betalaren saknar eget giltigt bankkonto, eller personer saknar personnummer eller bankkonto (listan säger vem som saknar vad).',
  })
  approve(@Param('id', batchId) id: string, @CurrentUser() user: AuthUser) {
    return this.service.approve(id, user);
  }

  @Post('payout-runs/:id/cancel')
  @HttpCode(200)
  @Roles('finance')
  @Scoped('batch', 'id')
  @ApiOperation({ summary: 'Avslå hela utkastet (med skäl); alla rader följer med nästa utbetalning.' })
  cancel(@Param('id', batchId) id: string, @Body() dto: PayoutReasonDto, @CurrentUser() user: AuthUser) {
    return this.service.cancel(id, dto.reason, user);
  }

  @Get('payout-runs/:id/payments.csv')
  @Roles('finance')
  @Scoped('batch', 'id')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Betalfil för banken (personnummer, konto, nettobelopp, referens). Åtkomsten loggas.' })
  async exportCsv(@Param('id', batchId) id: string, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const { fileName, csv } = await this.service.exportCsv(id, user);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', contentDisposition(fileName));
    res.setHeader('cache-control', 'no-store');
    res.send(csv);
  }

  @Get('payout-runs/:id/payments.xml')
  @Roles('finance')
  @Scoped('batch', 'id')
  @ApiProduces('application/xml')
  @ApiOperation({
    summary: 'Betalfil för banken enligt ISO 20022 (pain.001.001.09, eller .03 enligt betalarens inställning): en betalning per person från betalarens eget konto. Åtkomsten loggas.',
  })
  @ApiOkResponse({ description: 'Filen (application/xml), att läsa in i bankens filöverföring.' })
  @ApiNotFoundResponse({ description: 'Omgången finns inte, eller är inte din.' })
  @ApiConflictResponse({
    description: 'Omgången är inte godkänd, betalaren saknar eget giltigt konto, eller ett fryst konto klarar inte bankernas kontroll (listan säger vems).',
  })
  async exportPain(@Param('id', batchId) id: string, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const { fileName, xml } = await this.service.exportPain(id, user);
    res.setHeader('content-type', 'application/xml; charset=utf-8');
    res.setHeader('content-disposition', contentDisposition(fileName));
    res.setHeader('cache-control', 'no-store');
    res.send(xml);
  }

  @Get('payout-runs/:id/agi')
  @Roles('finance')
  @Scoped('batch', 'id')
  @ApiOperation({ summary: 'Uppgifter per person till arbetsgivardeklarationen (fält 215, 011/131, 001, ruta 050). Åtkomsten loggas.' })
  async agi(@Param('id', batchId) id: string, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    res.setHeader('cache-control', 'no-store');
    return this.service.agi(id, user);
  }

  @Get('payout-runs/:id/slips/:personId')
  @Roles('finance')
  @Scoped('batch', 'id')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Utbetalningsspecifikationen (PDF) för en person i en godkänd utbetalning.' })
  async slip(@Param('id', batchId) id: string, @Param('personId', personId) person: string, @CurrentUser() user: AuthUser, @Res() res: Response) {
    return this.sendSlip(await this.service.slip(id, person, user), res);
  }

  @Get('people/:personId/payouts')
  @Scoped('person', 'personId')
  @ApiOperation({ summary: 'En persons utbetalningar och årssammanställning per betalare (personen själv, eller ekonomi för sin betalare).' })
  @ApiOkResponse({ type: PersonYearDto })
  @ApiNotFoundResponse({ description: 'Personen finns inte, eller är inte din att se.' })
  personYear(@Param('personId', personId) person: string, @Query() q: YearQueryDto, @CurrentUser() user: AuthUser) {
    return this.service.personYear(person, q.year ?? thisYear(), user);
  }

  @Get('people/:personId/payouts/:id/slip')
  @Scoped('person', 'personId')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Min utbetalningsspecifikation (PDF).' })
  async ownSlip(@Param('personId', personId) person: string, @Param('id', batchId) id: string, @CurrentUser() user: AuthUser, @Res() res: Response) {
    return this.sendSlip(await this.service.slip(id, person, user), res);
  }

  private sendSlip(slip: { fileName: string; content: Buffer }, res: Response) {
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', contentDisposition(slip.fileName));
    res.setHeader('cache-control', 'no-store');
    res.send(slip.content);
  }
}
