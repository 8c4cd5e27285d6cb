import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import {
  AvailablePersonDto,
  DiversityFiguresDto,
  DiversityScopesDto,
  GroupStaffingDto,
  MyAvailabilityDto,
  MyDiversityDto,
  OrganisationLastAskedPageDto,
  OrganisationsLastAskedQuery,
  RepresentationSettingsDto,
  SaveDiversityDto,
  SetAvailabilityDto,
  UpdateRepresentationSettingsDto,
  WorkloadDto,
} from './dto/representation.dto';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { HEALTHCARE_REGIONS, type HealthcareRegion } from '../working-groups/working-group.entity';
import { NPO_NOT_FOUND, RepresentationService } from './representation.service';

const npoId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError(NPO_NOT_FOUND) });

/**
 * Representativeness and workload (issue 19 #2) for coordinators and administrators: staffing against the minimum,
 * how many assignments people and organisations hold, who is free, whom nobody asked for a while, and aggregate
 * diversity figures. Everyone else: 403.
 */
@ApiTags('representation')
@ApiBearerAuth()
@Controller('representation')
export class RepresentationController {
  constructor(@Inject(RepresentationService) private readonly service: RepresentationService) {}

  @Get('groups')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Per grupp: aktiva företrädare mot minimum och sedan när gruppen har för få (samordnare: sina grupper; administratör: alla).' })
  @ApiOkResponse({ type: [GroupStaffingDto] })
  groups(@CurrentUser() user: AuthUser) {
    return this.service.staffing(user);
  }

  @Get('workload')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Hur många pågående uppdrag personer (i samordnarens grupper) och organisationer har i alla grupper, med varning över gränsen.',
  })
  @ApiOkResponse({ type: WorkloadDto })
  workload(@CurrentUser() user: AuthUser) {
    return this.service.workload(user);
  }

  @Get('available')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Personer som har sagt att de kan ta ett uppdrag till, de som väntat längst först.' })
  @ApiOkResponse({ type: [AvailablePersonDto] })
  available() {
    return this.service.available();
  }

  @Get('organisations-by-last-request')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Organisationer efter senaste nomineringsförfrågan: aldrig tillfrågade först, sedan de som frågades för längst sedan.' })
  @ApiOkResponse({ type: OrganisationLastAskedPageDto })
  organisations(@Query() q: OrganisationsLastAskedQuery) {
    return this.service.organisationsByLastRequest(q);
  }

  @Get('settings')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Gränserna för när en persons eller organisations antal uppdrag ger en varning.' })
  @ApiOkResponse({ type: RepresentationSettingsDto })
  settings() {
    return this.service.settings();
  }

  @Patch('settings')
  @Roles('admin')
  @ApiOperation({ summary: 'Ändra gränserna (administratör); bara de fält som anges ändras. Ändringen loggas.' })
  @ApiOkResponse({ type: RepresentationSettingsDto })
  @ApiBadRequestResponse({ description: 'En gräns är inte ett heltal inom sina gränser.' })
  updateSettings(@Body() dto: UpdateRepresentationSettingsDto, @CurrentUser() user: AuthUser) {
    return this.service.updateSettings(dto, user);
  }

  @Get('diversity/scopes')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Vad mångfaldssiffror kan visas för: programområdena (NPO) och sjukvårdsregionerna.' })
  @ApiOkResponse({ type: DiversityScopesDto })
  diversityScopes() {
    return this.service.diversityScopes();
  }

  @Get('diversity/national')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Sammanställda mångfaldssiffror (samtyckta svar) för hela landet.',
    description: 'Aldrig per person. Färre än 5 samtyckande personer: inga siffror, och svaret säger varför. Varje grupp med färre än 5 döljs.',
  })
  @ApiOkResponse({ type: DiversityFiguresDto })
  national() {
    return this.service.diversity({ scope: 'national' });
  }

  @Get('diversity/regions/:region')
  @Roles('coordinator', 'admin')
  @ApiParam({ name: 'region', enum: HEALTHCARE_REGIONS, description: 'Sjukvårdsregionen: grupperna den är värd för (en NAG genom sitt NPO).' })
  @ApiOperation({ summary: 'Sammanställda mångfaldssiffror för grupperna i en sjukvårdsregion (aldrig per person, aldrig för färre än 5).' })
  @ApiOkResponse({ type: DiversityFiguresDto })
  @ApiBadRequestResponse({ description: 'Ingen sjukvårdsregion med det namnet.' })
  region(@Param('region') region: string) {
    if (!(HEALTHCARE_REGIONS as readonly string[]).includes(region)) {
      throw new InvalidInputError('Ange en sjukvårdsregion.', { region: [`Sjukvårdsregionen måste vara en av ${HEALTHCARE_REGIONS.join(', ')}.`] });
    }
    return this.service.diversity({ scope: 'region', region: region as HealthcareRegion });
  }

  @Get('diversity/npos/:groupId')
  @Roles('coordinator', 'admin')
  @ApiParam({ name: 'groupId', format: 'uuid', description: 'Programområdets (NPO:s) id; siffrorna gäller det och dess arbetsgrupper.' })
  @ApiOperation({ summary: 'Sammanställda mångfaldssiffror för ett programområde med dess arbetsgrupper, med varning där en åldersgrupp saknas.' })
  @ApiOkResponse({ type: DiversityFiguresDto })
  @ApiNotFoundResponse({ description: 'Programområdet finns inte.' })
  npo(@Param('groupId', npoId) groupId: string) {
    return this.service.diversity({ scope: 'npo', groupId });
  }
}

/** The person's own choices on their page: whether they would take another assignment, and their diversity answers. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MyRepresentationController {
  constructor(@Inject(RepresentationService) private readonly service: RepresentationService) {}

  @Get('availability')
  @Roles('representative')
  @ApiOperation({ summary: 'Om jag har sagt att jag kan ta ett uppdrag till.' })
  @ApiOkResponse({ type: MyAvailabilityDto })
  availability(@CurrentUser() user: AuthUser) {
    return this.service.myAvailability(user);
  }

  @Put('availability')
  @Roles('representative')
  @ApiOperation({ summary: 'Säg att jag kan (eller inte kan) ta ett uppdrag till; samordnare ser då mitt namn, min e-post och hur många uppdrag jag har.' })
  @ApiOkResponse({ type: MyAvailabilityDto })
  setAvailability(@Body() dto: SetAvailabilityDto, @CurrentUser() user: AuthUser) {
    return this.service.setMyAvailability(user, dto.available);
  }

  @Get('diversity')
  @Roles('representative')
  @ApiOperation({ summary: 'Mina egna svar om mångfald och mitt samtycke (bara jag ser dem).' })
  @ApiOkResponse({ type: MyDiversityDto })
  diversity(@CurrentUser() user: AuthUser) {
    return this.service.myDiversity(user);
  }

  @Put('diversity')
  @Roles('representative')
  @ApiOperation({ summary: 'Spara mina svar om mångfald, med mitt samtycke (frivilligt; varje fråga kan lämnas obesvarad).' })
  @ApiOkResponse({ type: MyDiversityDto })
  @ApiBadRequestResponse({ description: 'Samtycke saknas, eller ett svar är inte ett av alternativen.' })
  saveDiversity(@Body() dto: SaveDiversityDto, @CurrentUser() user: AuthUser) {
    return this.service.saveMyDiversity(user, dto);
  }

  @Delete('diversity')
  @HttpCode(200)
  @Roles('representative')
  @ApiOperation({ summary: 'Återkalla mitt samtycke: mina svar raderas direkt och räknas inte längre in i några siffror.' })
  @ApiOkResponse({ type: MyDiversityDto })
  withdrawDiversity(@CurrentUser() user: AuthUser) {
    return this.service.withdrawMyDiversity(user);
  }
}
