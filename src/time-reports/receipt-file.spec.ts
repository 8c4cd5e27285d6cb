import { deflateSync } from 'node:zlib';
import { checkReceiptFile, cleanFileName, decodeUploadedFileName, RECEIPT_MAX_IMAGE_PIXELS } from './receipt-file';

const file = (buffer: Buffer, mimetype: string) => ({ size: buffer.length, buffer, mimetype });

/** A minimal PDF with the given page objects and one Flate content stream. */
function pdf(pages: number, stream: Buffer): Buffer {
  const objs = Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n`).join('');
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count ${pages} >> endobj\n${objs}`),
    Buffer.from(`99 0 obj << /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
    stream,
    Buffer.from('\nendstream\nendobj\n%%EOF\n'),
  ]);
}

function png(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('receipt files (issue 14 #3)', () => {
  it('keeps a Swedish file name that multer read as latin1 in UTF-8, NFC', () => {
    const asMulterGivesIt = Buffer.from('Tågbiljett.pdf', 'utf8').toString('latin1');
    expect(asMulterGivesIt).toBe('TÃ¥gbiljett.pdf');
    expect(cleanFileName(decodeUploadedFileName(asMulterGivesIt), 'application/pdf')).toBe('Tågbiljett.pdf');
    const decomposed = Buffer.from('Ta\u030agbiljett.pdf', 'utf8').toString('latin1');
    expect(decodeUploadedFileName(decomposed)).toBe('Tågbiljett.pdf');
    // A name that is not UTF-8 bytes (a real latin1 "å") is kept as it came.
    expect(decodeUploadedFileName('T\u00e5g.pdf')).toBe('Tåg.pdf');
    expect(decodeUploadedFileName('parkering.png')).toBe('parkering.png');
  });

  it('refuses a PDF compression bomb without inflating it whole', () => {
    const bomb = deflateSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 }); // 200 MB of zeros, ≈ 200 kB packed
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    const checked = checkReceiptFile(file(pdf(1, bomb), 'application/pdf'));
    expect(checked).toEqual({ problem: expect.stringMatching(/packas upp till mer än 100 MB/) });
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });

  it('accepts an ordinary PDF and refuses one with too many pages', () => {
    const content = deflateSync(Buffer.from('BT /F1 12 Tf 72 712 Td (Kvitto 120 kr) Tj ET'));
    expect(checkReceiptFile(file(pdf(2, content), 'application/pdf'))).toEqual({ type: 'application/pdf' });
    expect(checkReceiptFile(file(pdf(101, content), 'application/pdf'))).toEqual({ problem: 'PDF-filen har fler än 100 sidor. Skicka bara kvittots sidor.' });
  });

  it('refuses images whose header states more pixels than the limit', () => {
    expect(checkReceiptFile(file(png(4000, 3000), 'image/png'))).toEqual({ type: 'image/png' });
    expect(checkReceiptFile(file(png(100_000, 100_000), 'image/png')).problem).toMatch(/miljoner bildpunkter/);
    expect(checkReceiptFile(file(jpeg(4000, 3000), 'image/jpeg'))).toEqual({ type: 'image/jpeg' });
    expect(checkReceiptFile(file(jpeg(65_000, 65_000), 'image/jpeg')).problem).toMatch(/miljoner bildpunkter/);
    expect(65_000 * 65_000).toBeGreaterThan(RECEIPT_MAX_IMAGE_PIXELS);
  });
});
