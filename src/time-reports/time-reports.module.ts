import { Inject, Injectable, Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import type { ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { ScopeRule, ScopeRuleFor } from '../auth/scope-rule';
import { FeeScheduleController, ReportFeePreviewController, TimeReportAmountsController } from './report-fee-preview.controller';
import { ReportFeePreviewService } from './report-fee-preview.service';
import { TimeReportsController } from './time-reports.controller';
import { TimeReportsRepository } from './time-reports.repository';
import { TimeReportsService } from './time-reports.service';

/**
 * Who may see a time report: the representative who made it, a coordinator of its group, finance of its payer
 * and an administrator. Anyone else gets the same 404 as for a missing report.
 */
@Injectable()
@ScopeRuleFor({ kind: 'time-report' })
export class TimeReportScopeRule implements ScopeRule {
  constructor(@Inject(TimeReportsRepository) private readonly reports: TimeReportsRepository) {}

  async canSee(user: AuthUser, id: string, { policy }: ScopeContext): Promise<boolean> {
    const r = await this.reports.partiesOf(id);
    if (!r) return false;
    if (user.personId !== null && user.personId === r.person_id) return true;
    if (policy.isAdmin(user)) return true;
    if (await policy.coordinates(user, r.group_id)) return true;
    return policy.canAccess(user, 'payer', r.payer_code);
  }
}

@Module({
  imports: [AssignmentsModule],
  controllers: [TimeReportsController, ReportFeePreviewController, TimeReportAmountsController, FeeScheduleController],
  providers: [TimeReportsService, ReportFeePreviewService, TimeReportScopeRule],
  exports: [TimeReportsService],
})
export class TimeReportsModule {}
