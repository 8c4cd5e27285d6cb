import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../common/errors';
import { CreateWorkingGroupDto } from './dto/create-working-group.dto';
import { WorkingGroupsService } from './working-groups.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Gruppen finns inte.') });

@ApiTags('working-groups')
@Controller('working-groups')
export class WorkingGroupsController {
  constructor(private readonly service: WorkingGroupsService) {}

  @Post()
  @ApiCreatedResponse({ description: 'Gruppen är sparad och dess rekrytering har startat.' })
  create(@Body() dto: CreateWorkingGroupDto) {
    return this.service.create(dto);
  }

  @Get()
  @ApiOkResponse({ description: 'Alla arbetsgrupper.' })
  list() {
    return this.service.list();
  }

  @Get(':id')
  @ApiOkResponse({ description: 'Gruppen med rekryteringens aktuella läge.' })
  get(@Param('id', uuid) id: string) {
    return this.service.get(id);
  }

  @Post(':id/recruitment')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Startar gruppens rekrytering; att starta igen gör ingenting nytt.' })
  async startRecruitment(@Param('id', uuid) id: string) {
    await this.service.startRecruitment(id);
    return this.service.get(id);
  }
}
