import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors';
import type { RateTable } from '../fees';
import { canonicalPayerCode } from '../paying-bodies/resolve-payer';
import { RateTableRow, toRateTable } from '../rates/rate-table.entity';
import type { PayoutFrequency } from './period';
import { RatesRepository } from '../rates/rates.repository';

/**
 * What payouts need from the paying bodies and rate tables (src/paying-bodies, src/rates): a payer's payout
 * frequency, and the rate tables a payer's payouts may use. One place, so a change there is
 * one change here.
 */
export interface PayerInfo {
  code: string;
  name: string;
  payoutFrequency: PayoutFrequency;
}

/** The rate tables' repository; its queries run on the caller's EntityManager (maybe inside a payout step's transaction). */
const ratesOf = (em: EntityManager) => new RatesRepository(em.connection);

/** The payer a code (or an alias such as SKL) names, or undefined. */
export async function findPayer(em: EntityManager, code: string): Promise<PayerInfo | undefined> {
  const canonical = canonicalPayerCode(code);
  const row = await ratesOf(em).payingBodyNamed(em, canonical);
  return row ? { code: row.code, name: row.name, payoutFrequency: row.payoutFrequency } : undefined;
}

export async function getPayer(em: EntityManager, code: string): Promise<PayerInfo> {
  const p = await findPayer(em, code);
  if (!p) throw new NotFoundError('Betalaren finns inte.');
  return p;
}

export async function listPayers(em: EntityManager): Promise<PayerInfo[]> {
  const rows = await ratesOf(em).payingBodiesByCode(em);
  return rows.map((r) => ({ code: r.code, name: r.name, payoutFrequency: r.payoutFrequency }));
}

/** Every rate table a payer's payouts may use: the national ones and the payer's own (the engine picks by date). */
export async function rateTablesFor(em: EntityManager, payerCode: string): Promise<RateTable[]> {
  const rows = await ratesOf(em).tablesOfPayer(em, payerCode);
  // A newer version of a table replaces the older one with the same code.
  const latest = new Map<string, RateTableRow>();
  for (const r of rows) if (!latest.has(r.code)) latest.set(r.code, r);
  return [...latest.values()].map(toRateTable);
}
