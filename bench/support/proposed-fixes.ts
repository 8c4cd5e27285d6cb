import PDFDocument from 'pdfkit';

/**
 * Proposed fixes that belong in other people's files, applied at run time inside a benchmark's own process only,
 * so their effect can be measured before anyone changes those files. Nothing here is used by the application.
 *
 * `fonts`: every font is parsed once per process. templates/pdf-layout.ts registers its DejaVu fonts as Buffers;
 * pdfkit then parses a whole font (≈ 700 KB) again for every table cell that sets its own font, because the cell's
 * font roll-back hands pdfkit the Buffer, which it cannot find by name. Registering the parsed font object instead
 * (pdfkit accepts one) prints the same bytes. While switched on, a Buffer handed to registerFont is replaced by the
 * font object pdfkit parsed from it the first time (obtained through a throwaway document: no new dependency).
 */
export const fixes = { fonts: false };

const parsedFonts = new Map<Buffer, unknown>();
const registerFont = PDFDocument.prototype.registerFont;
let installed = false;

export function installFontFix(): void {
  if (installed) return;
  installed = true;
  PDFDocument.prototype.registerFont = function (this: PDFKit.PDFDocument, name: string, src?: unknown, family?: string) {
    if (fixes.fonts && Buffer.isBuffer(src)) {
      let parsed = parsedFonts.get(src);
      if (!parsed) {
        const probe = new PDFDocument({ autoFirstPage: false });
        registerFont.call(probe, 'probe', src);
        probe.font('probe');
        parsed = (probe as unknown as { _font: { font: unknown } })._font.font;
        parsedFonts.set(src, parsed);
      }
      src = parsed;
    }
    return registerFont.call(this, name, src as PDFKit.Mixins.PDFFontSource, family);
  } as typeof registerFont;
}
