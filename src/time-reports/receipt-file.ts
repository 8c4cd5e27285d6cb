import { constants as zlibConstants, inflateSync } from 'node:zlib';

/**
 * Receipt files: PDF, JPEG or PNG up to 10 MB. The type is decided from the file's first bytes, not from the name
 * or the browser's claim, and the two must agree.
 */
export const RECEIPT_MAX_BYTES = 10 * 1024 * 1024;

export const RECEIPT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

const SIGNATURES: Array<{ type: ReceiptType; bytes: number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The receipt type the content really is, or undefined when it is none of PDF, JPEG and PNG. */
export function sniffReceiptType(content: Uint8Array): ReceiptType | undefined {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => content[i] === b))?.type;
}

/** Limits on what a receipt unpacks to: pages and inflated streams of a PDF, pixels of an image. */
export const RECEIPT_MAX_PDF_PAGES = 100;
export const RECEIPT_MAX_PDF_INFLATED_BYTES = 100 * 1024 * 1024;
export const RECEIPT_MAX_IMAGE_PIXELS = 50_000_000;

/**
 * Multer (busboy) reads a multipart file name as latin1, so `Tågbiljett.pdf` sent in UTF-8 arrives as
 * `TÃ¥gbiljett.pdf`. The name is read back as UTF-8 when its bytes are valid UTF-8 (a real latin1 name with
 * å/ä/ö is not), and normalised to NFC.
 */
export function decodeUploadedFileName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (/[^\u0000-\u00ff]/.test(name)) return name.normalize('NFC'); // already decoded (not latin1 bytes)
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return (utf8.includes('\ufffd') ? name : utf8).normalize('NFC');
}

/** The Flate-encoded streams of a PDF (dictionary text and raw bytes), found by their keywords. */
function* pdfStreams(pdf: Buffer): Generator<{ dict: string; data: Buffer }> {
  const text = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (text.slice(m.index - 3, m.index) === 'end') continue;
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const dictStart = text.lastIndexOf('obj', m.index);
    yield { dict: text.slice(dictStart < 0 ? Math.max(0, m.index - 2048) : dictStart, m.index), data: pdf.subarray(start, end) };
    re.lastIndex = end + 'endstream'.length;
  }
}

const PAGE_OBJECT = /\/Type\s*\/Page(?![a-zA-Z])/g;

/**
 * A PDF's problem when it has more than RECEIPT_MAX_PDF_PAGES pages or its Flate streams inflate to more than
 * RECEIPT_MAX_PDF_INFLATED_BYTES together (a compression bomb): each stream is inflated with Node's zlib capped
 * at what is left of the budget (`maxOutputLength`), so a bomb is refused without being inflated whole.
 */
export function pdfProblem(pdf: Buffer): string | undefined {
  let pages = (pdf.toString('latin1').match(PAGE_OBJECT) ?? []).length;
  let inflated = 0;
  for (const { dict, data } of pdfStreams(pdf)) {
    if (!/\/FlateDecode/.test(dict)) continue;
    const budget = RECEIPT_MAX_PDF_INFLATED_BYTES - inflated;
    let out: Buffer;
    try {
      out = inflateSync(data, { maxOutputLength: budget + 1, finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
        return `PDF-filen packas upp till mer än ${RECEIPT_MAX_PDF_INFLATED_BYTES / 1024 / 1024} MB och tas inte emot. Skicka en vanlig PDF eller en bild av kvittot.`;
      }
      continue; // a stream zlib cannot read adds nothing
    }
    inflated += out.length;
    if (inflated > RECEIPT_MAX_PDF_INFLATED_BYTES) {
      return `PDF-filen packas upp till mer än ${RECEIPT_MAX_PDF_INFLATED_BYTES / 1024 / 1024} MB och tas inte emot. Skicka en vanlig PDF eller en bild av kvittot.`;
    }
    // Pages may sit in compressed object streams.
    if (/\/ObjStm/.test(dict)) pages += (out.toString('latin1').match(PAGE_OBJECT) ?? []).length;
  }
  if (pages > RECEIPT_MAX_PDF_PAGES) return `PDF-filen har fler än ${RECEIPT_MAX_PDF_PAGES} sidor. Skicka bara kvittots sidor.`;
  return undefined;
}

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame header, undefined when none is found. */
export function imageSize(content: Buffer, type: 'image/png' | 'image/jpeg'): { width: number; height: number } | undefined {
  if (type === 'image/png') {
    if (content.length < 24 || content.toString('latin1', 12, 16) !== 'IHDR') return undefined;
    return { width: content.readUInt32BE(16), height: content.readUInt32BE(20) };
  }
  let i = 2;
  while (i + 9 < content.length) {
    if (content[i] !== 0xff) return undefined;
    const marker = content[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = content.readUInt16BE(i + 2);
    // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: content.readUInt16BE(i + 5), width: content.readUInt16BE(i + 7) };
    }
    if (marker === 0xda || length < 2) return undefined;
    i += 2 + length;
  }
  return undefined;
}

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string | undefined, type: ReceiptType): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  if (cleaned) return cleaned;
  return `kvitto.${type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg'}`;
}

/** Problems with an uploaded file (Swedish), with the sniffed type when it is acceptable. */
export function checkReceiptFile(file: { size: number; buffer: Uint8Array; mimetype?: string } | undefined): { type?: ReceiptType; problem?: string } {
  if (!file || file.size === 0) return { problem: 'Bifoga kvittot som en fil (fältet "file").' };
  if (file.size > RECEIPT_MAX_BYTES) return { problem: 'Filen är större än 10 MB.' };
  const type = sniffReceiptType(file.buffer);
  if (!type) return { problem: 'Kvittot måste vara en PDF-, JPEG- eller PNG-fil.' };
  const claimed = (file.mimetype ?? '').toLowerCase();
  if (claimed && claimed !== 'application/octet-stream' && claimed !== type && !(claimed === 'image/jpg' && type === 'image/jpeg')) {
    return { problem: 'Filens innehåll stämmer inte med filtypen.' };
  }
  const buffer = Buffer.from(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength);
  if (type === 'application/pdf') {
    const problem = pdfProblem(buffer);
    if (problem) return { problem };
  } else {
    const size = imageSize(buffer, type);
    // A header that cannot be read is let through (the signature matched); only a stated size is capped.
    if (size && size.width * size.height > RECEIPT_MAX_IMAGE_PIXELS) {
      return { problem: `Bilden har fler än ${RECEIPT_MAX_IMAGE_PIXELS / 1_000_000} miljoner bildpunkter. Skicka en mindre bild av kvittot.` };
    }
  }
  return { type };
}
