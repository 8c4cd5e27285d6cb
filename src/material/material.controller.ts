import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { YEAR_PARAM, YearPipe } from '../common/year-pipe';
import { MaterialPolicyDto, MaterialTimelinessDto, SetMaterialPolicyDto } from './dto/material.dto';
import { MaterialService } from './material.service';

const groupId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Gruppen finns inte.') });

/** Material on time (issue 19 #3): the group's notice policy and its meetings' material against it. */
@ApiTags('material')
@ApiBearerAuth()
@Controller('working-groups/:groupId')
export class MaterialController {
  constructor(private readonly material: MaterialService) {}

  @Get('material')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'groupId')
  @ApiQuery({ ...YEAR_PARAM, required: true })
  @ApiOperation({ summary: 'Gruppens möten under året och om underlaget skickades i tid enligt gruppens policy (samordnare).' })
  @ApiOkResponse({ type: MaterialTimelinessDto })
  @ApiBadRequestResponse({ description: 'Året är inget årtal.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte.' })
  timeliness(@Param('groupId', groupId) id: string, @Query('year', new YearPipe()) year: number) {
    return this.material.timelinessForGroupYear(id, year);
  }

  @Get('material/late')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'groupId')
  @ApiQuery({ ...YEAR_PARAM, required: true })
  @ApiOperation({ summary: 'Årets möten vars underlag skickades för sent eller inte skickades i tid (underlag för årsrapporten).' })
  @ApiOkResponse({ type: MaterialTimelinessDto })
  @ApiBadRequestResponse({ description: 'Året är inget årtal.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte.' })
  late(@Param('groupId', groupId) id: string, @Query('year', new YearPipe()) year: number) {
    return this.material.lateForGroupYear(id, year);
  }

  @Get('material-policy')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'groupId')
  @ApiOperation({ summary: 'Gruppens policy för underlag: hur många dagar före mötet det ska skickas.' })
  @ApiOkResponse({ type: MaterialPolicyDto })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte.' })
  policy(@Param('groupId', groupId) id: string) {
    return this.material.policy(id);
  }

  @Put('material-policy')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'groupId')
  @ApiOperation({ summary: 'Ändra gruppens policy för underlag (samordnare, administratör): 1–60 dagar före mötet.' })
  @ApiOkResponse({ type: MaterialPolicyDto })
  @ApiBadRequestResponse({ description: 'Antalet dagar är inte giltigt.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte.' })
  setPolicy(@Param('groupId', groupId) id: string, @Body() dto: SetMaterialPolicyDto, @CurrentUser() user: AuthUser) {
    return this.material.setPolicy(id, dto.noticeDays, user);
  }
}
