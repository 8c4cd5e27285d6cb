/**
 * A download's Content-Disposition: `filename` (ASCII, for old clients) and `filename*` (UTF-8, RFC 6266 / RFC 5987)
 * so Swedish names (å, ä, ö) survive in every browser.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * unencoded, which the grammar does not allow. */
function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A person's payout slip as a file name with their name in it: `utbetalningsbesked-2026-03-Åsa-Öberg.pdf`. */
export function slipFileName(period: string, personName: string, supplement = 0): string {
  const name = personName
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `utbetalningsbesked-${period}${supplement > 0 ? `-komplettering-${supplement}` : ''}${name ? `-${name}` : ''}.pdf`;
}
