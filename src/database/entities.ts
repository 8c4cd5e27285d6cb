import { GroupActivity, GroupActivityCalled } from '../group-activities/group-activity.entity';
import { Assignment } from '../assignments/assignment.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Person } from '../people/person.entity';
import { WorkingGroup } from '../working-groups/working-group.entity';
import { AuthSession, UserInvitation } from '../auth/session.entity';
import { GroupCoordinator, UserAccount } from '../users/user-account.entity';
import { StoredDocument } from '../documents/stored-document.entity';
import { DocumentSignature } from '../documents/document-signature.entity';
import { PayingBody } from '../paying-bodies/paying-body.entity';
import { RateTableRow } from '../rates/rate-table.entity';
import { NominationRequest } from '../recruitment/nomination-request.entity';
import { Nomination } from '../recruitment/nomination.entity';
import { AgreementDraft } from '../assignments/agreement-draft.entity';
import { Declaration } from '../assignments/declaration.entity';
import { ReportingPeriod } from '../assignments/reporting-period.entity';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { ClaimPolicy, ClaimReminder, TimeReport, TimeReportReceipt } from '../time-reports/time-report.entity';
import { PayoutApproval, PayoutBatch, PayoutLine, PayoutPerson } from '../payouts/payout.entity';

/** Every TypeORM entity of the application. Add new entities here. */
export const ALL_ENTITIES = [
  WorkingGroup,
  AuditEntry,
  Organisation,
  Person,
  Assignment,
  UserAccount,
  GroupCoordinator,
  AuthSession,
  UserInvitation,
  StoredDocument,
  DocumentSignature,
  PayingBody,
  RateTableRow,
  NominationRequest,
  Nomination,
  AgreementDraft,
  Declaration,
  ReportingPeriod,
  OutboxMessage,
  TimeReport,
  TimeReportReceipt,
  ClaimPolicy,
  ClaimReminder,
  PayoutBatch,
  PayoutLine,
  PayoutPerson,
  PayoutApproval,
  GroupActivity,
  GroupActivityCalled,
];
