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
  return { type };
}
