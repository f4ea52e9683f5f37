// The attachments feature's door.
export {
  attachmentsService,
  type AttachmentsService,
  type AttachmentLookup,
  type AttachmentsView,
} from './attachments.service.ts';
export { attachmentsStore } from './attachments.store.ts';
export { fileStorage } from './file-storage.ts';
export { cleaningPool, type DocumentCleaner } from './cleaning-pool.ts';
export { attachmentsRoutes } from './attachments.routes.tsx';
export { AttachmentsSection } from './attachments.views.tsx';
