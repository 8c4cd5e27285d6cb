import { Assignment } from '../assignments/assignment.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Person } from '../people/person.entity';
import { WorkingGroup } from '../working-groups/working-group.entity';

/** Every TypeORM entity of the application. Add new entities here. */
export const ALL_ENTITIES = [
  WorkingGroup,
  AuditEntry,
  Organisation,
  Person,
  Assignment,
];
