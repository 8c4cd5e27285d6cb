/** Finance's message when the approval found changed details (Swedish; names only, never the details). */
export function changedDetailsMessage(names: readonly string[]): string {
  return `Bankkontot eller personnumret för ${names.join(', ')} har ändrats sedan utkastet gjordes. Kontrollera uppgifterna (se varningen i utbetalningen) och godkänn igen.`;
}
