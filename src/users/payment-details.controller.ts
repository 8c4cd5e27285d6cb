import { Controller, Get, Inject, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { PaymentDetailsDto } from './dto/users.dto';
import { PaymentDetailsService } from './payment-details.service';

const personId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Personen finns inte.') });

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PaymentDetailsController {
  constructor(@Inject(PaymentDetailsService) private readonly details: PaymentDetailsService) {}

  @Get(':id/payment-details')
  @Scoped('person', 'id')
  @ApiOperation({ summary: 'Personnummer och bankkonto, bara för personen själv och för ekonomi hos en betalare som har ett uppdrag eller en utbetalning (väntande eller betald) för personen. Varje läsning loggas.' })
  @ApiOkResponse({ type: PaymentDetailsDto })
  @ApiNotFoundResponse({ description: 'Personen finns inte (eller får inte visas för dig).' })
  read(@CurrentUser() reader: AuthUser, @Param('id', personId) id: string, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    return this.details.read(reader, id);
  }
}
