import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RatesService } from '../rates/rates.service';
import { PayingBodyDto } from './dto/paying-body.dto';

@ApiTags('paying-bodies')
@ApiBearerAuth()
@Controller('paying-bodies')
export class PayingBodiesController {
  constructor(private readonly rates: RatesService) {}

  @Get()
  @ApiOkResponse({ type: [PayingBodyDto], description: 'SKR, de sex sjukvårdsregionerna och de 21 regionerna, med utbetalningsintervall.' })
  list() {
    return this.rates.listPayingBodies();
  }
}
