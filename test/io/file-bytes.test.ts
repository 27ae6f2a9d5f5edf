import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../../src/errors.js';
import { MAX_MODEL_FILE_BYTES, readFileBytes } from '../../src/io/file-bytes.js';
import { readSafetensors } from '../../src/io/safetensors.js';
import { Model } from '../../src/model/model.js';
import { temporaryFolder } from '../temporary-folder.js';
import { DEV_ZERO, makeFifo } from '../special-files.js';

const folder = temporaryFolder('scratchnet-file-bytes-');

describe('model files are read only when they are regular files within the size limit', () => {
  it('refuses a FIFO without blocking on it (Model.load, readSafetensors)', async () => {
    const fifo = makeFifo(folder(), 'model.safetensors');
    const message = `"${fifo}" is a FIFO (named pipe), not a regular file; only regular files are read`;
    await expect(Model.load(fifo)).rejects.toThrow(ModelFileError);
    await expect(Model.load(fifo)).rejects.toThrow(message);
    await expect(readSafetensors(fifo)).rejects.toThrow(message);
  });

  it('refuses /dev/zero before reading a byte of it', async () => {
    await expect(Model.load(DEV_ZERO)).rejects.toThrow(`"${DEV_ZERO}" is a character device, not a regular file; only regular files are read`);
  });

  it('refuses a file above the limit from its size alone', async () => {
    const file = join(folder(), 'big.safetensors');
    await writeFile(file, new Uint8Array(100));
    await expect(readFileBytes(file, 99)).rejects.toThrow(`"${file}" holds 100 bytes, more than the limit of 99 bytes (the limit for model files)`);
    expect((await readFileBytes(file, 100)).length).toBe(100);
    expect(MAX_MODEL_FILE_BYTES).toBe(2 ** 31);
  });
});
