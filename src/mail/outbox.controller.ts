import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { OutboxQueryDto } from './dto/outbox-query.dto';
import { OutboxService } from './outbox.service';

@ApiTags('mail')
@ApiBearerAuth()
@Controller('outbox')
export class OutboxController {
  constructor(private readonly service: OutboxService) {}

  @Get()
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ description: 'Utskickad e-post, senaste först, sida för sida.' })
  list(@Query() q: OutboxQueryDto, @CurrentUser() user: AuthUser) {
    return this.service.list(q, user);
  }
}
