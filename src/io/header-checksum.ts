import { crc32 } from '../data/crc32.js';
import { ModelFileError } from '../errors.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';

/** The `__metadata__` key that holds a file's header checksum. */
export const CHECKSUM_KEY = 'checksum';

/**
 * The checksum a scratchnet file records of its own header: CRC-32 of the
 * `__metadata__` entries (every key but `checksum`, in key order) and the
 * tensor table (name, element type, shape, in name order), as 8 hex digits.
 *
 * A header edited after it was written (a flipped digit in a dropout rate or
 * an initializer scale, a class name changed) may still be a valid model,
 * and would load as another model without a word; with the checksum it is
 * refused. The weights themselves are data, and not covered: they are
 * checked for NaN and ±Infinity instead. CRC-32 guards against damage, not
 * against someone who rewrites the checksum too.
 */
export function headerChecksum(metadata: Readonly<Record<string, string>>, tensors: ReadonlyMap<string, Tensor<NumericArray>>): string {
  const entries = Object.keys(metadata)
    .filter((key) => key !== CHECKSUM_KEY)
    .sort()
    .map((key) => [key, metadata[key]]);
  const table = [...tensors.keys()].sort().map((name) => {
    const tensor = tensors.get(name) as Tensor<NumericArray>;
    return [name, tensor.data.constructor.name, tensor.shape];
  });
  return crc32(new TextEncoder().encode(JSON.stringify([entries, table]))).toString(16).padStart(8, '0');
}

/** Throws a ModelFileError naming `source` unless the header's recorded checksum is the one `headerChecksum` computes. */
export function checkHeaderChecksum(
  metadata: Readonly<Record<string, string>>,
  tensors: ReadonlyMap<string, Tensor<NumericArray>>,
  source: string,
): void {
  const recorded = metadata[CHECKSUM_KEY];
  if (recorded === undefined) throw new ModelFileError(`${source}: __metadata__ has no "${CHECKSUM_KEY}"; files this version writes always record one`);
  const computed = headerChecksum(metadata, tensors);
  if (recorded !== computed) {
    throw new ModelFileError(
      `${source}: the header does not match its checksum (recorded ${JSON.stringify(recorded).slice(0, 40)}, computed "${computed}"): the file was changed or damaged after it was written`,
    );
  }
}
