// Losses and their gradients, in float64 like the js reference (these touch
// only the network's output, rows × cols, so precision costs nothing).
// `targets` points at int32 class ids (length rows) when `sparse`, otherwise
// at rows × cols float32 values.

@inline function f(p: usize, i: i32): f64 { return <f64>load<f32>(p + <usize>i * 4); }
@inline function put(p: usize, i: i32, v: f64): void { store<f32>(p + <usize>i * 4, <f32>v); }
@inline function label(targets: usize, r: i32): i32 { return load<i32>(targets + <usize>r * 4); }
@inline function clip(p: f64, epsilon: f64): f64 { return Math.min(Math.max(p, epsilon), 1 - epsilon); }

export function categoricalCrossentropy(pred: usize, targets: usize, sparse: bool, rows: i32, cols: i32, epsilon: f64, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let confidence: f64 = 0;
    if (sparse) {
      confidence = clip(f(pred, o + label(targets, r)), epsilon);
    } else {
      for (let c = 0; c < cols; c++) confidence += clip(f(pred, o + c), epsilon) * f(targets, o + c);
    }
    put(out, r, -Math.log(confidence));
  }
}

export function categoricalCrossentropyBackward(pred: usize, targets: usize, sparse: bool, rows: i32, cols: i32, dIn: usize): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) {
      const t: f64 = sparse ? (label(targets, r) == c ? 1 : 0) : f(targets, o + c);
      put(dIn, o + c, -t / f(pred, o + c) / <f64>rows);
    }
  }
}

/** Fused softmax + cross-entropy backward: (probs − onehot) / rows. */
export function softmaxCrossentropyBackward(probs: usize, targets: usize, sparse: bool, rows: i32, cols: i32, dIn: usize): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let lab = 0;
    if (sparse) {
      lab = label(targets, r);
    } else {
      for (let c = 1; c < cols; c++) if (f(targets, o + c) > f(targets, o + lab)) lab = c;
    }
    for (let c = 0; c < cols; c++) {
      const p = f(probs, o + c);
      put(dIn, o + c, (c == lab ? p - 1 : p) / <f64>rows);
    }
  }
}

export function binaryCrossentropy(pred: usize, targets: usize, rows: i32, cols: i32, epsilon: f64, out: usize): void {
  for (let r = 0; r < rows; r++) {
    let acc: f64 = 0;
    for (let c = 0; c < cols; c++) {
      const p = clip(f(pred, r * cols + c), epsilon);
      const t = f(targets, r * cols + c);
      acc += -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }
    put(out, r, acc / <f64>cols);
  }
}

export function binaryCrossentropyBackward(pred: usize, targets: usize, rows: i32, cols: i32, epsilon: f64, dIn: usize): void {
  for (let i = 0; i < rows * cols; i++) {
    const p = clip(f(pred, i), epsilon);
    const t = f(targets, i);
    put(dIn, i, -(t / p - (1 - t) / (1 - p)) / <f64>cols / <f64>rows);
  }
}

/** kind 0: mean squared error, 1: mean absolute error (per row). */
export function meanError(kind: i32, pred: usize, targets: usize, rows: i32, cols: i32, out: usize): void {
  for (let r = 0; r < rows; r++) {
    let acc: f64 = 0;
    for (let c = 0; c < cols; c++) {
      const d = f(targets, r * cols + c) - f(pred, r * cols + c);
      acc += kind == 0 ? d * d : Math.abs(d);
    }
    put(out, r, acc / <f64>cols);
  }
}

/** kind 0: −2 (t − p) / cols / rows; 1: −sign(t − p) / cols / rows (0 where t = p). */
export function meanErrorBackward(kind: i32, pred: usize, targets: usize, rows: i32, cols: i32, dIn: usize): void {
  for (let i = 0; i < rows * cols; i++) {
    const d = f(targets, i) - f(pred, i);
    const g = kind == 0 ? -2 * d : d > 0 ? -1.0 : d < 0 ? 1.0 : 0.0;
    put(dIn, i, g / <f64>cols / <f64>rows);
  }
}
