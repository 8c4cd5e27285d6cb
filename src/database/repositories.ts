import { Global, Module } from '@nestjs/common';
import { AccessRepository } from '../auth/access.repository';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { BudgetRepository } from '../budget/budget.repository';
import { GroupReviewsRepository } from '../group-reviews/group-reviews.repository';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { DeclarationsRepository } from '../assignments/declarations.repository';
import { AuthRepository } from '../auth/auth.repository';
import { GroupActivitiesRepository } from '../group-activities/group-activities.repository';
import { HealthRepository } from '../health/health.repository';
import { MailRepository } from '../mail/mail.repository';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { AgiReturnsRepository } from '../payouts/agi-returns.repository';
import { PayoutsRepository } from '../payouts/payouts.repository';
import { PayingBodySettingsRepository } from '../paying-bodies/paying-body-settings.repository';
import { PeopleRepository } from '../people/people.repository';
import { RecruitmentRepository } from '../recruitment/recruitment.repository';
import { GroupCoordinatorsRepository } from '../users/group-coordinators.repository';
import { TimeReportsRepository } from '../time-reports/time-reports.repository';
import { TasksRepository } from '../users/tasks.repository';
import { UsersRepository } from '../users/users.repository';
import { WorkingGroupsRepository } from '../working-groups/working-groups.repository';
import { RepresentationRepository } from '../representation/representation.repository';
import { InputRepository } from '../input/input.repository';
import { MaterialRepository } from '../material/material.repository';

/**
 * Every feature's repository (`src/<feature>/<feature>.repository.ts`, the only SQL; docs/CONVENTIONS.md "Layout"):
 * stateless classes over the DataSource, provided once and globally, so a service injects the repositories it needs
 * without importing another feature's module. Append new repositories here.
 */
export const ALL_REPOSITORIES = [
  PeopleRepository,
  GroupCoordinatorsRepository,
  AccessRepository,
  AuthRepository,
  UsersRepository,
  TasksRepository,
  OrganisationsRepository,
  HealthRepository,
  MailRepository,
  GroupActivitiesRepository,
  TimeReportsRepository,
  WorkingGroupsRepository,
  RecruitmentRepository,
  AssignmentsRepository,
  PayoutsRepository,
  AuditLogRepository,
  PayingBodySettingsRepository,
  DeclarationsRepository,
  AgiReturnsRepository,
  BudgetRepository,
  RepresentationRepository,
  InputRepository,
  MaterialRepository,
  GroupReviewsRepository,
];

@Global()
@Module({ providers: ALL_REPOSITORIES, exports: ALL_REPOSITORIES })
export class RepositoriesModule {}
