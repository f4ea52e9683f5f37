// Attachment files on disk, under DATA_DIR/attachments/, outside anything the web server serves.
// A file's name is its attachment id (128 random bits, hex): it reveals neither the original
// name nor when it was uploaded, and nothing a visitor sends becomes part of a path.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ID = /^[0-9a-f]{32}$/;

export function newAttachmentId(): string {
  return randomBytes(16).toString('hex');
}

export function isAttachmentId(value: string): boolean {
  return ID.test(value);
}

export function fileStorage(dataDir: string) {
  const dir = join(dataDir, 'attachments');
  const pathOf = (id: string) => {
    if (!isAttachmentId(id)) throw new Error('invalid attachment id');
    return join(dir, id);
  };
  return {
    /** Writes then renames, so a crash never leaves half a file under a valid name. */
    async save(id: string, data: Uint8Array): Promise<void> {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temporary = `${pathOf(id)}.part`;
      await writeFile(temporary, data, { mode: 0o600 });
      await rename(temporary, pathOf(id));
    },
    read: (id: string): Promise<Buffer> => readFile(pathOf(id)),
    async remove(id: string): Promise<void> {
      await rm(pathOf(id), { force: true });
    },
  };
}

export type FileStorage = ReturnType<typeof fileStorage>;
