import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from '../src/config/config';
import type { FieldCipher } from '../src/crypto/field-cipher';
import type { DocumentsService } from '../src/documents/documents.service';
import { AssignmentsRepository } from '../src/assignments/assignments.repository';
export type { StoredDraft } from '../src/assignments/assignments.repository';
import { PayoutsRepository } from '../src/payouts/payouts.repository';
import { RecruitmentRepository } from '../src/recruitment/recruitment.repository';
import { AuditLogRepository } from '../src/audit/audit-log.repository';

/** What activities may use. Built once by the worker's Nest context and handed to createActivities. */
export interface ActivityDeps {
  dataSource: DataSource;
  logger: Logger;
  config: AppConfig;
  cipher: FieldCipher;
  /** The worker context's DocumentsService (DocumentStoreModule), the same provider the API injects. */
  documents: DocumentsService;
}

/** The repositories activities write through (their SQL), built once from the DataSource by createActivities. */
export interface ActivityRepositories {
  recruitment: RecruitmentRepository;
  assignments: AssignmentsRepository;
  payouts: PayoutsRepository;
  audit: AuditLogRepository;
}

/** What each feature's activity factory gets: the worker's dependencies and the repositories built from them. */
export interface ActivityContext extends ActivityDeps {
  repositories: ActivityRepositories;
}

export function createActivityContext(deps: ActivityDeps): ActivityContext {
  return {
    ...deps,
    repositories: {
      recruitment: new RecruitmentRepository(deps.dataSource),
      assignments: new AssignmentsRepository(deps.dataSource),
      payouts: new PayoutsRepository(deps.dataSource),
      audit: new AuditLogRepository(deps.dataSource),
    },
  };
}
