import { DocumentsRepository } from './documents.repository';
import { renderOffThread } from './pdf-render-pool';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  CURRENT_TEMPLATES,
  findTemplateVersion,
  isTemplateId,
  renderSealed,
  renderTemplate,
  SIGNING_CERTIFICATE_REF,
  TemplateDataError,
  TemplateDataOf,
  TemplateDefinition,
  TemplateId,
  templateRef,
} from '../../templates';
import type { SigningCertificateData } from '../../templates';
import type { DocumentKind, RenderedPdf } from '../../templates/template';
import { appendAudit } from '../audit/audit-log.repository';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { DocumentSignature } from './document-signature.entity';
import { containsPersonnummer } from './personal-data.guard';
import { METHOD_LABELS_SV, ROLE_LABELS_SV, SignatureMethod, Signer, SignerRole, SIGNER_ROLES, SIGNING_RULES } from './signing/signer';
import { DocumentVariant, StoredDocument } from './stored-document.entity';
import { isUuid } from '../common/uuid';

/** What a document is about; its scope rules decide who may see it (e.g. 'assignment', 'person', 'group'). */
export interface DocumentSubject {
  type: string;
  id: string;
}

export interface GenerateDocumentInput<T extends TemplateId> {
  template: T;
  data: TemplateDataOf<T>;
  subject: DocumentSubject;
  /** A user id, or `system:<workflow id>` when an activity generates it. */
  actor: string;
  /**
   * Optional: the same key returns the document made the first time (for retried activities; derive it from the
   * workflow ID and step). Without a key every call stores a new record.
   */
  idempotencyKey?: string;
}

export interface SignatureView {
  id: string;
  role: SignerRole;
  roleLabel: string;
  method: SignatureMethod;
  signerUserId: string;
  signerName: string;
  signedAt: string;
  /** The hash the signer signed. */
  documentSha256: string;
}

export interface DocumentView {
  id: string;
  kind: DocumentKind;
  variant: DocumentVariant;
  template: { id: string; version: string; ref: string };
  subject: DocumentSubject;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number;
  createdAt: string;
  createdBy: string;
  /** For a sealed version: the original and its hash. */
  sealOf: { id: string; sha256: string } | null;
  /** Signatures of the original (for a sealed version: of the original it seals). */
  signatures: SignatureView[];
  /** Roles that still have to sign; empty when complete (and always empty for documents nobody signs). */
  pendingRoles: SignerRole[];
  /** For an original: its sealed versions, oldest first; the last one lists every signature so far. */
  sealedVersions: { id: string; sha256: string; createdAt: string }[];
}

export interface DocumentDownload {
  fileName: string;
  contentType: 'application/pdf';
  sha256: string;
  content: Buffer;
}

export interface SignInput {
  role: SignerRole;
  /** The SHA-256 the client was shown; a different stored hash means the signer did not see this document. */
  expectedSha256: string;
}

export interface SignResult {
  signature: SignatureView;
  /** The new sealed version: the original plus a signing certificate listing every signature so far. */
  sealed: DocumentView;
  /** Every required role has signed. */
  complete: boolean;
  /** True when this user had already signed in this role (nothing new was stored). */
  alreadySigned: boolean;
}

export interface VerificationReport {
  documentId: string;
  kind: DocumentKind;
  variant: DocumentVariant;
  templateRef: string;
  storedSha256: string;
  computedSha256: string;
  /** The stored bytes still hash to the recorded SHA-256. */
  unchanged: boolean;
  /** For a sealed version: the original's check, and whether the seal names the original's hash. */
  original: { documentId: string; storedSha256: string; computedSha256: string; unchanged: boolean; sealMatches: boolean } | null;
  signatures: (SignatureView & { matchesDocument: boolean })[];
  complete: boolean;
  pendingRoles: SignerRole[];
  /** Unchanged, and every signature is over the (unchanged) original's hash. */
  valid: boolean;
  summary: string;
  checkedAt: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
const NOT_FOUND = 'Dokumentet finns inte.';

/** Optional provider: the time signatures and seals are stamped with (tests fix it). */
export const DOCUMENTS_CLOCK = Symbol('DOCUMENTS_CLOCK');

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** JSON with sorted keys, to compare data regardless of how jsonb ordered it. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Renders documents from versioned templates, stores them once (bytes, SHA-256, template, data), signs them with
 * an audit trail and verifies them. Inject it (DocumentStoreModule; the worker's context provides it to activities
 * as `deps.documents`), so the DOCUMENTS_CLOCK provider applies everywhere.
 * Callers are trusted here; who may see or sign what is decided at the HTTP edge (DocumentsController).
 */
@Injectable()
export class DocumentsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Optional() @Inject(DOCUMENTS_CLOCK) clock?: () => Date,
  ) {
    this.clock = clock ?? (() => new Date());
    this.repo = new DocumentsRepository(ds);
  }

  private readonly repo: DocumentsRepository;

  private readonly clock: () => Date;

  /** Renders `data` with the template's current version and stores the PDF. Each call is a new record (unless an idempotency key repeats). */
  async generate<T extends TemplateId>(input: GenerateDocumentInput<T>): Promise<DocumentView> {
    if (!isTemplateId(input.template)) throw new InvalidInputError(`Mallen ${String(input.template)} finns inte.`);
    const template = CURRENT_TEMPLATES[input.template] as unknown as TemplateDefinition<unknown>;
    const subject = this.checkSubject(input.subject);
    const actor = typeof input.actor === 'string' && input.actor.trim() ? input.actor.trim() : null;
    if (!actor) throw new InvalidInputError('Ange vem som skapar dokumentet.');
    // Stored as JSON and re-rendered from JSON later (sealing): render from exactly what is stored.
    const data = JSON.parse(JSON.stringify(input.data ?? null)) as Record<string, unknown> & { generatedAt: string };
    if (data === null || typeof data !== 'object') throw new InvalidInputError('Dokumentets uppgifter saknas.');
    if (containsPersonnummer(data)) {
      throw new InvalidInputError('Uppgifterna innehåller ett personnummer. Dokument får bara innehålla maskerade personnummer (de fyra sista siffrorna).');
    }
    const key = input.idempotencyKey?.trim() || null;
    if (key) {
      const existing = await this.repo.findByKey(key);
      if (existing) return this.sameOrConflict(existing, template, subject, data);
    }
    const rendered = await this.render(() => renderOffThread(template.id, template.version, data, () => renderTemplate(template, data)));
    const row: Partial<StoredDocument> = {
      id: randomUUID(),
      kind: template.kind,
      variant: 'original',
      templateId: template.id,
      templateVersion: template.version,
      subjectType: subject.type,
      subjectId: subject.id,
      data,
      content: rendered.pdf,
      sizeBytes: rendered.pdf.length,
      pageCount: rendered.pageCount,
      sha256: sha256Hex(rendered.pdf),
      fileName: `${template.fileName(data)}.pdf`,
      sealOfId: null,
      sealedSha256: null,
      idempotencyKey: key,
      createdBy: actor,
    };
    try {
      await this.repo.transaction(async (em) => {
        await this.repo.insert(em, row as QueryDeepPartialEntity<StoredDocument>);
        await this.audit(em, actor, 'document.generated', row.id!, {
          kind: row.kind,
          template: templateRef(template),
          sha256: row.sha256,
          subjectType: subject.type,
          subjectId: subject.id,
        });
      });
    } catch (e) {
      // Two retries racing on the same key: the other one stored it.
      const again = key ? await this.repo.findByKey(key) : null;
      if (again) return this.sameOrConflict(again, template, subject, data);
      throw e;
    }
    return this.get(row.id!);
  }

  /** The document's metadata, its signatures and sealed versions (never the bytes or the data). */
  async get(id: string): Promise<DocumentView> {
    return this.view(await this.find(id));
  }

  /** Every document about one subject, oldest first. */
  async listForSubject(subject: DocumentSubject): Promise<DocumentView[]> {
    const rows = await this.repo.ofSubject(subject.type, subject.id);
    return Promise.all(rows.map((r) => this.view(r)));
  }

  /** The data a document was filled with (for re-use by the caller, e.g. the next version of an agreement). */
  async getData(id: string): Promise<Record<string, unknown>> {
    return (await this.find(id)).data;
  }

  /** The exact stored bytes. Each download is written to the audit log (documents hold personal data). */
  async download(id: string, actor: string): Promise<DocumentDownload> {
    const doc = await this.findWithContent(this.repo.manager, id);
    await this.audit(this.ds.manager, actor, 'document.downloaded', doc.id, { sha256: doc.sha256 });
    return { fileName: doc.fileName, contentType: 'application/pdf', sha256: doc.sha256, content: doc.content };
  }

  /**
   * Signs a document in one role and stores a new sealed version (original + signing certificate listing every
   * signature so far and the original's hash). Refuses with 409 when the hash the signer saw is not the stored
   * one, when the stored bytes no longer match their hash, or when another person already signed in this role.
   * Signing again in the same role by the same person changes nothing.
   */
  async sign(id: string, input: SignInput, signer: Signer): Promise<SignResult> {
    if (!(SIGNER_ROLES as readonly string[]).includes(input.role)) throw new InvalidInputError('Okänd roll för signering.', { role: ['Okänd roll.'] });
    const expected = typeof input.expectedSha256 === 'string' ? input.expectedSha256.trim().toLowerCase() : '';
    if (!SHA256.test(expected)) {
      throw new InvalidInputError('Ange kontrollsumman (SHA-256) för dokumentet du har läst.', { expectedSha256: ['64 hexadecimala tecken.'] });
    }
    // Checks first, outside any transaction: the stored document never changes, so they stay true.
    const doc = await this.findWithContent(this.repo.manager, id);
    if (doc.variant === 'sealed') throw new ConflictError('Detta är en signerad version. Signera originaldokumentet.');
    const rules = SIGNING_RULES[doc.kind];
    if (!rules.allowed.includes(input.role)) {
      throw new InvalidInputError(`Dokumentet kan inte signeras i rollen ${input.role}.`, { role: [`Tillåtna roller: ${rules.allowed.join(', ') || 'inga'}.`] });
    }
    if (expected !== doc.sha256) {
      throw new ConflictError('Dokumentet du har läst är inte det som är sparat (kontrollsumman skiljer sig). Öppna dokumentet igen och läs det innan du signerar.');
    }
    if (sha256Hex(doc.content) !== doc.sha256) {
      throw new ConflictError('Dokumentets innehåll stämmer inte med dess kontrollsumma. Det kan inte signeras; kontakta förvaltningen.');
    }
    // The signer may take time (a future BankID signer waits for the person): no lock is held meanwhile.
    const evidence = await signer.sign({ documentId: doc.id, documentSha256: doc.sha256, role: input.role });
    if (evidence.documentSha256 !== doc.sha256 || evidence.role !== input.role) {
      throw new ConflictError('Signeringen gäller inte detta dokument.');
    }
    const result = await this.repo.transaction(async (em) => {
      // One signing of a document at a time, so each sealed version lists every earlier signature.
      await this.repo.lock(em, doc.id);
      const signatures = await this.repo.signaturesOf(doc.id, em);
      const same = signatures.find((s) => s.role === input.role);
      if (same) {
        if (same.signerUserId !== evidence.signerUserId) throw new ConflictError('Någon annan har redan signerat dokumentet i den här rollen.');
        const sealed = await this.repo.latestSealOf(em, doc.id);
        if (!sealed) throw new ConflictError('Den signerade versionen saknas.');
        return { doc, signature: same, sealedId: sealed.id, alreadySigned: true };
      }
      const before = rules.after?.[input.role];
      if (before && !signatures.some((s) => s.role === before.role)) throw new ConflictError(before.message);
      const signature: DocumentSignature = {
        id: randomUUID(),
        documentId: doc.id,
        documentSha256: doc.sha256,
        role: input.role,
        method: evidence.method,
        signerUserId: evidence.signerUserId,
        signerName: evidence.signerName,
        signedAt: evidence.signedAt,
        ipAddress: evidence.ipAddress,
        userAgent: evidence.userAgent,
        evidence: evidence.details,
        createdAt: this.clock(),
      };
      await this.repo.insertSignature(em, signature as QueryDeepPartialEntity<DocumentSignature>);
      await this.audit(em, evidence.signerUserId, 'document.signed', doc.id, {
        signatureId: signature.id,
        role: signature.role,
        method: signature.method,
        sha256: doc.sha256,
      });
      const sealedId = await this.seal(em, doc, [...signatures, signature], evidence.signerUserId);
      return { doc, signature, sealedId, alreadySigned: false };
    });
    const sealed = await this.get(result.sealedId);
    return {
      signature: toSignatureView(result.signature),
      sealed,
      complete: sealed.pendingRoles.length === 0,
      alreadySigned: result.alreadySigned,
    };
  }

  /**
   * Recomputes SHA-256 over the stored bytes (and, for a sealed version, the original's) and reports whether
   * they are unchanged and who signed which hash.
   */
  async verify(id: string): Promise<VerificationReport> {
    const doc = await this.findWithContent(this.repo.manager, id);
    const computed = sha256Hex(doc.content);
    const unchanged = computed === doc.sha256;
    let original: VerificationReport['original'] = null;
    let originalDoc: StoredDocument = doc;
    if (doc.variant === 'sealed' && doc.sealOfId) {
      originalDoc = await this.findWithContent(this.repo.manager, doc.sealOfId);
      const originalComputed = sha256Hex(originalDoc.content);
      original = {
        documentId: originalDoc.id,
        storedSha256: originalDoc.sha256,
        computedSha256: originalComputed,
        unchanged: originalComputed === originalDoc.sha256,
        sealMatches: doc.sealedSha256 === originalDoc.sha256,
      };
    }
    const originalIntact = original ? original.unchanged && original.sealMatches : unchanged;
    const sigs = await this.repo.signaturesOf(originalDoc.id);
    const signatures = sigs.map((s) => ({ ...toSignatureView(s), matchesDocument: originalIntact && s.documentSha256 === originalDoc.sha256 }));
    const pendingRoles = pending(originalDoc.kind, sigs);
    const valid = unchanged && originalIntact && signatures.every((s) => s.matchesDocument);
    const who = signatures.map((s) => `${s.signerName} (${s.roleLabel})`).join(', ');
    const summary = !unchanged
      ? 'Dokumentet har ändrats efter att det sparades: kontrollsumman stämmer inte.'
      : !originalIntact
        ? 'Originaldokumentet har ändrats efter att det sparades: kontrollsumman stämmer inte.'
        : !valid
          ? 'Minst en signatur gäller en annan version av dokumentet.'
          : signatures.length === 0
            ? 'Dokumentet är oförändrat. Det har inga signaturer.'
            : `Dokumentet är oförändrat och signerat av ${who}.`;
    return {
      documentId: doc.id,
      kind: doc.kind,
      variant: doc.variant,
      templateRef: templateRef({ id: doc.templateId, version: doc.templateVersion }),
      storedSha256: doc.sha256,
      computedSha256: computed,
      unchanged,
      original,
      signatures,
      complete: pendingRoles.length === 0,
      pendingRoles,
      valid,
      summary,
      checkedAt: this.clock().toISOString(),
    };
  }

  // -------------------------------------------------------------------------------------------------------

  private async seal(em: EntityManager, doc: StoredDocument & { content: Buffer }, signatures: DocumentSignature[], actor: string): Promise<string> {
    const template = findTemplateVersion(doc.templateId, doc.templateVersion);
    if (!template) {
      throw new ConflictError(`Mallen ${doc.templateId}@${doc.templateVersion} finns inte längre, så dokumentet kan inte förses med signeringsintyg.`);
    }
    const now = this.clock();
    const certificate: SigningCertificateData = {
      generatedAt: now.toISOString(),
      original: {
        documentId: doc.id,
        templateRef: templateRef(template),
        sha256: doc.sha256,
        createdAt: doc.createdAt.toISOString(),
        pageCount: doc.pageCount,
      },
      signatures: signatures.map((s) => ({
        roleLabel: ROLE_LABELS_SV[s.role as SignerRole] ?? s.role,
        signerName: s.signerName,
        signerUserId: s.signerUserId,
        signedAt: s.signedAt.toISOString(),
        methodLabel: METHOD_LABELS_SV[s.method as SignatureMethod] ?? s.method,
        ipAddress: s.ipAddress,
        userAgent: s.userAgent,
        signedSha256: s.documentSha256,
      })),
      pendingRoles: pending(doc.kind, signatures).map((r) => ROLE_LABELS_SV[r]),
    };
    const data = doc.data as Record<string, unknown> & { generatedAt: string };
    const rendered = await this.render(() => renderSealed(template, data, certificate));
    const id = randomUUID();
    await this.repo.insert(em, {
      id,
      kind: doc.kind,
      variant: 'sealed',
      templateId: doc.templateId,
      templateVersion: doc.templateVersion,
      subjectType: doc.subjectType,
      subjectId: doc.subjectId,
      data: { document: doc.data, certificate, certificateTemplate: SIGNING_CERTIFICATE_REF },
      content: rendered.pdf,
      sizeBytes: rendered.pdf.length,
      pageCount: rendered.pageCount,
      sha256: sha256Hex(rendered.pdf),
      fileName: doc.fileName.replace(/\.pdf$/i, '') + '-signerad.pdf',
      sealOfId: doc.id,
      sealedSha256: doc.sha256,
      idempotencyKey: null,
      createdBy: actor,
      createdAt: now,
    });
    await this.audit(em, actor, 'document.sealed', id, { originalId: doc.id, originalSha256: doc.sha256, signatures: signatures.length });
    return id;
  }

  private async render(fn: () => Promise<RenderedPdf>): Promise<RenderedPdf> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof TemplateDataError) throw new InvalidInputError(`Dokumentet kan inte skapas: ${e.message}`);
      throw e;
    }
  }

  private sameOrConflict(existing: StoredDocument, template: TemplateDefinition<unknown>, subject: DocumentSubject, data: unknown): Promise<DocumentView> {
    const same =
      existing.templateId === template.id &&
      existing.templateVersion === template.version &&
      existing.subjectType === subject.type &&
      existing.subjectId === subject.id &&
      canonicalJson(existing.data) === canonicalJson(data);
    if (!same) throw new ConflictError('Ett annat dokument har redan skapats med samma idempotensnyckel.');
    return this.view(existing);
  }

  private checkSubject(s: DocumentSubject | undefined): DocumentSubject {
    const type = typeof s?.type === 'string' ? s.type.trim() : '';
    const id = typeof s?.id === 'string' ? s.id.trim() : '';
    if (!/^[a-z][a-z-]{0,39}$/.test(type) || !id || id.length > 200) {
      throw new InvalidInputError('Ange vad dokumentet gäller (typ och id).', { subject: ['Till exempel { type: "assignment", id: <uuid> }.'] });
    }
    return { type, id };
  }

  private async find(id: string): Promise<StoredDocument> {
    if (!isUuid(id)) throw new NotFoundError(NOT_FOUND);
    const doc = await this.repo.find(id);
    if (!doc) throw new NotFoundError(NOT_FOUND);
    return doc;
  }

  private async findWithContent(em: EntityManager, id: string): Promise<StoredDocument & { content: Buffer }> {
    if (!isUuid(id)) throw new NotFoundError(NOT_FOUND);
    const doc = await this.repo.findWithContent(em, id);
    if (!doc) throw new NotFoundError(NOT_FOUND);
    return doc as StoredDocument & { content: Buffer };
  }

  private async view(doc: StoredDocument): Promise<DocumentView> {
    const originalId = doc.sealOfId ?? doc.id;
    const [signatures, sealed] = await Promise.all([
      this.repo.signaturesOf(originalId),
      doc.variant === 'original' ? this.repo.sealsOf(doc.id) : Promise.resolve([]),
    ]);
    return {
      id: doc.id,
      kind: doc.kind,
      variant: doc.variant,
      template: { id: doc.templateId, version: doc.templateVersion, ref: templateRef({ id: doc.templateId, version: doc.templateVersion }) },
      subject: { type: doc.subjectType, id: doc.subjectId },
      fileName: doc.fileName,
      sha256: doc.sha256,
      sizeBytes: doc.sizeBytes,
      pageCount: doc.pageCount,
      createdAt: doc.createdAt.toISOString(),
      createdBy: doc.createdBy,
      sealOf: doc.sealOfId && doc.sealedSha256 ? { id: doc.sealOfId, sha256: doc.sealedSha256 } : null,
      signatures: signatures.map(toSignatureView),
      pendingRoles: pending(doc.kind, signatures),
      sealedVersions: sealed.map((s) => ({ id: s.id, sha256: s.sha256, createdAt: s.createdAt.toISOString() })),
    };
  }

  private async audit(em: EntityManager, actor: string, action: string, documentId: string, details: Record<string, unknown>): Promise<void> {
    await appendAudit(em, { actor, action, subjectType: 'document', subjectId: documentId, details });
  }
}

function pending(kind: DocumentKind, signatures: { role: string }[]): SignerRole[] {
  return SIGNING_RULES[kind].required.filter((r) => !signatures.some((s) => s.role === r));
}

function toSignatureView(s: DocumentSignature): SignatureView {
  return {
    id: s.id,
    role: s.role as SignerRole,
    roleLabel: ROLE_LABELS_SV[s.role as SignerRole] ?? s.role,
    method: s.method as SignatureMethod,
    signerUserId: s.signerUserId,
    signerName: s.signerName,
    signedAt: s.signedAt.toISOString(),
    documentSha256: s.documentSha256,
  };
}
