import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { PreviewFeesDto } from './dto/preview-fees.dto';
import { FeesService } from './fees.service';

@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees')
export class FeesController {
  constructor(private readonly fees: FeesService) {}

  @Post('preview')
  @HttpCode(200)
  @Roles('finance', 'coordinator', 'admin')
  @ApiOkResponse({ description: 'Arvodesrader (nivå, belopp, regel, tabell), reseersättning, arbetsgivaravgifter, skatteavdrag och summor.' })
  @ApiBadRequestResponse({ description: 'Ogiltiga uppgifter, med ett meddelande per fält.' })
  preview(@Body() dto: PreviewFeesDto) {
    return this.fees.preview(dto);
  }
}
