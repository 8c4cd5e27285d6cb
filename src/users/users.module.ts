import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger';
import { PaymentDetailsService } from './payment-details.service';
import { TaskRegistry } from './tasks';
import { InvitationsController } from './invitations.controller';
import { MeController } from './me.controller';
import { MyAssignmentsService } from './my-assignments.service';
import { PaymentDetailsController } from './payment-details.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Accounts (invitations, the administrator's user management), people's payment details for the person and
 * finance, and the logged-in user's tasks. Creates the bootstrap administrator at start when configured.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [UsersController, InvitationsController, PaymentDetailsController, MeController],
  providers: [UsersService, PaymentDetailsService, TaskRegistry, MyAssignmentsService],
  exports: [UsersService, TaskRegistry],
})
export class UsersModule implements OnApplicationBootstrap {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap() {
    const outcome = await this.users.ensureBootstrapAdmin();
    if (outcome === 'created') this.logger.info('bootstrap administrator created (BOOTSTRAP_ADMIN_EMAIL)');
  }
}
