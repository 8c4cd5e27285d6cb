import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { PayingBodySettingsPatchDto } from './dto/paying-body-settings.dto';
import { PayingBodySettingsViewDto } from './dto/paying-body-settings-view.dto';
import { PayingBodySettingsService } from './paying-body-settings.service';

const CODE = { description: 'Betalarens kod: SKR (eller SKL), en sjukvårdsregion som sodra eller en region som region-skane.', schema: { type: 'string', minLength: 1, maxLength: 40 } } as const;

/**
 * A paying body's own settings (issue 18 #6): administrators read and change them for every body
 * (`/paying-bodies/:code/settings`); finance reads its own payer's (`/payers/:payerCode/settings`).
 */
@ApiTags('paying-bodies')
@ApiBearerAuth()
@Controller()
export class PayingBodySettingsController {
  constructor(private readonly settings: PayingBodySettingsService) {}

  @Get('paying-bodies/:code/settings')
  @Roles('admin')
  @ApiParam({ name: 'code', ...CODE })
  @ApiOperation({
    summary:
      'Betalarens inställningar: organisationsnummer, eget konto (maskerat), betalfilens version och syfte, utbetalningsintervall, F-skattepolicy med kontakt och hur ofta jävsdeklarationen förnyas.',
  })
  @ApiOkResponse({ type: PayingBodySettingsViewDto, description: 'Inställningarna, och vad som saknas innan en utbetalning kan godkännas (missingForPayment).' })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte.' })
  get(@Param('code') code: string) {
    return this.settings.get(code);
  }

  @Patch('paying-bodies/:code/settings')
  @Roles('admin')
  @ApiParam({ name: 'code', ...CODE })
  @ApiOperation({
    summary: 'Ändra betalarens inställningar (administratör); bara de fält som anges ändras, null tar bort en inställning. Ändringen loggas.',
    description:
      'Organisationsnumret kontrolleras (kontrollsiffra), kontot mot clearingnumrets bank och kontrollsiffra eller IBAN:s kontrollsiffror, BIC till formen. SALA kräver salaryPaymentAgreement. Utbetalningsintervallet gäller från nästa omgång. F-skattepolicyn gäller från nästa gång en mottagare lämnar sina uppgifter; förnyelsen av jävsdeklarationen (1–36 månader, rutinen §4.3) från nästa granskning.',
  })
  @ApiOkResponse({ type: PayingBodySettingsViewDto, description: 'De nya inställningarna.' })
  @ApiBadRequestResponse({
    description: 'Ett fält är inte giltigt (organisationsnummer, konto, BIC, syfte utan löneavtal, F-skattepolicy, förnyelse utanför 1–36 månader); ett meddelande per fält i `fields`.',
  })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte.' })
  @ApiConflictResponse({ description: 'Utbetalningsintervallet ändras inte medan ett utkast till utbetalning väntar.' })
  update(@Param('code') code: string, @Body() dto: PayingBodySettingsPatchDto, @CurrentUser() user: AuthUser) {
    return this.settings.update(code, dto, user);
  }

  @Get('payers/:payerCode/settings')
  @Roles('finance')
  @Scoped('payer', 'payerCode')
  @ApiOperation({ summary: 'Min betalares inställningar (ekonomi): organisationsnummer, eget konto (maskerat), betalfil och intervall.' })
  @ApiOkResponse({ type: PayingBodySettingsViewDto, description: 'Inställningarna, och vad som saknas innan en utbetalning kan godkännas (missingForPayment).' })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte, eller är inte din.' })
  own(@Param('payerCode') payerCode: string) {
    return this.settings.get(payerCode);
  }
}
