// Attachment use cases: an author adds or removes files while their submission waits for
// moderation; anyone downloads the files of a published submission, named as the participation
// rule allows. Every file is rebuilt on upload from the parts a reader needs (see
// document-cleaner.ts), whatever the rule: under chatham_house and anonymous that is what keeps
// the author unnamed, and under attributed too a file must not carry other people's names
// (reviewers' comments, tracked changes), paths on its author's machine or code that runs in a
// reader's viewer. A file that cannot be rebuilt safely is refused with the reason.
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { createHash } from 'node:crypto';
import type { ConsultationsService } from '../consultations/index.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { SubmissionsService } from '../submissions/index.ts';
import type { SubmissionRecord } from '../submissions/index.ts';
import type { AttachmentsStore } from './attachments.store.ts';
import type { DocumentCleaner } from './cleaning-pool.ts';
import { DocumentError, MEDIA_TYPES, type DocumentKind } from './document-type.ts';
import { isAttachmentId, newAttachmentId, type FileStorage } from './file-storage.ts';

export const MAX_ATTACHMENTS = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface Upload {
  fileName: string;
  data: Buffer;
  /** True when the file was cut at the size limit while it was received. */
  truncated: boolean;
}

export interface AttachmentsView {
  submissionId: string;
  editable: boolean;
  attachments: Array<{ id: string; fileName: string; mediaType: string; size: number }>;
}

export interface Download {
  fileName: string;
  mediaType: string;
  data: Buffer;
}

const REFUSALS = {
  type: 'attachments.error.type',
  damaged: 'attachments.error.damaged',
  encrypted: 'attachments.cleaning.encrypted',
  macros: 'attachments.error.macros',
  uncleanable: 'attachments.cleaning.uncleanable',
  pictures: 'attachments.cleaning.pictures',
  markup: 'attachments.cleaning.markup',
  timeout: 'cleaningPool.timeout',
  memory: 'cleaningPool.memory',
} as const;

export interface AttachmentsDeps {
  store: AttachmentsStore;
  files: FileStorage;
  submissions: SubmissionsService;
  consultations: ConsultationsService;
  clock: Clock;
  /** Checks and rebuilds uploads off the request thread (cleaning-pool.ts). */
  cleaner: Pick<DocumentCleaner, 'clean'>;
  /** The total size of one submission's files (UPLOAD_BYTES_PER_SUBMISSION). */
  maxSubmissionBytes: number;
}

export function attachmentsService(deps: AttachmentsDeps) {
  const { store, files, submissions, consultations, clock, cleaner, maxSubmissionBytes } = deps;

  async function owned(
    actor: Actor,
    submissionId: string,
  ): Promise<{ submission: SubmissionRecord; consultation: ConsultationRecord }> {
    const { submission } = await submissions.ownWithContent(actor, submissionId);
    const consultation = await consultations.findById(submission.consultationId);
    if (!consultation) throw NotFoundError('consultation');
    return { submission, consultation };
  }

  /** Files change with the text they belong to: before publication, while the consultation is open. */
  function isEditable(submission: SubmissionRecord, consultation: ConsultationRecord): boolean {
    return (
      (submission.status === 'draft' || submission.status === 'submitted') &&
      consultations.phase(consultation) === 'open'
    );
  }

  function requireEditable(submission: SubmissionRecord, consultation: ConsultationRecord): void {
    if (!isEditable(submission, consultation))
      throw new AppError('attachments_locked', 'attachments can no longer change', {
        fields: { file: 'attachments.error.locked' },
      });
  }

  /** Checks the content and rebuilds the document without what a reader does not need. */
  async function prepare(upload: Upload): Promise<{ kind: DocumentKind; data: Uint8Array }> {
    if (upload.truncated || upload.data.length > MAX_FILE_BYTES)
      throw ValidationError({ file: 'attachments.error.tooLarge' });
    if (upload.data.length === 0) throw ValidationError({ file: 'attachments.error.missing' });
    try {
      return await cleaner.clean(upload.data);
    } catch (error) {
      if (error instanceof DocumentError) throw ValidationError({ file: REFUSALS[error.reason] });
      throw error;
    }
  }

  return {
    async ownView(actor: Actor, submissionId: string): Promise<AttachmentsView> {
      const { submission, consultation } = await owned(actor, submissionId);
      const list = (await store.listFor([submission.id])).get(submission.id) ?? [];
      return {
        submissionId: submission.id,
        editable: isEditable(submission, consultation),
        attachments: list.map((a) => ({
          id: a.id,
          fileName: a.originalName,
          mediaType: a.mediaType,
          size: a.size,
        })),
      };
    },

    async addAttachment(
      actor: Actor,
      submissionId: string,
      upload: Upload | undefined,
    ): Promise<void> {
      const { submission, consultation } = await owned(actor, submissionId);
      requireEditable(submission, consultation);
      if (!upload) throw ValidationError({ file: 'attachments.error.missing' });
      const tooMany = () => ValidationError({ file: 'attachments.error.tooMany' });
      const tooLarge = () => ValidationError({ file: 'limits.submissionFilesTooLarge' });
      const present = (await store.listFor([submission.id])).get(submission.id) ?? [];
      if (present.length >= MAX_ATTACHMENTS) throw tooMany();
      // The total is checked when the file is stored, after its metadata may have gone; here only
      // a submission with no room left is refused before its file is examined.
      if (present.reduce((sum, a) => sum + a.size, 0) >= maxSubmissionBytes) throw tooLarge();
      const { kind, data } = await prepare(upload);
      const id = newAttachmentId();
      await files.save(id, data);
      const record = {
        id,
        submissionId: submission.id,
        // Kept for the author's own list; the public sees it only under the attributed rule.
        originalName: upload.fileName.replace(/[\p{Cc}\\/]/gu, '_').slice(0, 200) || 'document',
        mediaType: MEDIA_TYPES[kind],
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        createdAt: clock.now().toISOString(),
      };
      const outcome = await store.insertWithin(
        { files: MAX_ATTACHMENTS, bytes: maxSubmissionBytes },
        record,
      );
      if (outcome !== 'added') {
        await files.remove(id);
        throw outcome === 'too-many' ? tooMany() : tooLarge();
      }
    },

    async removeAttachment(
      actor: Actor,
      submissionId: string,
      attachmentId: string,
    ): Promise<void> {
      const { submission, consultation } = await owned(actor, submissionId);
      const attachment = isAttachmentId(attachmentId)
        ? await store.findById(attachmentId)
        : undefined;
      if (!attachment || attachment.submissionId !== submission.id)
        throw NotFoundError('attachment');
      requireEditable(submission, consultation);
      await store.delete(attachment.id);
      await files.remove(attachment.id);
    },

    /**
     * The author gets their file under its own name; anyone else only through a disclosed
     * submission — published for the public, or under review for its secretariat — under the
     * name that disclosure gives. Everyone else learns nothing, not even that it exists.
     */
    async download(actor: Actor, attachmentId: string): Promise<Download> {
      const attachment = isAttachmentId(attachmentId)
        ? await store.findById(attachmentId)
        : undefined;
      if (!attachment) throw NotFoundError('attachment');
      const fileName = await nameFor(actor, attachment.submissionId, attachment.id);
      if (!fileName) throw NotFoundError('attachment');
      return { fileName, mediaType: attachment.mediaType, data: await files.read(attachment.id) };
    },
  };

  async function nameFor(
    actor: Actor,
    submissionId: string,
    attachmentId: string,
  ): Promise<string | undefined> {
    const own = actor.user
      ? (await submissions.mine(actor)).some((s) => s.id === submissionId)
      : false;
    if (own) return (await store.findById(attachmentId))?.originalName;
    const disclosed =
      (await hiddenAsUndefined(
        async () => (await submissions.publicOne(submissionId)).submission,
      )) ??
      (actor.user
        ? await hiddenAsUndefined(() => submissions.secretariatOne(actor, submissionId))
        : undefined);
    return disclosed?.attachments.find((a) => a.id === attachmentId)?.fileName;
  }
}

/** Runs a read that may be refused; a refusal (not found, forbidden) becomes undefined, anything else still fails. */
async function hiddenAsUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (
      error instanceof AppError &&
      ['not_found', 'forbidden', 'unauthenticated'].includes(error.code)
    )
      return undefined;
    throw error;
  }
}

export type AttachmentsService = ReturnType<typeof attachmentsService>;

/** What the submissions service needs to disclose attachments. */
export type AttachmentLookup = Pick<AttachmentsStore, 'listFor'>;
