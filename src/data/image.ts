import { ArgumentError, checkOptions } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { DataError } from './data-error.js';
import type { ImageLayout } from './fashion-mnist.js';

/** Side of the square images the Fashion-MNIST models take. */
const SIDE = 28;

export interface ImageForPredictionOptions {
  /**
   * `'auto'` (default): invert when the background is light, i.e. when the
   * mean of the 108 border pixels of the 28×28 gray image is above 127
   * (Fashion-MNIST shows light clothes on black). `true` / `false` force it.
   */
  invert?: 'auto' | boolean;
  /** `'rows'` (default): a [1, 784] tensor, for Dense models. `'images'`: [1, 28, 28, 1] (NHWC), for a CNN. */
  layout?: ImageLayout;
}

/**
 * Loads a PNG or JPEG and prepares it like a Fashion-MNIST training image,
 * following the book's last chapter: resize to 28×28 (Jimp's default
 * resampler, which averages source pixels when shrinking), convert to gray
 * with the ITU-R 601 weights OpenCV uses (`0.299 R + 0.587 G + 0.114 B`;
 * transparent pixels are laid over white first), invert a light background
 * (`255 − p`), then scale like training, `(p − 127.5) / 127.5`.
 *
 * Returns a [1, 784] float32 tensor (with `layout: 'images'` [1, 28, 28, 1],
 * the same values), ready for `model.predict`.
 *
 * ```ts
 * const x = await loadImageForPrediction('tshirt.png');
 * classNames[argmax(model.predict(x).data)];   // 'T-shirt/top'
 * ```
 */
export async function loadImageForPrediction(
  file: string,
  options: ImageForPredictionOptions = {},
): Promise<Tensor<Float32Array>> {
  checkOptions('loadImageForPrediction', options, ['invert', 'layout']);
  const invert = options.invert ?? 'auto';
  if (invert !== 'auto' && typeof invert !== 'boolean') {
    throw new ArgumentError(`loadImageForPrediction: invert must be 'auto', true or false, received ${String(invert)}`);
  }
  const layout = options.layout ?? 'rows';
  if (layout !== 'rows' && layout !== 'images') {
    throw new ArgumentError(`loadImageForPrediction: layout must be 'rows' or 'images', received ${String(layout)}`);
  }
  // Loaded on first use: the image codecs are only needed for prediction on image files.
  const { Jimp } = await import('jimp');
  let image: Awaited<ReturnType<typeof Jimp.read>>;
  try {
    image = await Jimp.read(file);
  } catch (error) {
    throw new DataError(`loadImageForPrediction: cannot read ${file} as a PNG or JPEG image (${(error as Error).message})`);
  }
  image.resize({ w: SIDE, h: SIDE });
  const rgba = image.bitmap.data;
  const gray = new Float64Array(SIDE * SIDE);
  for (let i = 0; i < gray.length; i++) {
    const alpha = rgba[4 * i + 3] / 255;
    const luma = 0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2];
    gray[i] = Math.round(alpha * luma + (1 - alpha) * 255);
  }
  const flip = invert === 'auto' ? borderMean(gray) > 127 : invert;
  const x = new Float32Array(SIDE * SIDE);
  for (let i = 0; i < x.length; i++) x[i] = ((flip ? 255 - gray[i] : gray[i]) - 127.5) / 127.5;
  return new Tensor(layout === 'images' ? [1, SIDE, SIDE, 1] : [1, SIDE * SIDE], x);
}

/** Mean of the pixels on the outermost rows and columns of a SIDE×SIDE image. */
export function borderMean(gray: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      if (r === 0 || c === 0 || r === SIDE - 1 || c === SIDE - 1) {
        sum += gray[r * SIDE + c];
        count++;
      }
    }
  }
  return sum / count;
}
