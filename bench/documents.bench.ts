/**
 * Documents (issue 9, benchmark 4): agreement PDFs per second through `renderAgreement` (templates/index.ts: the
 * tagged, accessible layout of templates/pdf-layout.ts) against the baseline of a bare pdfkit document that prints
 * the same text, in the same fonts and sizes, with the same embedded DejaVu fonts, as plain flowing text (no
 * structure tree, tables, headings or page numbers). Target: an agreement costs at most 2× the bare document.
 * The two are rendered alternately in small batches, so drift in the machine's load falls on both.
 *
 * The baseline is taken both ways a bare pdfkit program could register its fonts: parsing each font once per process
 * and handing pdfkit the parsed font (what templates/pdf-layout.ts does; the strict baseline, and the ratio the
 * target is judged on), and handing it the font file's Buffer for every document (the naive way, which makes pdfkit
 * parse the whole font again per document — and, in a layout with table cells in their own fonts, per cell).
 *
 *   npm run bench:documents            (BENCH_DOCUMENTS=300 per side)
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { renderAgreement } from '../templates';
import { agreementSv } from '../templates/agreement.sv';
import { PdfLayout } from '../templates/pdf-layout';
import { templateRef } from '../templates/template';
import { sampleAgreement } from '../test/support/document-fixtures';
import * as fontkit from 'fontkit';
import { envInt, fmt, log, machine, now, runBench, saveResult, summarise, table } from './support/report';

const N = envInt('BENCH_DOCUMENTS', 300);
const BATCH = 10;

interface Piece {
  text: string;
  font: 'body' | 'bold' | 'mono';
  size: number;
}

/** What the agreement prints: every string handed to pdfkit's text(), with its font and size, in order. */
function agreementText(): Piece[] {
  const data = sampleAgreement();
  const layout = new PdfLayout({ title: agreementSv.title(data), lang: agreementSv.lang, generatedAt: data.generatedAt, templateRef: templateRef(agreementSv) });
  const doc = layout.doc as unknown as { text: (...a: unknown[]) => unknown; _font?: { name?: string }; _fontSize?: number };
  const pieces: Piece[] = [];
  const text = doc.text;
  doc.text = function (this: unknown, ...args: unknown[]) {
    const name = doc._font?.name ?? '';
    if (typeof args[0] === 'string' && args[0].trim()) {
      pieces.push({ text: args[0], font: /Mono/.test(name) ? 'mono' : /Bold/.test(name) ? 'bold' : 'body', size: doc._fontSize ?? 10 });
    }
    return text.apply(this, args);
  };
  agreementSv.draw(layout, data);
  return pieces;
}

const FONT_FILES: Record<Piece['font'], string> = { body: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' };
const fontFiles = Object.fromEntries(
  Object.entries(FONT_FILES).map(([k, file]) => [k, fs.readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`))]),
) as Record<Piece['font'], Buffer>;
const parsedFonts = Object.fromEntries(Object.entries(fontFiles).map(([k, buf]) => [k, fontkit.create(buf)])) as Record<Piece['font'], unknown>;

/**
 * The baseline: the same pieces of text as plain flowing text in a bare pdfkit document with the same fonts,
 * registered as parsed fonts (`parsed`) or as the files' Buffers.
 */
function renderBare(pieces: readonly Piece[], parsed: boolean): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 64, left: 56, right: 56 }, pdfVersion: '1.7', info: { Title: 'Överenskommelse' } });
  const used = new Set(pieces.map((p) => p.font));
  for (const k of used) doc.registerFont(k, (parsed ? parsedFonts[k] : fontFiles[k]) as PDFKit.Mixins.PDFFontSource);
  const width = doc.page.width - 112;
  for (const p of pieces) doc.font(p.font).fontSize(p.size).text(p.text, { width });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

runBench(async () => {
  log(`documents benchmark: ${N} agreements and ${N} bare documents, alternating in batches of ${BATCH}`);
  log(machine());
  const pieces = agreementText();
  const data = sampleAgreement();
  const agreement = await renderAgreement(data);
  const bare = await renderBare(pieces, true);
  const chars = pieces.reduce((s, p) => s + p.text.length, 0);
  log(`agreement: ${pageCount(agreement)} pages, ${fmt(agreement.length / 1024)} KB; bare: ${pageCount(bare)} pages, ${fmt(bare.length / 1024)} KB; ${pieces.length} text runs, ${chars} characters`);

  const variants = {
    bare: { label: 'bare pdfkit, fonts parsed once (baseline)', render: () => renderBare(pieces, true) },
    agreement: { label: 'renderAgreement', render: () => renderAgreement(data) },
    bareBuffers: { label: 'bare pdfkit, fonts as Buffers (naive)', render: () => renderBare(pieces, false) },
  } as const;
  type Variant = keyof typeof variants;
  const names = Object.keys(variants) as Variant[];

  // Warm-up (JIT, caches) for every variant.
  for (const v of names) for (let i = 0; i < 5; i++) await variants[v].render();

  const times = Object.fromEntries(names.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  const wall = Object.fromEntries(names.map((v) => [v, 0])) as Record<Variant, number>;
  for (let done = 0, round = 0; done < N; done += BATCH, round++) {
    const k = Math.min(BATCH, N - done);
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const v of order) {
      const t0 = now();
      for (let i = 0; i < k; i++) {
        const s = now();
        await variants[v].render();
        times[v].push(now() - s);
      }
      wall[v] += now() - t0;
    }
  }
  const perSecond = (v: Variant) => (times[v].length / wall[v]) * 1000;
  const ratio = wall.agreement / wall.bare;
  const ratioNaive = wall.agreement / wall.bareBuffers;
  console.log('');
  console.log(`== Documents (${new Date().toISOString()}) ==`);
  console.log(machine());
  console.log(
    table(
      ['document', 'n', 'per second', 'mean ms', 'p50 ms', 'p95 ms'],
      names.map((v) => {
        const t = summarise(times[v]);
        return [variants[v].label, t.n, fmt(perSecond(v)), fmt(t.mean), fmt(t.p50), fmt(t.p95)];
      }),
    ),
  );
  console.log(`pages/KB: agreement ${pageCount(agreement)} / ${fmt(agreement.length / 1024)}, bare ${pageCount(bare)} / ${fmt(bare.length / 1024)}`);
  console.log(`RATIO agreement / bare cost: ${fmt(ratio, 2)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'MISSED'})`);
  console.log(`  against a bare document that registers its fonts as Buffers: ${fmt(ratioNaive, 2)}×`);
  saveResult('documents', {
    N,
    perSecond: Object.fromEntries(names.map((v) => [v, perSecond(v)])),
    ms: Object.fromEntries(names.map((v) => [v, summarise(times[v])])),
    ratio,
    ratioNaive,
  });
});
