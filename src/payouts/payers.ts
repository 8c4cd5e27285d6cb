import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors';
import type { RateTable } from '../fees';
import { PayingBody } from '../paying-bodies/paying-body.entity';
import { canonicalPayerCode, PayerResolutionError, resolvePayer } from '../paying-bodies/resolve-payer';
import { RateTableRow, toRateTable } from '../rates/rate-table.entity';
import { WorkingGroup } from '../working-groups/working-group.entity';
import type { PayoutFrequency } from './period';

/**
 * What payouts need from the paying bodies and rate tables (src/paying-bodies, src/rates): who pays a group,
 * a payer's payout frequency, and the rate tables a payer's payouts may use. One place, so a change there is
 * one change here.
 */
export interface PayerInfo {
  code: string;
  name: string;
  payoutFrequency: PayoutFrequency;
}

/** The payer a code (or an alias such as SKL) names, or undefined. */
export async function findPayer(em: EntityManager, code: string): Promise<PayerInfo | undefined> {
  const canonical = canonicalPayerCode(code);
  const row = await em
    .getRepository(PayingBody)
    .createQueryBuilder('p')
    .where('lower(p.code) = lower(:code) OR :code = ANY(p.aliases)', { code: canonical })
    .getOne();
  return row ? { code: row.code, name: row.name, payoutFrequency: row.payoutFrequency } : undefined;
}

export async function getPayer(em: EntityManager, code: string): Promise<PayerInfo> {
  const p = await findPayer(em, code);
  if (!p) throw new NotFoundError('Betalaren finns inte.');
  return p;
}

export async function listPayers(em: EntityManager): Promise<PayerInfo[]> {
  const rows = await em.getRepository(PayingBody).find({ order: { code: 'ASC' } });
  return rows.map((r) => ({ code: r.code, name: r.name, payoutFrequency: r.payoutFrequency }));
}

/**
 * The code of the payer of a group's fees and travel (§4.5.4–4.5.5), or a Swedish explanation of why it cannot
 * be told (e.g. an NPO without a host region).
 */
export async function payerCodeOfGroup(em: EntityManager, groupId: string): Promise<{ code: string } | { problem: string }> {
  const groups = em.getRepository(WorkingGroup);
  const group = await groups.findOneBy({ id: groupId });
  if (!group) return { problem: 'Gruppen finns inte.' };
  const parent = group.parentGroupId ? await groups.findOneBy({ id: group.parentGroupId }) : null;
  try {
    return { code: canonicalPayerCode(resolvePayer(group, parent).payerCode) };
  } catch (e) {
    if (e instanceof PayerResolutionError) return { problem: e.message };
    throw e;
  }
}

/** Every rate table a payer's payouts may use: the national ones and the payer's own (the engine picks by date). */
export async function rateTablesFor(em: EntityManager, payerCode: string): Promise<RateTable[]> {
  const rows = await em
    .getRepository(RateTableRow)
    .createQueryBuilder('t')
    .where('t.payer_code IS NULL OR lower(t.payer_code) = lower(:payerCode)', { payerCode })
    .orderBy('t.valid_from', 'ASC')
    .addOrderBy('t.version', 'DESC')
    .getMany();
  // A newer version of a table replaces the older one with the same code.
  const latest = new Map<string, RateTableRow>();
  for (const r of rows) if (!latest.has(r.code)) latest.set(r.code, r);
  return [...latest.values()].map(toRateTable);
}
