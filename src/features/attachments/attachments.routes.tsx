// Upload, removal and download of attachments. Multipart parsing is registered in this plugin
// only, with every field attached to the body before the hooks run, so the app-wide CSRF check
// finds `_csrf` in the body (or the x-csrf-token header) before any file is looked at.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { limitedBy } from '../../http/abuse-limits.ts';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { AppError } from '../../shared/errors.ts';
import { cleanFileName } from '../../shared/invisible-characters.ts';
import { MAX_FILE_BYTES, type AttachmentsService, type Upload } from './attachments.service.ts';
import { AttachmentRefusedPage } from './attachments.views.tsx';

type SubmissionParams = { Params: { id: string } };

/** Reads the file into memory up to the limit; a longer file is marked, not fatal, so the
 *  author gets a clear message after the CSRF check rather than a bare 413. */
async function bufferFile(part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  const upload: Upload = {
    // Names come from the sender's file system: controls and bidi tricks ("invoice\u202Efdp.exe")
    // are removed here, at the edge, rather than refusing the file.
    fileName: cleanFileName(part.filename),
    data: Buffer.concat(chunks),
    truncated: part.file.truncated,
  };
  (part as unknown as { value: Upload }).value = upload;
}

function uploadIn(body: unknown): Upload | undefined {
  const file = (body as { file?: unknown } | undefined)?.file;
  return file && typeof file === 'object' && Buffer.isBuffer((file as Upload).data)
    ? (file as Upload)
    : undefined;
}

/** `filename*` carries any name in UTF-8; the plain `filename` is an ASCII stand-in for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const attachmentsRoutes: FastifyPluginAsync<{ attachments: AttachmentsService }> = async (
  app,
  { attachments },
) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile: bufferFile,
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 8, fieldSize: 1024 },
  });

  // By count and by size (in KiB) of what was received, before the file is examined or stored.
  const uploading = limitedBy('uploads', {
    name: 'upload-bytes',
    amount: (request) => Math.ceil((uploadIn(request.body)?.data.length ?? 0) / 1024),
  });

  app.post<SubmissionParams>(
    '/my/submissions/:id/attachments',
    uploading,
    async (request, reply) => {
      try {
        await attachments.addAttachment(request.actor, request.params.id, uploadIn(request.body));
      } catch (error) {
        if (!(error instanceof AppError) || !error.fields?.file) throw error;
        const field = error.fields.file;
        const view = await attachments.ownView(request.actor, request.params.id);
        return sendPage(
          reply,
          <AttachmentRefusedPage
            ctx={viewContext(request, reply)}
            view={view}
            error={field as MessageKey}
          />,
          error.status,
        );
      }
      setFlash(reply, 'attachments.flash.added');
      return reply.redirect(`/my/submissions/${request.params.id}`, 303);
    },
  );

  app.post<{ Params: { id: string; attachmentId: string } }>(
    '/my/submissions/:id/attachments/:attachmentId/delete',
    async (request, reply) => {
      await attachments.removeAttachment(
        request.actor,
        request.params.id,
        request.params.attachmentId,
      );
      setFlash(reply, 'attachments.flash.removed');
      return reply.redirect(`/my/submissions/${request.params.id}`, 303);
    },
  );

  app.get<SubmissionParams>('/attachments/:id', async (request, reply) => {
    const file = await attachments.download(request.actor, request.params.id);
    return reply
      .type(file.mediaType)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(file.data);
  });
};
