import { mkdir, rmdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * The folders one command creates for what it writes. A folder is created
 * only when a file is about to be written into it (`forFile`, `folder`);
 * when the command then fails, `removeEmpty` takes away the folders it
 * created that are still empty, deepest first, so a failed run leaves no
 * empty folder behind. Folders that existed before are never touched.
 */
export class OutputFolders {
  private readonly created: string[] = [];

  /** Runs `work` with a fresh OutputFolders; when it fails, removes the folders it created that stayed empty, then rethrows. */
  static async during<T>(work: (folders: OutputFolders) => Promise<T>): Promise<T> {
    const folders = new OutputFolders();
    try {
      return await work(folders);
    } catch (error) {
      await folders.removeEmpty();
      throw error;
    }
  }

  /** Creates the folder that will hold `file` (and its missing parents). */
  async forFile(file: string): Promise<void> {
    await this.folder(dirname(resolve(file)));
  }

  /** Creates `path` (and its missing parents). */
  async folder(path: string): Promise<void> {
    const target = resolve(path);
    // mkdir -p returns the first folder it had to create, or undefined when all existed.
    const first = await mkdir(target, { recursive: true });
    if (first === undefined) return;
    for (let folder = target; ; folder = dirname(folder)) {
      if (!this.created.includes(folder)) this.created.push(folder);
      if (folder === first || dirname(folder) === folder) break;
    }
  }

  /** Removes the created folders that are empty, deepest first; folders with files stay. */
  async removeEmpty(): Promise<void> {
    const deepestFirst = [...this.created].sort((a, b) => b.length - a.length);
    for (const folder of deepestFirst) {
      try {
        await rmdir(folder);
      } catch {
        // not empty (or already gone): keep what is there
      }
    }
  }
}
