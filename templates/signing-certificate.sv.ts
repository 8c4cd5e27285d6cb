import { formatTimestamp, PdfLayout, required, TemplateDataError } from './pdf-layout';
import { RenderedPdf, TemplateDefinition, templateRef } from './template';

/**
 * Signeringsintyg: the last page(s) of a signed version of a document. It lists every signature and the SHA-256
 * of the original the signers saw. The pages before it are the original re-rendered from the same template
 * version and the same data (so their text is the original's); the original's bytes stay stored unchanged.
 */

export interface CertificateSignature {
  roleLabel: string;
  signerName: string;
  signerUserId: string;
  /** ISO timestamp. */
  signedAt: string;
  /** e.g. "Inloggad användare i Medverkan (enkel elektronisk underskrift)". */
  methodLabel: string;
  ipAddress: string | null;
  userAgent: string | null;
  /** The SHA-256 of the document the signer was shown and signed. */
  signedSha256: string;
}

export interface SigningCertificateData {
  generatedAt: string;
  original: { documentId: string; templateRef: string; sha256: string; createdAt: string; pageCount: number };
  signatures: CertificateSignature[];
  /** Roles that still have to sign (labels); empty when everyone has signed. */
  pendingRoles: string[];
}

export const SIGNING_CERTIFICATE_REF = 'signing-certificate.sv@1';

const HASH = /^[0-9a-f]{64}$/;

export function drawSigningCertificate(layout: PdfLayout, d: SigningCertificateData): void {
  if (!HASH.test(d.original?.sha256 ?? '')) throw new TemplateDataError('Originalets SHA-256 saknas.');
  if (d.signatures.length === 0) throw new TemplateDataError('Ett signeringsintyg kräver minst en signatur.');
  for (const s of d.signatures) {
    if (!HASH.test(s.signedSha256)) throw new TemplateDataError('En signatur saknar kontrollsumma.');
    required(s.signerName, 'Signerarens namn');
  }
  layout.startAppendix(SIGNING_CERTIFICATE_REF, (n, of) => `Signeringsintyg, sida ${n} av ${of}`);
  layout.title('Signeringsintyg');
  layout.paragraph(
    `Detta intyg hör till dokumentet ${d.original.documentId}. Sidorna 1–${d.original.pageCount} ovan är originaldokumentet, återgivet från samma mall (${d.original.templateRef}) och samma uppgifter. Originalet finns sparat oförändrat; dess SHA-256-kontrollsumma är:`,
  );
  layout.paragraph(d.original.sha256, { mono: true, size: 9 });
  layout.field('Originalet skapades', formatTimestamp(d.original.createdAt, 'Originalets tidpunkt'));
  layout.field('Intyget upprättades', formatTimestamp(d.generatedAt, 'generatedAt'));
  layout.paragraph(
    d.pendingRoles.length === 0
      ? 'Alla parter har signerat.'
      : `Väntar på signering av: ${d.pendingRoles.join(', ')}.`,
    { bold: true },
  );

  d.signatures.forEach((s, i) => {
    layout.heading(`Signatur ${i + 1}: ${s.roleLabel}`, 3);
    layout.field('Namn', s.signerName);
    layout.field('Användar-id', s.signerUserId);
    layout.field('Tidpunkt', `${formatTimestamp(s.signedAt, 'Signeringstid')} (svensk tid)`);
    layout.field('Metod', s.methodLabel);
    layout.field('IP-adress', s.ipAddress ?? 'okänd');
    layout.field('Webbläsare', s.userAgent ?? 'okänd');
    layout.field('Signerad kontrollsumma', s.signedSha256 === d.original.sha256 ? 'samma som originalets (ovan)' : s.signedSha256);
  });

  layout.heading('Så kontrollerar du dokumentet', 3);
  layout.paragraph(
    'Beräkna SHA-256 för originalfilen (till exempel med kommandot sha256sum) och jämför med kontrollsumman ovan. Medverkan kontrollerar också detta och visar vem som har signerat. Signeringen är en enkel elektronisk underskrift av en inloggad användare; den är inte gjord med BankID.',
    { muted: true },
  );
}

/** Renders the original template with its data, then the certificate, as one new PDF. */
export async function renderSealed<D>(
  template: TemplateDefinition<D>,
  data: D & { generatedAt: string },
  certificate: SigningCertificateData,
): Promise<RenderedPdf> {
  if (templateRef(template) !== certificate.original.templateRef) throw new TemplateDataError('Intyget hör till en annan mall.');
  const layout = new PdfLayout({
    title: `${template.title(data)} (signerad)`,
    lang: template.lang,
    generatedAt: certificate.generatedAt,
    templateRef: templateRef(template),
    labels: template.lang.startsWith('en') ? { page: (n, of) => `Page ${n} of ${of}` } : undefined,
  });
  template.draw(layout, data);
  drawSigningCertificate(layout, certificate);
  return layout.finish();
}
