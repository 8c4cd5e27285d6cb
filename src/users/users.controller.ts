import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { AccessDto, InvitationResultDto, InviteUserDto, ListUsersQuery, UserPageDto, UserViewDto } from './dto/users.dto';
import { UsersService } from './users.service';

const userId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Användaren finns inte.') });

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Användare, sidvis, filtrerade på roll, status, organisation, grupp eller söktext.' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() q: ListUsersQuery) {
    return this.users.list(q);
  }

  @Post()
  @ApiOperation({ summary: 'Skapar en användare med roller och behörighet och skickar en inbjudan att välja lösenord.' })
  @ApiCreatedResponse({ type: InvitationResultDto })
  @ApiBadRequestResponse({ description: 'Roller och behörigheter stämmer inte, eller ett fält är ogiltigt.' })
  @ApiConflictResponse({ description: 'Det finns redan ett konto med e-postadressen eller för personen.' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: InviteUserDto) {
    return this.users.invite(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserViewDto })
  @ApiNotFoundResponse({ description: 'Användaren finns inte.' })
  get(@Param('id', userId) id: string) {
    return this.users.get(id);
  }

  @Put(':id/access')
  @ApiOperation({ summary: 'Sätter användarens roller och behörighet (personpost, organisation, betalare, grupper).' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiBadRequestResponse({ description: 'Roller och behörigheter stämmer inte.' })
  setAccess(@CurrentUser() actor: AuthUser, @Param('id', userId) id: string, @Body() dto: AccessDto) {
    return this.users.setAccess(actor, id, dto);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stänger av kontot: ingen inloggning, alla sessioner avslutas.' })
  @ApiOkResponse({ type: UserViewDto })
  disable(@CurrentUser() actor: AuthUser, @Param('id', userId) id: string) {
    return this.users.disable(actor, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Öppnar ett avstängt konto igen.' })
  @ApiOkResponse({ type: UserViewDto })
  enable(@CurrentUser() actor: AuthUser, @Param('id', userId) id: string) {
    return this.users.enable(actor, id);
  }
}
