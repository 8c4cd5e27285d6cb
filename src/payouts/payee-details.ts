import type { EntityManager } from 'typeorm';

/**
 * The people of a draft whose payment details (personnummer or bank account ciphertext) are no longer those the
 * draft was made with (`payout_person.details_fingerprint`, migration 1765600100000). Their fingerprint is brought
 * up to date and `details_changed_at` set, so the draft shows the warning and the next approval may go ahead once
 * finance has looked. Returns their ids and names (sorted by name). Never decrypts anything.
 */
export async function takeChangedPayeeDetails(em: EntityManager, batchId: string): Promise<Array<{ personId: string; name: string }>> {
  const rows: Array<{ person_id: string; full_name: string }> = await em.query(
    `WITH changed AS (
       UPDATE payout_person pp SET details_fingerprint = payee_details_fingerprint(p.personal_number_enc, p.bank_account_enc), details_changed_at = now()
         FROM person p
        WHERE p.id = pp.person_id AND pp.batch_id = $1
          AND pp.details_fingerprint IS DISTINCT FROM payee_details_fingerprint(p.personal_number_enc, p.bank_account_enc)
       RETURNING pp.person_id, p.full_name)
     SELECT person_id, full_name FROM changed ORDER BY full_name, person_id`,
    [batchId],
  );
  return rows.map((r) => ({ personId: r.person_id, name: r.full_name }));
}

/** Finance's message when the approval found changed details (Swedish; names only, never the details). */
export function changedDetailsMessage(names: readonly string[]): string {
  return `Bankkontot eller personnumret för ${names.join(', ')} har ändrats sedan utkastet gjordes. Kontrollera uppgifterna (se varningen i utbetalningen) och godkänn igen.`;
}
