import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** `2026/` then 32 hex digits: the only keys this store makes or opens. */
const KEY = /^\d{4}\/[0-9a-f]{32}$/;

/** The store of a server's photos: `DATA_DIR/attachments`, whatever the database engine. */
export const attachmentFilesIn = (dataDir: string) => new AttachmentFiles(path.join(dataDir, 'attachments'));

/**
 * The bytes of attachments, in `<root>/<year>/<random name>`: outside the folder the web
 * server serves, under names that say nothing of the user's file.
 */
export class AttachmentFiles {
  constructor(readonly root: string) {}

  /** Writes the bytes under a new name, whole or not at all; returns their key. */
  async save(bytes: Buffer, now = new Date()): Promise<string> {
    const key = `${now.getUTCFullYear()}/${randomBytes(16).toString('hex')}`;
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
    // Readers never see a half-written file: it only takes its name once complete on disk.
    const partial = `${target}.partial`;
    try {
      const handle = await fs.open(partial, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(partial, target);
    } catch (error) {
      await fs.rm(partial, { force: true });
      throw error;
    }
    return key;
  }

  read(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  /** The file of a key; anything else (a path, `..`) is refused, whatever the database holds. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Not an attachment key: ${JSON.stringify(key)}`);
    return path.join(this.root, ...key.split('/'));
  }
}
