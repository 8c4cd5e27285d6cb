import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Reads PDFs back the way a person would see them, with poppler's pdftotext and pdfinfo
 * (installed by scripts/system-deps.sh).
 */
function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medverkan-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  try {
    fs.writeFileSync(file, pdf);
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface TextOptions {
  /** 1-based page range. */
  first?: number;
  last?: number;
  /** Keep the physical layout (`pdftotext -layout`) instead of content-stream order (`-raw`). */
  layout?: boolean;
}

/** The text of the PDF, as UTF-8. */
export function pdfText(pdf: Buffer, pages: TextOptions = {}): string {
  return withFile(pdf, (file) => {
    const args = ['-enc', 'UTF-8'];
    // -raw: content-stream order, which is the reading order the templates draw in, and no de-hyphenation
    // ("patient- eller" stays as printed).
    args.push(pages.layout ? '-layout' : '-raw');
    if (pages.first) args.push('-f', String(pages.first));
    if (pages.last) args.push('-l', String(pages.last));
    return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
  });
}

/** The text with every run of white space (line breaks, non-breaking spaces) made one space. */
export function flatText(pdf: Buffer, pages: TextOptions = {}): string {
  return normalize(pdfText(pdf, pages));
}

const FOOTER = /^\s*(?:[a-z][a-z.-]*@\d+\s*)?(?:(?:Sida|Page) \d+ (?:av|of) \d+|Signeringsintyg, sida \d+ av \d+)?\s*$/;

/**
 * Like flatText, without the page footers (template reference and "Sida X av Y"), so text that continues
 * from one page to the next reads as one run.
 */
export function bodyText(pdf: Buffer, pages: TextOptions = {}): string {
  const lines = pdfText(pdf, pages)
    .replace(/\f/g, '\n')
    .split('\n')
    .filter((l) => !FOOTER.test(l) || l.trim() === '');
  return normalize(lines.join('\n'));
}

export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** pdfinfo's fields (Title, Pages, Tagged, …). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  return withFile(pdf, (file) => {
    const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
    const info: Record<string, string> = {};
    for (const line of out.split('\n')) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m) info[m[1].trim()] = m[2].trim();
    }
    return info;
  });
}

/** The document language from the catalog (/Lang), which pdfinfo does not print. */
export function pdfLang(pdf: Buffer): string | undefined {
  return /\/Lang \(([^)]*)\)/.exec(pdf.toString('latin1'))?.[1];
}
