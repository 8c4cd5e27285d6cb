import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from './auth-user';
import { CurrentUser, Public } from './auth.decorators';
import type { AuthedRequest } from './auth.guard';
import { AuthService, TooManyRequestsError } from './auth.service';
import { LoginDto, LoginResponseDto, MeResponseDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Logga in med e-post och lösenord; svarar med en bärartoken.' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ description: 'E-post eller lösenord saknas eller har fel form.' })
  @ApiUnauthorizedResponse({ description: 'Fel e-post eller lösenord, eller kontot är tillfälligt spärrat (samma svar).' })
  @ApiTooManyRequestsResponse({ description: 'För många försök från samma adress; se Retry-After.' })
  async login(@Body() dto: LoginDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<LoginResponseDto> {
    try {
      return await this.auth.login({ email: dto.email, password: dto.password }, req.ip ?? req.socket.remoteAddress ?? 'unknown');
    } catch (e) {
      if (e instanceof TooManyRequestsError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Avslutar sessionen; token slutar gälla.' })
  @ApiNoContentResponse({ description: 'Utloggad.' })
  async logout(@CurrentUser() user: AuthUser, @Req() req: AuthedRequest): Promise<void> {
    await this.auth.logout(user, req.authSessionId!);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Den inloggade användaren, dess grupper och när sessionen går ut.' })
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: AuthUser, @Req() req: AuthedRequest): Promise<MeResponseDto> {
    return this.auth.me(user, req.authSessionExpiresAt!);
  }
}
