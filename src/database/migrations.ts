import { Initial1764086400000 } from './migrations/1764086400000-initial';
import { CoreModel1764090000000 } from './migrations/1764090000000-core-model';
import { UsersAndSessions1764400000000 } from './migrations/1764400000000-users-and-sessions';
import { Documents1764200000000 } from './migrations/1764200000000-documents';
import { RatesAndPayers1764100000000 } from './migrations/1764100000000-rates-and-payers';
import { Lifecycle1764300000000 } from './migrations/1764300000000-lifecycle';
import { TimeReports1764500000000 } from './migrations/1764500000000-time-reports';
import { Payouts1764500100000 } from './migrations/1764500100000-payouts';
import { PayoutSetBased1764600000000 } from './migrations/1764600000000-payout-set-based';
import { TimeReportDayLimit1764700000000 } from './migrations/1764700000000-time-report-day-limit';
import { PayoutSnapshot1764800000000 } from './migrations/1764800000000-payout-snapshot';
import { AgreementSigningOrder1765100000000 } from './migrations/1765100000000-agreement-signing-order';
import { GroupActivities1765200000000 } from './migrations/1765200000000-group-activities';
import { PayoutLineActivity1765200050000 } from './migrations/1765200050000-payout-line-activity';
import { TimeReportsAgainstActivities1765200100000 } from './migrations/1765200100000-time-reports-against-activities';
import { GroupBelowMinimum1765300000000 } from './migrations/1765300000000-group-below-minimum';
import { RecruitmentUniqueness1765400000000 } from './migrations/1765400000000-recruitment-uniqueness';
import { PayoutClosedPeriods1765500000000 } from './migrations/1765500000000-payout-closed-periods';
import { AssignmentEndedOn1765600000000 } from './migrations/1765600000000-assignment-ended-on';
import { PayoutPayeeDetailsSeen1765600100000 } from './migrations/1765600100000-payout-payee-details-seen';
import { ActivityFeeFrozen1765600200000 } from './migrations/1765600200000-activity-fee-frozen';
import { TimeReportActivityRequired1765700000000 } from './migrations/1765700000000-time-report-activity-required';
import { AssignmentIntroduction1765820000000 } from './migrations/1765820000000-assignment-introduction';
import { PayeeTaxStatus1765821000000 } from './migrations/1765821000000-payee-tax-status';
import { DeclarationDocuments1765830000000 } from './migrations/1765830000000-declaration-documents';
import { PayingBodySettings1765840000000 } from './migrations/1765840000000-paying-body-settings';
import { RecruitmentPerspective1765810000000 } from './migrations/1765810000000-recruitment-perspective';
import { ContributionReductions1765850000000 } from './migrations/1765850000000-contribution-reductions';
import { RateTableFinal1765850100000 } from './migrations/1765850100000-rate-table-final';
import { AgiSettings1765850200000 } from './migrations/1765850200000-agi-settings';
import { PayingBodyRoutinePolicies1765870000000 } from './migrations/1765870000000-paying-body-routine-policies';
import { BudgetPlans1765910000000 } from './migrations/1765910000000-budget-plans';
import { NominationRequestTerms1765860000000 } from './migrations/1765860000000-nomination-request-terms';
import { RepresentationAndWorkload1765900000000 } from './migrations/1765900000000-representation-and-workload';
import { InputItems1766000000000 } from './migrations/1766000000000-input-items';
import { MaterialNotice1766010000000 } from './migrations/1766010000000-material-notice';
import { GroupReviews1766100000000 } from './migrations/1766100000000-group-reviews';

/** Every migration, in order. The schema changes only through these (synchronize is off). */
export const ALL_MIGRATIONS = [
  Initial1764086400000,
  CoreModel1764090000000,
  UsersAndSessions1764400000000,
  Documents1764200000000,
  RatesAndPayers1764100000000,
  Lifecycle1764300000000,
  TimeReports1764500000000,
  Payouts1764500100000,
  PayoutSetBased1764600000000,
  TimeReportDayLimit1764700000000,
  PayoutSnapshot1764800000000,
  AgreementSigningOrder1765100000000,
  GroupActivities1765200000000,
  PayoutLineActivity1765200050000,
  TimeReportsAgainstActivities1765200100000,
  GroupBelowMinimum1765300000000,
  RecruitmentUniqueness1765400000000,
  PayoutClosedPeriods1765500000000,
  AssignmentEndedOn1765600000000,
  PayoutPayeeDetailsSeen1765600100000,
  ActivityFeeFrozen1765600200000,
  TimeReportActivityRequired1765700000000,
  AssignmentIntroduction1765820000000,
  PayeeTaxStatus1765821000000,
  DeclarationDocuments1765830000000,
  PayingBodySettings1765840000000,
  RecruitmentPerspective1765810000000,
  ContributionReductions1765850000000,
  RateTableFinal1765850100000,
  AgiSettings1765850200000,
  PayingBodyRoutinePolicies1765870000000,
  BudgetPlans1765910000000,
  NominationRequestTerms1765860000000,
  RepresentationAndWorkload1765900000000,
  InputItems1766000000000,
  MaterialNotice1766010000000,
  GroupReviews1766100000000,
];
