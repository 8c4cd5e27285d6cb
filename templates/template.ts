import { PdfLayout } from './pdf-layout';

export type DocumentKind = 'agreement' | 'declaration' | 'payout-slip' | 'yearly-report';

/**
 * One version of one template. A template never changes once documents have been made from it: a change is a
 * new definition with a bumped `version`, and the old one stays registered so stored documents can still be
 * re-rendered (the signing certificate re-renders the original and appends itself).
 */
export interface TemplateDefinition<D> {
  /** e.g. 'agreement.sv' */
  id: string;
  /** e.g. '1' */
  version: string;
  kind: DocumentKind;
  /** BCP 47 language of the printed text. */
  lang: string;
  title(data: D): string;
  /** File name for downloads, without extension. */
  fileName(data: D): string;
  /** Validates the data and draws the document (throws TemplateDataError on data it cannot print). */
  draw(layout: PdfLayout, data: D): void;
}

export const templateRef = (t: { id: string; version: string }) => `${t.id}@${t.version}`;

export interface RenderedPdf {
  pdf: Buffer;
  pageCount: number;
}

/** Renders data with one template version: pure, no I/O besides reading the fonts. */
export async function renderTemplate<D>(template: TemplateDefinition<D>, data: D & { generatedAt: string }): Promise<RenderedPdf> {
  const layout = new PdfLayout({
    title: template.title(data),
    lang: template.lang,
    generatedAt: data.generatedAt,
    templateRef: templateRef(template),
    labels: template.lang.startsWith('en') ? { page: (n, of) => `Page ${n} of ${of}` } : undefined,
  });
  template.draw(layout, data);
  return layout.finish();
}
