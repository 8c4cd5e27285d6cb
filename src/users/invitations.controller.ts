import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators';
import { AuthService } from '../auth/auth.service';
import { LoginResponseDto } from '../auth/dto/auth.dto';
import { AcceptInvitationDto, InvitationResultDto, InviteUserDto } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth/invitations')
export class InvitationsController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  @Post()
  @Roles('admin', 'coordinator', 'org-contact')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Bjuder in med en engångslänk via e-post: administratören valfri roll, samordnaren en företrädare som är nominerad till eller har uppdrag i en egen grupp (personId), organisationskontakten en kontakt i den egna organisationen.',
  })
  @ApiForbiddenResponse({ description: 'Du får inte bjuda in med den rollen eller för den organisationen.' })
  @ApiCreatedResponse({ type: InvitationResultDto })
  @ApiBadRequestResponse({ description: 'Roller och behörigheter stämmer inte, eller ett fält är ogiltigt.' })
  @ApiConflictResponse({ description: 'Det finns redan ett konto med e-postadressen.' })
  invite(@CurrentUser() actor: AuthUser, @Body() dto: InviteUserDto) {
    return this.users.invite(actor, dto);
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tar emot inbjudan: sätter lösenordet (en gång) och loggar in.' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ description: 'Ogiltig, använd eller utgången inbjudan, eller ett för kort lösenord.' })
  async accept(@Body() dto: AcceptInvitationDto): Promise<LoginResponseDto> {
    const { userId: id } = await this.users.acceptInvitation(dto.token, dto.password);
    return this.auth.startSession(id, 'invitation');
  }
}
