import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { GroupKind, HealthcareRegion } from '../working-groups/working-group.entity';

/** What a group's payer is decided from (src/paying-bodies): the group's kind and host, and its parent's. */
export interface PayerDecidingGroup {
  kind: GroupKind;
  host_region: HealthcareRegion | null;
  parent_kind: GroupKind | null;
  parent_host: HealthcareRegion | null;
}

/** The reads AccessPolicy decides from (who may see what). Group coordination is GroupCoordinatorsRepository's. */
@Injectable()
export class AccessRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async organisationExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM organisation WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** The payers of the person's pending or paid payout lines (each once). */
  async payerCodesOfPayoutLines(personId: string): Promise<string[]> {
    const rows: Array<{ payer_code: string }> = await this.ds.query(
      `SELECT DISTINCT b.payer_code FROM payout_line l JOIN payout_batch b ON b.id = l.batch_id
        WHERE l.person_id = $1 AND l.state IN ('pending', 'paid')`,
      [personId],
    );
    return rows.map((r) => r.payer_code);
  }

  /** The groups (with their parents) of the assignments the person has accepted: any state after the offer. */
  async groupsOfAcceptedAssignments(personId: string): Promise<PayerDecidingGroup[]> {
    return this.ds.query(
      `SELECT DISTINCT g.kind, g.host_region, p.kind AS parent_kind, p.host_region AS parent_host
         FROM assignment a JOIN working_group g ON g.id = a.group_id LEFT JOIN working_group p ON p.id = g.parent_group_id
        WHERE a.person_id = $1 AND a.state NOT IN ('nominated', 'declined')`,
      [personId],
    );
  }

  /** Who an assignment belongs to: its group, its person and the organisation that nominated them. */
  async assignmentParties(id: string): Promise<{ group_id: string; person_id: string; nominating_organisation_id: string | null } | undefined> {
    const rows: Array<{ group_id: string; person_id: string; nominating_organisation_id: string | null }> = await this.ds.query(
      `SELECT group_id, person_id, nominating_organisation_id FROM assignment WHERE id = $1`,
      [id],
    );
    return rows[0];
  }
}
