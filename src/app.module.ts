import { DynamicModule, Module, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/event-bus';
import { RepositoriesModule } from './database/repositories';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { LoggingModule } from './logging/logging.module';
import { TemporalModule } from './temporal/temporal.module';
import { WorkingGroupsModule } from './working-groups/working-groups.module';
import { AuthModule } from './auth/auth.module';
import { RatesModule } from './rates/rates.module';
import { FeesModule } from './fees/fees.module';
import { DocumentsModule } from './documents/documents.module';
import { WebModule } from './web/web.module';
import { UsersModule } from './users/users.module';
import { TimeReportsModule } from './time-reports/time-reports.module';
import { PayoutsModule } from './payouts/payouts.module';
import { RecruitmentModule } from './recruitment/recruitment.module';
import { AssignmentsModule } from './assignments/assignments.module';
import { MailModule } from './mail/mail.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { GroupActivitiesModule } from './group-activities/group-activities.module';
import { PayingBodiesModule } from './paying-bodies/paying-bodies.module';
import { BudgetModule } from './budget/budget.module';
import { InputModule } from './input/input.module';
import { MaterialModule } from './material/material.module';
import { RepresentationModule } from './representation/representation.module';
import { GroupReviewsModule } from './group-reviews/group-reviews.module';

/** The HTTP API. Feature modules are listed in FEATURE_MODULES. */
export const FEATURE_MODULES = [
  WorkingGroupsModule,
  AuthModule,
  RatesModule,
  FeesModule,
  DocumentsModule,
  WebModule,
  UsersModule,
  TimeReportsModule,
  PayoutsModule,
  RecruitmentModule,
  AssignmentsModule,
  MailModule,
  OrganisationsModule,
  GroupActivitiesModule,
  PayingBodiesModule,
  BudgetModule,
  RepresentationModule,
  InputModule,
  MaterialModule,
  GroupReviewsModule,
];

@Module({})
export class AppModule {
  /** `extra`: further modules (tests add providers this way, e.g. a TaskSource). */
  static forRoot(config: AppConfig, logger: Logger, extra: Array<Type | DynamicModule> = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        CryptoModule,
        DatabaseModule,
        RepositoriesModule,
        EventsModule,
        TemporalModule,
        ...FEATURE_MODULES,
        ...extra,
      ],
      controllers: [HealthController],
      providers: [HealthService],
    };
  }
}
