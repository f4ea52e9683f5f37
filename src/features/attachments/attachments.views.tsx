// The attachments section of an author's own submission page (placed there by its owner), and the
// page shown when an upload is refused. Works without JavaScript: a plain multipart form.
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { formatNumber, type MessageKey } from '../../i18n/i18n.ts';
import type { AttachmentsView } from './attachments.service.ts';
import { MAX_ATTACHMENTS, MAX_FILE_BYTES } from './attachments.service.ts';

const ACCEPT =
  '.pdf,.odt,.docx,application/pdf,application/vnd.oasis.opendocument.text,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sizeLabel(ctx: ViewContext, bytes: number): string {
  return bytes >= 1024 * 1024
    ? ctx.t('attachments.sizeMb', {
        size: formatNumber(ctx.locale, Math.round((bytes / 1024 / 1024) * 10) / 10),
      })
    : ctx.t('attachments.sizeKb', {
        size: formatNumber(ctx.locale, Math.max(1, Math.round(bytes / 1024))),
      });
}

function AttachmentItem({
  ctx,
  view,
  attachment,
}: {
  ctx: ViewContext;
  view: AttachmentsView;
  attachment: AttachmentsView['attachments'][number];
}) {
  const { t } = ctx;
  return (
    <li>
      <a href={`/attachments/${attachment.id}`} download>
        <bdi>{attachment.fileName}</bdi>
      </a>{' '}
      <span class="hint">({sizeLabel(ctx, attachment.size)})</span>
      {view.editable && (
        <form
          method="post"
          action={`/my/submissions/${view.submissionId}/attachments/${attachment.id}/delete`}
          class="inline"
        >
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />{' '}
          <button type="submit" class="link-button">
            {t('attachments.remove')}
            <span class="visually-hidden"> {attachment.fileName}</span>
          </button>
        </form>
      )}
    </li>
  );
}

function UploadForm({
  ctx,
  view,
  error,
}: {
  ctx: ViewContext;
  view: AttachmentsView;
  error?: MessageKey | undefined;
}) {
  const { t } = ctx;
  const describedBy = ['attachment-hint', error ? 'attachment-error' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <form
      method="post"
      action={`/my/submissions/${view.submissionId}/attachments`}
      enctype="multipart/form-data"
    >
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <div class={error ? 'field has-error' : 'field'}>
        <label for="attachment-file">{t('attachments.fileLabel')}</label>
        <p class="hint" id="attachment-hint">
          {t('attachments.hint', { max: MAX_ATTACHMENTS, size: MAX_FILE_BYTES / 1024 / 1024 })}
          {` ${t('attachments.cleaning.notice')}`}
        </p>
        {error && (
          <p class="field-error" id="attachment-error" role="alert">
            {t(error)}
          </p>
        )}
        <input
          id="attachment-file"
          type="file"
          name="file"
          accept={ACCEPT}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      </div>
      <button type="submit">{t('attachments.upload')}</button>
    </form>
  );
}

/** Place on /my/submissions/:id with the view from `attachments.ownView(actor, id)`. */
export function AttachmentsSection({
  ctx,
  view,
  error,
}: {
  ctx: ViewContext;
  view: AttachmentsView;
  error?: MessageKey | undefined;
}) {
  const { t } = ctx;
  const canAdd = view.editable && view.attachments.length < MAX_ATTACHMENTS;
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('attachments.title')}</h2>
      {view.attachments.length === 0 ? (
        <p>{t('attachments.none')}</p>
      ) : (
        <ul>
          {view.attachments.map((a) => (
            <AttachmentItem ctx={ctx} view={view} attachment={a} />
          ))}
        </ul>
      )}
      {error && !canAdd && (
        <p class="field-error" role="alert">
          {t(error)}
        </p>
      )}
      {canAdd && <UploadForm ctx={ctx} view={view} error={error} />}
      {view.editable && !canAdd && <p>{t('attachments.full', { max: MAX_ATTACHMENTS })}</p>}
      {!view.editable && <p class="hint">{t('attachments.locked')}</p>}
    </section>
  );
}

/** Shown when an upload is refused: the reason, the section to try again, the way back. */
export function AttachmentRefusedPage({
  ctx,
  view,
  error,
}: {
  ctx: ViewContext;
  view: AttachmentsView;
  error: MessageKey;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('attachments.refusedTitle')} hasErrors>
      <h1>{t('attachments.refusedTitle')}</h1>
      <AttachmentsSection ctx={ctx} view={view} error={error} />
      <p>
        <a href={`/my/submissions/${view.submissionId}`}>{t('attachments.back')}</a>
      </p>
    </Layout>
  );
}
