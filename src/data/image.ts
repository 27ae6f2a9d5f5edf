import { ArgumentError, checkInteger, checkOptions } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { DataError } from './data-error.js';
import { readImageHeader } from './image-header.js';
import { readRegularFile } from './regular-file.js';

/** Side of the square images the Fashion-MNIST models take. */
const SIDE = 28;

/** The most pixels (width × height) an image may claim before it is decoded (option `maxPixels`): 50 megapixels, 200 MB as RGBA. */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** The largest image file read, in bytes (option `maxBytes`). */
export const MAX_IMAGE_FILE_BYTES = 256 * 2 ** 20;

export interface ImageForPredictionOptions {
  /**
   * `'auto'` (default): invert when the background is light, i.e. when the
   * mean of the 108 border pixels of the 28×28 gray image is above 127
   * (Fashion-MNIST shows light clothes on black). `true` / `false` force it.
   */
  invert?: 'auto' | boolean;
  /** Refuse images whose header claims more pixels than this, before decoding (default MAX_IMAGE_PIXELS, 50 000 000). */
  maxPixels?: number;
  /** Refuse files larger than this many bytes (default MAX_IMAGE_FILE_BYTES, 256 MiB). */
  maxBytes?: number;
}

/**
 * Loads a PNG or JPEG and prepares it like a Fashion-MNIST training image,
 * following the book's last chapter: resize to 28×28 (Jimp's default
 * resampler, which averages source pixels when shrinking), convert to gray
 * with the ITU-R 601 weights OpenCV uses (`0.299 R + 0.587 G + 0.114 B`;
 * transparent pixels are laid over white first), invert a light background
 * (`255 − p`), then scale like training, `(p − 127.5) / 127.5`.
 *
 * Returns a [1, 784] float32 tensor, ready for `model.predict`.
 *
 * Untrusted files are measured first: only a regular file of at most
 * `maxBytes` is read, and its width and height come from its header (PNG
 * IHDR, JPEG start of frame; see readImageHeader) before any decoding, so an
 * image claiming more than `maxPixels` pixels is refused at once. Other
 * formats (GIF, BMP, WebP, TIFF…) are refused by name.
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
  checkOptions('loadImageForPrediction', options, ['invert', 'maxPixels', 'maxBytes']);
  const invert = options.invert ?? 'auto';
  if (invert !== 'auto' && typeof invert !== 'boolean') {
    throw new ArgumentError(`loadImageForPrediction: invert must be 'auto', true or false, received ${String(invert)}`);
  }
  const maxPixels = checkInteger('loadImageForPrediction', 'maxPixels', options.maxPixels ?? MAX_IMAGE_PIXELS);
  const maxBytes = checkInteger('loadImageForPrediction', 'maxBytes', options.maxBytes ?? MAX_IMAGE_FILE_BYTES);
  const bytes = await readRegularFile(file, { owner: 'loadImageForPrediction', maxBytes, raise: 'option maxBytes raises it', ErrorClass: DataError });
  const { format, width, height } = readImageHeader(bytes, file);
  if (width * height > maxPixels) {
    throw new DataError(
      `loadImageForPrediction: ${file} is a ${format} of ${width}×${height} = ${width * height} pixels, more than the limit of ${maxPixels} (option maxPixels raises it)`,
    );
  }
  // Loaded on first use: the image codecs are only needed for prediction on image files.
  const { Jimp } = await import('jimp');
  let image: Awaited<ReturnType<typeof Jimp.fromBuffer>>;
  try {
    image = await Jimp.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
  return new Tensor([1, SIDE * SIDE], x);
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
