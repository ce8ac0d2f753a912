import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AttachmentFiles } from '../attachment-files';

describe('AttachmentFiles', () => {
  let root: string;
  let files: AttachmentFiles;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-files-'));
    files = new AttachmentFiles(path.join(root, 'attachments'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores bytes under <year>/<random hex>, with nothing left half-written', async () => {
    const key = await files.save(Buffer.from('octets'), new Date('2026-03-02T10:00:00Z'));
    expect(key).toMatch(/^2026\/[0-9a-f]{32}$/);
    expect(fs.readFileSync(path.join(root, 'attachments', key), 'utf8')).toBe('octets');
    expect(fs.readdirSync(path.join(root, 'attachments', '2026'))).toEqual([key.split('/')[1]]);
    expect((await files.read(key)).toString()).toBe('octets');
    expect(await files.save(Buffer.from('autre'))).not.toBe(key);
  });

  it('removes a file, and a missing one quietly', async () => {
    const key = await files.save(Buffer.from('x'));
    await files.remove(key);
    await files.remove(key);
    expect(fs.existsSync(files.pathOf(key))).toBe(false);
  });

  it('opens nothing but its own keys', () => {
    for (const key of ['../../etc/passwd', '2026/../../secret', '/etc/passwd', '2026/ABCDEF', '']) {
      expect(() => files.pathOf(key)).toThrow(/Not an attachment key/);
    }
  });
});
