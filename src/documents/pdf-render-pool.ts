import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { TemplateDataError } from '../../templates/pdf-layout';
import type { RenderedPdf } from '../../templates/template';

/**
 * Renders PDFs on a thread of their own, so the process's event loop — which in the worker also runs the local
 * activities that record each human step, and the API's requests — is not blocked for the ≈ 20 ms a document's
 * layout takes (pdfkit is synchronous). Threads start on first use and stop after a minute without work, so a
 * process that renders nothing holds no extra memory. PDF_RENDER_THREADS (default 1) sets how many; 0 renders on
 * the calling thread. The output is the same either way: the same template code runs on the same JSON data.
 */

export interface RenderRequest {
  id: number;
  templateId: string;
  templateVersion: string;
  data: unknown;
}

export type RenderReply =
  | { id: number; ok: true; pdf: Uint8Array; pageCount: number }
  | { id: number; ok: false; templateDataError: boolean; message: string };

const IDLE_MS = 60_000;

/** Threads from PDF_RENDER_THREADS: an integer 0–8 (validated at start with the rest of the config), default 1. */
export function renderThreadsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PDF_RENDER_THREADS ?? 1);
  return Number.isInteger(n) && n >= 0 && n <= 8 ? n : 1;
}

interface Slot {
  worker: Worker;
  busy: number;
  idle?: NodeJS.Timeout;
}

class PdfRenderPool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { resolve: (r: RenderedPdf) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextId = 1;

  constructor(private readonly size: number) {}

  render(templateId: string, templateVersion: string, data: unknown): Promise<RenderedPdf> {
    const slot = this.pick();
    slot.busy++;
    if (slot.idle) clearTimeout(slot.idle);
    const id = this.nextId++;
    return new Promise<RenderedPdf>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, templateId, templateVersion, data } satisfies RenderRequest);
    });
  }

  /** The least busy thread, or a new one while there are fewer than `size`. */
  private pick(): Slot {
    const free = this.slots.find((s) => s.busy === 0);
    if (free) return free;
    if (this.slots.length < this.size) return this.start();
    return this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private start(): Slot {
    const file = path.join(__dirname, `pdf-render.thread${path.extname(__filename)}`);
    // Running from TypeScript sources (tests): the thread transpiles the project's .ts files as it loads them.
    const execArgv = file.endsWith('.ts') ? ['--require', path.join(__dirname, '..', '..', 'scripts', 'ts-register.js')] : [];
    const worker = new Worker(file, { execArgv });
    worker.unref(); // never keeps the process alive
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (reply: RenderReply) => this.settle(reply));
    worker.on('error', (e) => this.fail(slot, e));
    worker.on('exit', (code) => this.fail(slot, new Error(`the PDF render thread stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private settle(reply: RenderReply): void {
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    this.done(w.slot);
    if (reply.ok) w.resolve({ pdf: Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength), pageCount: reply.pageCount });
    else w.reject(reply.templateDataError ? new TemplateDataError(reply.message) : new Error(reply.message));
  }

  /** A thread that failed or stopped: its renders fail (the caller's retry gets a new thread). */
  private fail(slot: Slot, error: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.idle) clearTimeout(slot.idle);
    for (const [id, w] of this.waiting) {
      if (w.slot !== slot) continue;
      this.waiting.delete(id);
      w.reject(error);
    }
    void slot.worker.terminate();
  }

  /** Stops every thread (renders still running fail). */
  async stop(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.idle) clearTimeout(slot.idle);
      for (const [id, w] of this.waiting) {
        if (w.slot !== slot) continue;
        this.waiting.delete(id);
        w.reject(new Error('the PDF render threads were stopped'));
      }
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private done(slot: Slot): void {
    slot.busy--;
    if (slot.busy > 0) return;
    slot.idle = setTimeout(() => {
      const i = this.slots.indexOf(slot);
      if (i >= 0 && slot.busy === 0) {
        this.slots.splice(i, 1);
        void slot.worker.terminate();
      }
    }, IDLE_MS);
    slot.idle.unref();
  }
}

let pool: PdfRenderPool | undefined;

/** Renders a registered template version off the event loop (or on it, with PDF_RENDER_THREADS=0). */
export function renderOffThread(templateId: string, templateVersion: string, data: unknown, inline: () => Promise<RenderedPdf>): Promise<RenderedPdf> {
  const size = renderThreadsFromEnv();
  if (size === 0) return inline();
  pool ??= new PdfRenderPool(size);
  return pool.render(templateId, templateVersion, data);
}

/** Stops the render threads (at shutdown; a later render starts them again). */
export async function stopPdfRenderThreads(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.stop();
}
