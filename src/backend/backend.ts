import type { FloatArray, NumericArray } from '../tensor/tensor.js';

/**
 * The geometry of a 2-D sliding window over an NHWC batch (convolution or
 * pooling). Output position (oy, ox) reads the input rows
 * oy·strideHeight − padTop + dy (dy < kernelHeight) and the columns
 * ox·strideWidth − padLeft + dx (dx < kernelWidth); positions outside the
 * input are padding. Padding below and right of the input is implied by
 * outHeight and outWidth. Every window must overlap the input
 * (padTop < kernelHeight, (outHeight − 1)·strideHeight − padTop < height, and
 * the same across): `windowGeometry` (window-geometry.ts) guarantees it, and
 * the kernels throw an ArgumentError otherwise.
 */
export interface WindowGeometry {
  /** Input [batch, height, width, channels]. */
  batch: number;
  height: number;
  width: number;
  channels: number;
  kernelHeight: number;
  kernelWidth: number;
  strideHeight: number;
  strideWidth: number;
  /** Zero padding before row 0 / column 0 (TensorFlow 'same': the smaller half on top/left). */
  padTop: number;
  padLeft: number;
  /** Output rows/columns (the caller computes them). */
  outHeight: number;
  outWidth: number;
}

/**
 * The kernels every layer, loss and optimizer runs on. Layers never loop over
 * elements themselves; they call a Backend, so a faster one drops in without
 * touching them.
 *
 * Conventions, for every kernel:
 * - matrices are row-major; `rows × cols` sizes are passed explicitly;
 * - outputs are caller-provided and fully overwritten (unless the doc says
 *   "accumulates"); an output may alias an input only where the doc says so;
 * - arrays are float32 or float64 (float64 for finite-difference checks); a
 *   backend that computes only in float32 hands float64 work to the `js`
 *   reference rather than failing or rounding silently;
 * - reductions that return a number accumulate in float64.
 *
 * Glossary for kernel arguments: m, n, k are GEMM sizes; x is an input,
 * y an activation's output, dOut the gradient arriving from the layer above,
 * dIn the gradient passed down; lr the learning rate.
 */
export interface Backend {
  /** `'js'` or `'wasm'`. */
  readonly name: string;

  /**
   * A zeroed float32 buffer of `length` values that this backend computes on
   * fastest (for wasm, a view into its memory). Stays valid until `release`.
   */
  allocate(length: number): Float32Array;
  /** Gives back a buffer from `allocate`; a no-op for buffers it did not make. */
  release(buffer: FloatArray): void;

  // ---- matrix products --------------------------------------------------

  /**
   * C[m×n] = op(A)·op(B), op(A) is m×k and op(B) is k×n. With `transA`, A is
   * stored k×m (so op(A) = Aᵀ); with `transB`, B is stored n×k. C must not
   * alias A or B. Dense uses NN forward, TN for dWeights = Xᵀ·dY, NT for
   * dInputs = dY·Wᵀ. With `bias` (n values), C then gets bias[j] added to
   * every row, with exactly the result of `addBias(c, bias, m, n, c)` after
   * the product (a backend may fuse the two; Dense's forward passes its biases).
   */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray, bias?: FloatArray): void;

  /** out[r, c] = x[r, c] + bias[c]. `out` may be `x`. */
  addBias(x: FloatArray, bias: FloatArray, rows: number, cols: number, out: FloatArray): void;
  /** out[c] = Σ_r x[r, c]: the column sums, e.g. dBiases. */
  sumRows(x: FloatArray, rows: number, cols: number, out: FloatArray): void;

  // ---- sliding windows over NHWC batches (convolution and pooling) -------
  // Glossary: g is the WindowGeometry, C = g.channels, kh/kw the kernel,
  // sh/sw the strides, oy/ox output positions; in index formulas dy/dx are
  // positions in the window, as arguments (dx, dy) they are gradients.
  // No output may alias an input.

  /**
   * Unfolds every window into a row, so a convolution becomes one GEMM:
   * cols[(b·outH + oy)·outW + ox, (dy·kw + dx)·C + c] =
   *   x[b, oy·sh + dy − padTop, ox·sw + dx − padLeft, c], 0 outside the input.
   * x is [batch, height, width, C]; cols is [batch·outH·outW, kh·kw·C], so
   * with weights [kh, kw, C, F] read as a [kh·kw·C, F] matrix, cols·W is the
   * convolution's output [batch, outH, outW, F].
   */
  im2col(x: FloatArray, g: WindowGeometry, cols: FloatArray): void;
  /**
   * The adjoint of im2col (dInputs from dCols = dY·Wᵀ): dx is fully
   * overwritten with dx[b, iy, ix, c] = Σ cols[row, column] over every
   * (row, column) whose im2col value is x[b, iy, ix, c], added in ascending
   * row-major order of cols (so every backend rounds alike). Padding
   * positions are dropped.
   */
  col2im(cols: FloatArray, g: WindowGeometry, dx: FloatArray): void;
  /**
   * Max pooling per channel: y[b, oy, ox, c] = max over the window's input
   * positions of x[b, iy, ix, c] (padding never wins), and argmax[same index]
   * = the flat index of that maximum in x, the first one in row-major window
   * order (dy, then dx) on ties. NaN propagates: the first NaN in window order
   * is the maximum. y and argmax are [batch, outH, outW, C]. (A backend
   * computes in place on an argmax that views a block from `allocate`:
   * `new Int32Array(block.buffer, block.byteOffset, length)`.)
   */
  maxPool(x: FloatArray, g: WindowGeometry, y: FloatArray, argmax: Int32Array): void;
  /**
   * The max-pool gradient: dx is fully overwritten with zeros, then
   * dx[argmax[i]] += dy[i] for i in ascending order over argmax's length
   * (overlapping windows accumulate). An index outside dx is an ArgumentError.
   */
  maxPoolBackward(dy: FloatArray, argmax: Int32Array, dx: FloatArray): void;

  // ---- elementwise (out may alias any input) -----------------------------

  copy(x: FloatArray, out: FloatArray): void;
  fill(out: FloatArray, value: number): void;
  /** out = a + b */
  add(a: FloatArray, b: FloatArray, out: FloatArray): void;
  /** out = a − b */
  sub(a: FloatArray, b: FloatArray, out: FloatArray): void;
  /** out = a ⊙ b */
  mul(a: FloatArray, b: FloatArray, out: FloatArray): void;
  /** out = s · x */
  scale(x: FloatArray, s: number, out: FloatArray): void;

  // ---- reductions (float64 accumulation) --------------------------------

  /** Σ x */
  sum(x: FloatArray): number;
  /** Σ |x| */
  sumAbs(x: FloatArray): number;
  /** Σ x² */
  sumSquares(x: FloatArray): number;
  /** out[r] = index of the largest value of row r (the first one on ties). */
  argmaxRows(x: FloatArray, rows: number, cols: number, out: Int32Array): void;
  /** True when every value is finite (no NaN, no ±Infinity). */
  allFinite(x: FloatArray): boolean;
  /** out = x > threshold ? 1 : 0, e.g. sigmoid outputs to 0/1 predictions. `out` may be `x`. */
  greaterThan(x: FloatArray, threshold: number, out: FloatArray): void;

  // ---- activations (out/dIn may alias x/dOut) ----------------------------

  /** y = max(0, x) */
  relu(x: FloatArray, y: FloatArray): void;
  /** dIn = dOut where x > 0, else 0 (the book's subgradient 0 at x = 0). */
  reluBackward(dOut: FloatArray, x: FloatArray, dIn: FloatArray): void;
  /** y = x > 0 ? x : alpha·x */
  leakyRelu(x: FloatArray, alpha: number, y: FloatArray): void;
  /** dIn = dOut · (x > 0 ? 1 : alpha) */
  leakyReluBackward(dOut: FloatArray, x: FloatArray, alpha: number, dIn: FloatArray): void;
  /** y = 1 / (1 + e^−x) */
  sigmoid(x: FloatArray, y: FloatArray): void;
  /** dIn = dOut · y · (1 − y), from the saved output y */
  sigmoidBackward(dOut: FloatArray, y: FloatArray, dIn: FloatArray): void;
  /** y = tanh x */
  tanh(x: FloatArray, y: FloatArray): void;
  /** dIn = dOut · (1 − y²), from the saved output y */
  tanhBackward(dOut: FloatArray, y: FloatArray, dIn: FloatArray): void;
  /** Row-wise softmax, subtracting each row's max first. */
  softmax(x: FloatArray, rows: number, cols: number, y: FloatArray): void;
  /** Softmax Jacobian product per row: dIn = y ⊙ (dOut − ⟨dOut, y⟩). */
  softmaxBackward(dOut: FloatArray, y: FloatArray, rows: number, cols: number, dIn: FloatArray): void;

  // ---- losses ------------------------------------------------------------
  // `targets` are class ids (length rows, any numeric array) when `sparse`,
  // otherwise a rows × cols array (one-hot, or regression targets).

  /** out[r] = −log(clip(pred[r, y_r], ε, 1 − ε)), or with one-hot rows −log Σ_c clip(pred)·t. */
  categoricalCrossentropy(pred: FloatArray, targets: NumericArray, sparse: boolean, rows: number, cols: number, epsilon: number, out: FloatArray): void;
  /** dIn = −t / pred / rows (no clipping, as the book). */
  categoricalCrossentropyBackward(pred: FloatArray, targets: NumericArray, sparse: boolean, rows: number, cols: number, dIn: FloatArray): void;
  /** Fused softmax + cross-entropy backward: dIn = (probs − onehot) / rows. */
  softmaxCrossentropyBackward(probs: FloatArray, targets: NumericArray, sparse: boolean, rows: number, cols: number, dIn: FloatArray): void;
  /** out[r] = mean_c −(t·log p + (1 − t)·log(1 − p)), p clipped to [ε, 1 − ε]. */
  binaryCrossentropy(pred: FloatArray, targets: NumericArray, rows: number, cols: number, epsilon: number, out: FloatArray): void;
  /** dIn = −(t/p − (1 − t)/(1 − p)) / cols / rows, p clipped to [ε, 1 − ε]. */
  binaryCrossentropyBackward(pred: FloatArray, targets: NumericArray, rows: number, cols: number, epsilon: number, dIn: FloatArray): void;
  /** out[r] = mean_c (t − p)² */
  meanSquaredError(pred: FloatArray, targets: NumericArray, rows: number, cols: number, out: FloatArray): void;
  /** dIn = −2 (t − p) / cols / rows */
  meanSquaredErrorBackward(pred: FloatArray, targets: NumericArray, rows: number, cols: number, dIn: FloatArray): void;
  /** out[r] = mean_c |t − p| */
  meanAbsoluteError(pred: FloatArray, targets: NumericArray, rows: number, cols: number, out: FloatArray): void;
  /** dIn = −sign(t − p) / cols / rows (the book's: 0 where t = p) */
  meanAbsoluteErrorBackward(pred: FloatArray, targets: NumericArray, rows: number, cols: number, dIn: FloatArray): void;

  // ---- regularization and optimizer updates (in place, whole buffers) ----
  // The updates evaluate the book's numpy expressions in the written order;
  // with float32 parameters every operation rounds to float32 (Python scalars
  // first become float32), as numpy does, so steps are bit-exact to the book's
  // code. float64 parameters compute in float64.

  /** Accumulates: grad += l1 · s + 2 · l2 · param, s = −1 where param < 0 else 1 (the book's dL1). */
  addRegularizationGradient(param: FloatArray, l1: number, l2: number, grad: FloatArray): void;
  /** param += −lr · grad */
  sgdUpdate(param: FloatArray, grad: FloatArray, lr: number): void;
  /** u = momentum · velocity − lr · grad; velocity = u; param += u */
  sgdMomentumUpdate(param: FloatArray, grad: FloatArray, velocity: FloatArray, lr: number, momentum: number): void;
  /** cache += grad²; param += (−lr · grad) / (√cache + ε) */
  adagradUpdate(param: FloatArray, grad: FloatArray, cache: FloatArray, lr: number, epsilon: number): void;
  /** cache = ρ·cache + (1 − ρ)·grad²; param += (−lr · grad) / (√cache + ε) */
  rmspropUpdate(param: FloatArray, grad: FloatArray, cache: FloatArray, lr: number, rho: number, epsilon: number): void;
  /**
   * m = β1·m + (1 − β1)·grad; v = β2·v + (1 − β2)·grad²;
   * param += (−lr · (m / (1 − β1^t))) / (√(v / (1 − β2^t)) + ε), with t = step ≥ 1.
   */
  adamUpdate(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, lr: number, beta1: number, beta2: number, epsilon: number, step: number): void;
}
