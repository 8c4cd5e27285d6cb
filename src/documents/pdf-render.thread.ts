import { parentPort } from 'node:worker_threads';
import { findTemplateVersion } from '../../templates';
import { TemplateDataError } from '../../templates/pdf-layout';
import { renderTemplate } from '../../templates/template';
import type { RenderReply, RenderRequest } from './pdf-render-pool';

/**
 * The PDF render thread (see pdf-render-pool.ts): renders a template version with the data it is sent and sends
 * the PDF back. Pure: no database, no network, no personal data beyond what the document itself prints.
 */
parentPort!.on('message', (req: RenderRequest) => {
  void (async () => {
    let reply: RenderReply;
    try {
      const template = findTemplateVersion(req.templateId, req.templateVersion);
      if (!template) throw new Error(`template ${req.templateId}@${req.templateVersion} is not registered`);
      const rendered = await renderTemplate(template, req.data as { generatedAt: string });
      reply = { id: req.id, ok: true, pdf: rendered.pdf, pageCount: rendered.pageCount };
    } catch (e) {
      reply = { id: req.id, ok: false, templateDataError: e instanceof TemplateDataError, message: e instanceof Error ? e.message : String(e) };
    }
    parentPort!.postMessage(reply);
  })();
});
