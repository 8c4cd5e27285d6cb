import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';

/**
 * Shared layout for every document template: an A4 page, the embedded DejaVu fonts (full Swedish glyphs),
 * a tagged structure tree (Document → H1/H2/P/L/Table), document title and language in the metadata, and
 * "Sida X av Y" on every page. Rendering is pure: the same data and template version give the same text
 * (and, with pdfkit 0.20, the same bytes: CreationDate and the file ID come from the data).
 *
 * Fonts: DejaVu Sans (Bitstream Vera licence with public-domain additions), read from the installed
 * `dejavu-fonts-ttf` package; its LICENSE file ships in node_modules/dejavu-fonts-ttf/LICENSE.
 */

/** A template was given data it cannot print (wrong format, inconsistent totals, personal data it must not hold). */
export class TemplateDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateDataError';
  }
}

export const NBSP = '\u00a0';

const FONT_FILES = {
  body: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

/**
 * The fonts, read and parsed once per process. They are registered with each document as parsed fontkit fonts
 * (which pdfkit accepts), not as Buffers: pdfkit rolls a table cell's own font back with the source it was
 * registered with, and a Buffer would be parsed again (the whole ≈ 700 KB file) for every such cell — about 40 %
 * of an agreement's rendering time and most of a payout slip's (measured by `npm run bench:documents`). Each
 * document still embeds its own subset; the parsed font is only read, so the output is byte-for-byte the same.
 */
let fontCache: Record<FontName, fontkit.Font> | undefined;
function fonts(): Record<FontName, fontkit.Font> {
  if (!fontCache) {
    const parse = (file: string): fontkit.Font => {
      const parsed = fontkit.create(fs.readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
      if (!('layout' in parsed)) throw new Error(`${file} is a font collection, not a font`);
      return parsed;
    };
    fontCache = { body: parse(FONT_FILES.body), bold: parse(FONT_FILES.bold), mono: parse(FONT_FILES.mono) };
  }
  return fontCache;
}

// ---------------------------------------------------------------------------------------------------------
// Formatting: one place for money, percentages, dates and times as people read them in Swedish documents.
// ---------------------------------------------------------------------------------------------------------

/**
 * Öre (an integer) as kronor: `213120` → "2 131,20 kr". Thousands are grouped with a non-breaking space so an
 * amount never wraps. `decimals: 'auto'` drops ",00" for whole kronor ("1 714 kr").
 */
export function formatKronor(ore: number, opts: { decimals?: 'always' | 'auto' } = {}): string {
  if (!Number.isSafeInteger(ore)) throw new TemplateDataError(`Beloppet ${String(ore)} är inte ett heltal i öre.`);
  const abs = Math.abs(ore);
  const kronor = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const rest = abs % 100;
  const decimals = opts.decimals === 'auto' && rest === 0 ? '' : `,${String(rest).padStart(2, '0')}`;
  return `${ore < 0 ? '-' : ''}${kronor}${decimals}${NBSP}kr`;
}

/**
 * An exact amount of öre (before rounding) in kronor, with every decimal it has and at least two: 213120 or
 * "213120" → "2 131,20 kr", "23310.5" → "233,105 kr". A fraction "n/d" of öre (an amount with no finite decimal,
 * e.g. an hourly fee for 37 minutes) is printed to the nearest öre after "ca": "52910/3" → "ca 176,37 kr".
 */
export function formatExactKronor(ore: number | string, what = 'Beloppet'): string {
  if (typeof ore === 'number') {
    if (!Number.isSafeInteger(ore)) throw new TemplateDataError(`${what}: beloppet måste vara ett heltal i öre.`);
    return formatKronor(ore);
  }
  const fraction = typeof ore === 'string' ? /^(\d+)\/([1-9]\d*)$/.exec(ore) : null;
  if (fraction) {
    const num = BigInt(fraction[1]);
    const den = BigInt(fraction[2]);
    const nearest = (2n * num + den) / (2n * den);
    if (nearest > BigInt(Number.MAX_SAFE_INTEGER)) throw new TemplateDataError(`${what}: beloppet är för stort.`);
    return `ca${NBSP}${formatKronor(Number(nearest))}`;
  }
  const decimal = typeof ore === 'string' ? /^(\d+)(?:\.(\d+))?$/.exec(ore) : null;
  if (!decimal) throw new TemplateDataError(`${what}: ${String(ore)} är inte ett exakt belopp i öre.`);
  const digits = decimal[1].replace(/^0+(?=\d)/, '').padStart(3, '0');
  const kronor = digits.slice(0, -2).replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const fractionOfOre = (decimal[2] ?? '').replace(/0+$/, '');
  return `${kronor},${digits.slice(-2)}${fractionOfOre}${NBSP}kr`;
}

/** 3.6 → "3,6 %". Percentages are printed as given by the rate table; they are never used for money here. */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) throw new TemplateDataError(`Procentsatsen ${String(p)} är inte ett tal.`);
  return `${String(p).replace('.', ',')}${NBSP}%`;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A business date (YYYY-MM-DD, Europe/Stockholm) is printed as given, after checking its format. */
export function formatDate(d: string, what = 'Datumet'): string {
  if (typeof d !== 'string' || !DATE.test(d)) throw new TemplateDataError(`${what} måste anges som ÅÅÅÅ-MM-DD (fick ${String(d)}).`);
  return d;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** Parses an ISO timestamp with a zone (e.g. 2026-03-01T09:00:00Z). */
export function parseTimestamp(ts: string, what = 'Tidpunkten'): Date {
  const d = typeof ts === 'string' && TIMESTAMP.test(ts) ? new Date(ts) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new TemplateDataError(`${what} måste vara en ISO-tidpunkt med tidszon (fick ${String(ts)}).`);
  return d;
}

const STOCKHOLM = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
/** A timestamp in Swedish time, "2026-03-01 10:00:00". */
export function formatTimestamp(ts: string, what?: string): string {
  return STOCKHOLM.format(parseTimestamp(ts, what));
}

/** Requires a non-empty text field. */
export function required(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TemplateDataError(`${what} saknas.`);
  return value.trim();
}

/** File names: the Swedish name as given, and an ASCII fallback for old clients. */
export function fileNameParts(...parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join('-')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '')
    .replace(/\s+/g, '-')
    .slice(0, 150);
}

// ---------------------------------------------------------------------------------------------------------
// The layout
// ---------------------------------------------------------------------------------------------------------

export interface PdfMeta {
  /** Document title (metadata and window title). */
  title: string;
  /** BCP 47 language of the document, e.g. 'sv-SE'. */
  lang: string;
  /** ISO timestamp the document's CreationDate/ModDate come from, so output is reproducible. */
  generatedAt: string;
  /** "agreement.sv@1": printed in the footer and recorded as the PDF's creator. */
  templateRef: string;
  author?: string;
  subject?: string;
  /** Footer words, translated by the template. */
  labels?: { page: (n: number, of: number) => string };
}

type Struct = PDFKit.PDFStructureElement;
type Align = 'left' | 'right' | 'center';

export interface TableColumn {
  header: string;
  /** Width in points, or '*' to share the rest. */
  width: number | '*';
  align?: Align;
}

const PAGE_MARGINS = { top: 56, bottom: 64, left: 56, right: 56 };
const SIZES = { h1: 17, h2: 12.5, h3: 11, body: 10, small: 8.5 };
const TABLE_PADDING = { top: 3, bottom: 3, left: 4, right: 4 };
const MUTED = '#444444'; // 9.7:1 against white: readable, still distinct from body text

/**
 * XMP metadata is written by pdfkit without escaping; keep markup characters out of the strings that go there.
 */
function metaText(s: string): string {
  return s.replace(/&/g, '+').replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
}

/** Builds one PDF. Call the block methods in reading order, then `finish()`. */
export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  private readonly root: Struct;
  private readonly meta: PdfMeta;
  /** Pages [0, bodyPages) are numbered as the document; pages after `startAppendix()` as the appendix. */
  private appendix: { startsAt: number; templateRef: string; label: (n: number, of: number) => string } | undefined;

  constructor(meta: PdfMeta) {
    this.meta = meta;
    const created = parseTimestamp(meta.generatedAt, 'generatedAt');
    this.doc = new PDFDocument({
      size: 'A4',
      margins: PAGE_MARGINS,
      pdfVersion: '1.7',
      tagged: true,
      lang: meta.lang,
      displayTitle: true,
      bufferPages: true,
      // No `subset: 'PDF/UA'`: that writes a conformance claim into the metadata, and we have not validated
      // the output with a PDF/UA checker (veraPDF). The features it needs are here: tags, language, title,
      // embedded fonts, decoration and page numbers marked as artifacts.
      autoFirstPage: true,
      info: {
        Title: metaText(meta.title),
        Author: metaText(meta.author ?? 'Medverkan'),
        ...(meta.subject ? { Subject: metaText(meta.subject) } : {}),
        Creator: `Medverkan (${meta.templateRef})`,
        Producer: 'Medverkan / PDFKit',
        Keywords: meta.templateRef,
        CreationDate: created,
        ModDate: created,
      },
    });
    const f = fonts();
    // pdfkit's types list only paths and buffers; its runtime takes a parsed font (anything with `layout`).
    const register = (name: FontName) => this.doc.registerFont(name, f[name] as unknown as PDFKit.Mixins.PDFFontSource);
    register('body');
    register('bold');
    register('mono');
    this.doc.font('body').fontSize(SIZES.body).fillColor('black');
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  get contentWidth(): number {
    return this.doc.page.width - PAGE_MARGINS.left - PAGE_MARGINS.right;
  }

  private get left(): number {
    return PAGE_MARGINS.left;
  }

  /** Adds one structure element whose content is drawn by `draw` (marked content, continued across pages). */
  private block(type: string, draw: () => void, parent: Struct = this.root): void {
    parent.add(this.doc.struct(type, {}, draw));
  }

  /** Starts a new page unless `height` points still fit on this one (keeps headings with what follows). */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.maxY()) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
  }

  private lineHeight(size: number): number {
    this.doc.fontSize(size);
    return this.doc.currentLineHeight(true) + 2;
  }

  title(text: string, subtitle?: string): void {
    this.doc.x = this.left;
    this.block('H1', () => {
      this.doc.font('bold').fontSize(SIZES.h1).fillColor('black').text(text, this.left, this.doc.y, { width: this.contentWidth });
    });
    if (subtitle) this.block('P', () => this.doc.font('body').fontSize(SIZES.h2).text(subtitle, this.left, this.doc.y, { width: this.contentWidth }));
    this.doc.moveDown(0.6);
    this.doc.font('body').fontSize(SIZES.body);
  }

  heading(text: string, level: 2 | 3 = 2): void {
    const size = level === 2 ? SIZES.h2 : SIZES.h3;
    this.doc.moveDown(level === 2 ? 0.7 : 0.4);
    // A heading is never the last line of a page.
    this.ensureSpace(this.lineHeight(size) + 3 * this.lineHeight(SIZES.body));
    this.block(`H${level}`, () => {
      this.doc.font('bold').fontSize(size).fillColor('black').text(text, this.left, this.doc.y, { width: this.contentWidth });
    });
    this.doc.moveDown(0.2);
    this.doc.font('body').fontSize(SIZES.body);
  }

  /** A paragraph; long text wraps and continues on the next page. Blank lines in `text` start new paragraphs. */
  paragraph(text: string, opts: { bold?: boolean; muted?: boolean; size?: number; mono?: boolean } = {}): void {
    const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    for (const p of paragraphs) {
      this.ensureSpace(this.lineHeight(opts.size ?? SIZES.body));
      this.block('P', () => {
        this.doc
          .font(opts.mono ? 'mono' : opts.bold ? 'bold' : 'body')
          .fontSize(opts.size ?? SIZES.body)
          .fillColor(opts.muted ? MUTED : 'black')
          .text(p, this.left, this.doc.y, { width: this.contentWidth, lineGap: 2 });
      });
      this.doc.moveDown(0.45);
    }
    this.doc.font('body').fontSize(SIZES.body).fillColor('black');
  }

  /** "Label: value" as one paragraph, the label in bold. */
  field(label: string, value: string): void {
    this.ensureSpace(this.lineHeight(SIZES.body));
    this.block('P', () => {
      this.doc.font('bold').fontSize(SIZES.body).fillColor('black').text(`${label}: `, this.left, this.doc.y, {
        width: this.contentWidth,
        continued: true,
        lineGap: 2,
      });
      this.doc.font('body').text(value, { lineGap: 2 });
    });
    this.doc.moveDown(0.25);
  }

  /** A list; each item keeps its label and first line together and wraps under itself. */
  list(items: string[], opts: { numbered?: boolean } = {}): void {
    const list = this.doc.struct('L');
    this.root.add(list);
    const indent = opts.numbered ? 24 : 14;
    items.forEach((item, i) => {
      this.doc.font('body').fontSize(SIZES.body);
      // Items of up to six lines are not split over two pages; longer ones continue on the next page.
      const height = this.doc.heightOfString(item, { width: this.contentWidth - indent, lineGap: 2 });
      this.ensureSpace(Math.min(height, this.lineHeight(SIZES.body) * 6));
      const li = this.doc.struct('LI');
      list.add(li);
      const y = this.doc.y;
      const label = opts.numbered ? `${i + 1}.` : '•';
      this.block('Lbl', () => this.doc.text(label, this.left, y, { width: indent, lineBreak: false }), li);
      this.block('LBody', () => this.doc.text(item, this.left + indent, y, { width: this.contentWidth - indent, lineGap: 2 }), li);
      li.end();
      this.doc.x = this.left;
      this.doc.moveDown(0.3);
    });
    list.end();
    this.doc.moveDown(0.2);
  }

  /**
   * A table with a header row (TH cells), drawn by pdfkit's tagged table support; rows that do not fit move to
   * the next page.
   */
  table(columns: TableColumn[], rows: string[][], opts: { boldLastRow?: boolean } = {}): void {
    const size = SIZES.body - 0.5;
    this.doc.font('body').fontSize(size).fillColor('black');
    // A table that fits on one page is kept on one page.
    const height = this.estimateTableHeight(columns, rows, size);
    const usable = this.doc.page.maxY() - PAGE_MARGINS.top;
    this.ensureSpace(height < usable ? height : this.lineHeight(size) * 4);
    this.doc.font('body').fontSize(size);
    const header = columns.map((c) => ({ text: c.header, type: 'TH' as const, font: { src: 'bold' }, align: { x: c.align ?? 'left' } }));
    const body = rows.map((r, ri) =>
      r.map((text, ci) => ({
        text,
        type: 'TD' as const,
        align: { x: columns[ci].align ?? 'left' },
        ...(opts.boldLastRow && ri === rows.length - 1 ? { font: { src: 'bold' } } : {}),
      })),
    );
    const options = {
      position: { x: this.left, y: this.doc.y },
      maxWidth: this.contentWidth,
      columnStyles: columns.map((c) => ({ width: c.width })),
      defaultStyle: { border: 0.5, borderColor: '#777777', padding: TABLE_PADDING },
      data: [header, ...body],
      structParent: this.root,
    };
    // pdfkit 0.20 supports `structParent` on tables (Table/TR/TH/TD tags); @types/pdfkit does not know it yet.
    (this.doc as unknown as { table(o: unknown): unknown }).table(options);
    this.doc.x = this.left;
    this.doc.moveDown(0.6);
    this.doc.font('body').fontSize(SIZES.body);
  }

  private estimateTableHeight(columns: TableColumn[], rows: string[][], size: number): number {
    const fixed = columns.reduce((s, c) => s + (c.width === '*' ? 0 : c.width), 0);
    const stars = columns.filter((c) => c.width === '*').length || 1;
    const widths = columns.map((c) => (c.width === '*' ? (this.contentWidth - fixed) / stars : c.width));
    const pad = TABLE_PADDING.top + TABLE_PADDING.bottom;
    const rowHeight = (cells: string[], font: string) =>
      Math.max(...cells.map((text, i) => this.doc.font(font).fontSize(size).heightOfString(text || ' ', { width: widths[i] - TABLE_PADDING.left - TABLE_PADDING.right })));
    let h = rowHeight(columns.map((c) => c.header), 'bold') + pad;
    for (const r of rows) h += rowHeight(r, 'body') + pad;
    this.doc.font('body');
    return h;
  }

  /** Signature fields: a box per signatory with name, a date line and a line to sign on. */
  signatureFields(fields: { heading: string; name: string; dateLabel: string; signLabel: string }[]): void {
    const boxHeight = 118;
    const gap = 16;
    const width = (this.contentWidth - gap) / 2;
    for (let i = 0; i < fields.length; i += 2) {
      this.ensureSpace(boxHeight + 10);
      const top = this.doc.y;
      fields.slice(i, i + 2).forEach((f, j) => {
        const x = this.left + j * (width + gap);
        const inner = width - 16;
        const dateY = top + 58;
        const signLineY = top + boxHeight - 22;
        this.artifact(() => {
          this.doc.lineWidth(0.7).strokeColor('#777777').rect(x, top, width, boxHeight).stroke();
          const dateWidth = this.doc.font('body').fontSize(SIZES.small).widthOfString(f.dateLabel) + 4;
          this.doc.lineWidth(0.5).moveTo(x + 8 + dateWidth, dateY + 9).lineTo(x + width - 8, dateY + 9).stroke();
          this.doc.moveTo(x + 8, signLineY).lineTo(x + width - 8, signLineY).stroke();
        });
        this.block('Div', () => {
          this.doc.font('bold').fontSize(SIZES.body).fillColor('black').text(f.heading, x + 8, top + 8, { width: inner });
          this.doc.font('body').text(f.name, x + 8, this.doc.y + 2, { width: inner });
          this.doc.fontSize(SIZES.small).fillColor(MUTED).text(f.dateLabel, x + 8, dateY, { width: inner, lineBreak: false });
          this.doc.text(f.signLabel, x + 8, signLineY + 3, { width: inner, lineBreak: false });
        });
        this.doc.fillColor('black').fontSize(SIZES.body);
      });
      this.doc.x = this.left;
      this.doc.y = top + boxHeight + 10;
    }
  }

  /** Decoration that assistive technology skips. */
  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  /**
   * Starts an appendix on a new page (the signing certificate): the pages before keep their own numbering,
   * so they read exactly as the document did on its own.
   */
  startAppendix(templateRef: string, label: (n: number, of: number) => string): void {
    this.newPage();
    this.appendix = { startsAt: this.doc.bufferedPageRange().count - 1, templateRef, label };
  }

  /** Numbers the pages, closes the structure and returns the PDF with its page count. */
  finish(): Promise<{ pdf: Buffer; pageCount: number }> {
    this.root.end();
    const range = this.doc.bufferedPageRange();
    const bodyPages = this.appendix ? this.appendix.startsAt : range.count;
    const pageLabel = this.meta.labels?.page ?? ((n: number, of: number) => `Sida ${n} av ${of}`);
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const inAppendix = this.appendix !== undefined && i >= bodyPages;
      const label = inAppendix ? this.appendix!.label(i - bodyPages + 1, range.count - bodyPages) : pageLabel(i + 1, bodyPages);
      const y = this.doc.page.height - PAGE_MARGINS.bottom + 24;
      // The footer lies below the text area: lift the bottom margin while writing it, or pdfkit adds a page.
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.doc.font('body').fontSize(SIZES.small).fillColor(MUTED);
      this.doc.text(inAppendix ? this.appendix!.templateRef : this.meta.templateRef, this.left, y, { lineBreak: false });
      this.doc.text(label, this.left, y, { width: this.contentWidth, align: 'right', lineBreak: false });
      this.doc.endMarkedContent();
      this.doc.page.margins.bottom = bottom;
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve({ pdf: Buffer.concat(chunks), pageCount: range.count }));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
