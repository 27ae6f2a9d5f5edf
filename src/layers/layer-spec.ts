/**
 * What every layer spec is: the JSON a model file stores for one layer. `type`
 * names its kind (`'Dense'`, `'Conv2D'`, a registered custom type…); the other
 * fields belong to that kind, which declares their exact type (`DenseSpec`,
 * `Conv2DSpec`, …) and checks them when a file is read.
 */
export type LayerSpec = { type: string; [field: string]: unknown };

/**
 * The shape of one sample, without the batch dimension: `[784]` for a row of
 * features, `[28, 28, 1]` for an NHWC image. `null` marks a size not known
 * yet (an image model's height before it sees data); a whole Shape of `null`
 * means even the rank is unknown.
 */
export type Shape = readonly (number | null)[] | null;

/** A shape as messages print it, with the batch dimension: `[batch, 26, 26, 16]`, `?` for unknown sizes. */
export function formatBatchShape(shape: Shape): string {
  if (shape === null) return '[batch, …]';
  return `[${['batch', ...shape.map((d) => (d === null ? '?' : String(d)))].join(', ')}]`;
}
