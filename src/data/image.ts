import { ArgumentError, checkInteger, checkOptions } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { DataError } from './data-error.js';
import { isFilePath, toFilePath, type FilePath } from '../platform/file-path.js';
import { readImageHeader } from './image-header.js';
import { readRegularFile } from './regular-file.js';

/** How 28×28 images are handed out: `'rows'` of 784 values (Dense models) or `'images'` [28, 28, 1] (NHWC, CNNs). */
export type ImageLayout = 'rows' | 'images';

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
  /** `'rows'` (default): a [1, 784] tensor, for Dense models. `'images'`: [1, 28, 28, 1] (NHWC), for a CNN. */
  layout?: ImageLayout;
}

/**
 * A PNG or JPEG: a path or `file:` URL (Node), a URL to fetch (browsers), or
 * its bytes (a `File`/`Blob`, an `ArrayBuffer`, a `Uint8Array`).
 */
export type ImageSource = FilePath | Blob | ArrayBuffer | ArrayBufferView;

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
 * Untrusted files are measured first: only a regular file of at most
 * `maxBytes` is read, and its width and height come from its header (PNG
 * IHDR, JPEG start of frame; see readImageHeader) before any decoding, so an
 * image claiming more than `maxPixels` pixels is refused at once. Other
 * formats (GIF, BMP, WebP, TIFF…) are refused by name.
 *
 * ```ts
 * const x = await loadImageForPrediction('tshirt.png');
 * classNames[argmax(model.predict(x).data)];   // 'T-shirt/top'
 * const y = await loadImageForPrediction(input.files[0]);   // in a browser: a File from <input type="file">
 * ```
 */
export async function loadImageForPrediction(
  source: ImageSource,
  options: ImageForPredictionOptions = {},
): Promise<Tensor<Float32Array>> {
  checkOptions('loadImageForPrediction', options, ['invert', 'maxPixels', 'maxBytes', 'layout']);
  const invert = options.invert ?? 'auto';
  if (invert !== 'auto' && typeof invert !== 'boolean') {
    throw new ArgumentError(`loadImageForPrediction: invert must be 'auto', true or false, received ${String(invert)}`);
  }
  const layout = options.layout ?? 'rows';
  if (layout !== 'rows' && layout !== 'images') {
    throw new ArgumentError(`loadImageForPrediction: layout must be 'rows' or 'images', received ${String(layout)}`);
  }
  const maxPixels = checkInteger('loadImageForPrediction', 'maxPixels', options.maxPixels ?? MAX_IMAGE_PIXELS);
  const maxBytes = checkInteger('loadImageForPrediction', 'maxBytes', options.maxBytes ?? MAX_IMAGE_FILE_BYTES);
  const name = typeof source === 'string' ? source : typeof File !== 'undefined' && source instanceof File ? source.name : 'the image bytes';
  const bytes = await imageBytes(source, maxBytes);
  const { format, width, height } = readImageHeader(bytes, name);
  if (width * height > maxPixels) {
    throw new DataError(
      `loadImageForPrediction: ${name} is a ${format} of ${width}×${height} = ${width * height} pixels, more than the limit of ${maxPixels} (option maxPixels raises it)`,
    );
  }
  const rgba = await resizedPixels(bytes, name);
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

/**
 * The image as SIDE×SIDE RGBA bytes. In Node, Jimp decodes and resizes it
 * (loaded on first use: the codecs are only needed for images). In browsers
 * the platform does (`createImageBitmap` with its high-quality resize, then
 * an OffscreenCanvas), as Jimp's browser build is empty; its resampler is
 * not Jimp's, so pixels may differ from Node's by a few gray levels.
 */
async function resizedPixels(bytes: Uint8Array, name: string): Promise<ArrayLike<number>> {
  try {
    if (typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function') {
      const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { resizeWidth: SIDE, resizeHeight: SIDE, resizeQuality: 'high' });
      const context = new OffscreenCanvas(SIDE, SIDE).getContext('2d');
      if (context === null) throw new Error('no 2-D canvas context');
      context.drawImage(bitmap, 0, 0);
      bitmap.close();
      return context.getImageData(0, 0, SIDE, SIDE).data;
    }
    const { Jimp } = await import('jimp');
    const image = await Jimp.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    image.resize({ w: SIDE, h: SIDE });
    return image.bitmap.data;
  } catch (error) {
    throw new DataError(`loadImageForPrediction: cannot read ${name} as a PNG or JPEG image (${(error as Error).message})`);
  }
}

/**
 * The image's bytes, at most `maxBytes`: a path is read as a regular file
 * (Node; a URL in browsers is fetched), in-memory sources as they are.
 */
async function imageBytes(source: ImageSource, maxBytes: number): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (isFilePath(source)) {
    if (typeof createImageBitmap === 'function' && typeof process === 'undefined') bytes = new Uint8Array(await (await fetch(source)).arrayBuffer());
    else return readRegularFile(toFilePath('loadImageForPrediction', source, 'source'), { owner: 'loadImageForPrediction', maxBytes, raise: 'option maxBytes raises it', ErrorClass: DataError });
  } else if (typeof Blob !== 'undefined' && source instanceof Blob) bytes = new Uint8Array(await source.arrayBuffer());
  else if (source instanceof ArrayBuffer) bytes = new Uint8Array(source);
  else if (ArrayBuffer.isView(source)) bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  else {
    throw new ArgumentError(
      `loadImageForPrediction: source must be a path or URL, a Blob/File, an ArrayBuffer or a Uint8Array, received ${Object.prototype.toString.call(source)}`,
    );
  }
  if (bytes.length > maxBytes) {
    throw new DataError(`loadImageForPrediction: the image holds ${bytes.length} bytes, more than the limit of ${maxBytes} bytes (option maxBytes raises it)`);
  }
  return bytes;
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
