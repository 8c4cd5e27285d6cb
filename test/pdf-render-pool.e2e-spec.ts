import { threadId } from 'node:worker_threads';
import { CURRENT_TEMPLATES } from '../templates';
import { TemplateDataError } from '../templates/pdf-layout';
import { renderTemplate, TemplateDefinition } from '../templates/template';
import { renderOffThread, stopPdfRenderThreads } from '../src/documents/pdf-render-pool';
import { sampleAgreement, samplePayoutSlip } from './support/document-fixtures';

/** src/documents/pdf-render-pool.ts: PDFs rendered on a thread of their own are the same PDFs. */
describe('PDF render thread', () => {
  const agreement = CURRENT_TEMPLATES['agreement.sv'] as unknown as TemplateDefinition<unknown>;
  const slip = CURRENT_TEMPLATES['payout-slip.sv'] as unknown as TemplateDefinition<unknown>;
  const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const notInline = () => Promise.reject(new Error('rendered on the calling thread'));
  afterAll(() => stopPdfRenderThreads());

  it('renders on another thread, byte for byte what the calling thread renders', async () => {
    expect(threadId).toBe(0);
    for (const [template, data] of [
      [agreement, json(sampleAgreement())],
      [slip, json(samplePayoutSlip())],
    ] as const) {
      const here = await renderTemplate(template, data as { generatedAt: string });
      const there = await renderOffThread(template.id, template.version, data, notInline);
      expect(Buffer.isBuffer(there.pdf)).toBe(true);
      expect(there.pageCount).toBe(here.pageCount);
      expect(there.pdf.equals(here.pdf)).toBe(true);
    }
  });

  it('renders many at once, each its own document', async () => {
    const names = ['Ada Ek', 'Bo Ås', 'Cia Öst', 'Dan Ärn', 'Eva Al', 'Fia Björk'];
    const pdfs = await Promise.all(
      names.map((name) => {
        const data = json(sampleAgreement({ representative: { ...sampleAgreement().representative, name } }));
        return renderOffThread(agreement.id, agreement.version, data, notInline);
      }),
    );
    const expected = await Promise.all(
      names.map((name) => renderTemplate(agreement, json(sampleAgreement({ representative: { ...sampleAgreement().representative, name } })))),
    );
    pdfs.forEach((p, i) => expect(p.pdf.equals(expected[i].pdf)).toBe(true));
  });

  it('gives back the template’s refusal of bad data as the same error', async () => {
    const bad = json(sampleAgreement({ representative: { ...sampleAgreement().representative, role: 'okänd' as never } }));
    const err = await renderOffThread(agreement.id, agreement.version, bad, notInline).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateDataError);
    expect((err as Error).message).toBe('Företrädarens roll är okänd.');
  });
});
