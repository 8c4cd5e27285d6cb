import { Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { ScopeRule, ScopeRuleFor } from '../auth/scope-rule';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DocumentStoreModule } from '../documents/document-store.module';
import { LOGGER } from '../logging/logger';
import { PayingBodiesModule } from '../paying-bodies/paying-bodies.module';
import { AgiReturnsController } from './agi-returns.controller';
import { AgiReturnsService } from './agi-returns.service';
import { ensurePayoutSchedule } from './payout-schedule';
import { PayoutsController } from './payouts.controller';
import { PayoutsRepository } from './payouts.repository';
import { PayoutsService } from './payouts.service';

/** A payout batch is visible to finance of its payer and to administrators; anyone else gets 404. */
@Injectable()
@ScopeRuleFor({ kind: 'batch' })
export class BatchScopeRule implements ScopeRule {
  constructor(@Inject(PayoutsRepository) private readonly payouts: PayoutsRepository) {}

  async canSee(user: AuthUser, id: string, { policy }: ScopeContext): Promise<boolean> {
    const payerCode = await this.payouts.payerCodeOfBatch(id);
    if (payerCode === null) return false;
    return policy.isAdmin(user) || policy.canAccess(user, 'payer', payerCode);
  }
}

@Module({ imports: [DocumentStoreModule, PayingBodiesModule], controllers: [PayoutsController, AgiReturnsController], providers: [PayoutsService, AgiReturnsService, BatchScopeRule], exports: [PayoutsService] })
export class PayoutsModule implements OnApplicationBootstrap {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The payout schedule is created (or brought up to date) whenever the API starts; Temporal being down does not stop the API. */
  async onApplicationBootstrap() {
    try {
      await ensurePayoutSchedule(this.temporal, this.config.temporal.taskQueue, this.logger);
    } catch (e) {
      this.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'payout schedule could not be created; it is retried at the next start');
    }
  }
}
