// Regularization gradients and optimizer updates over whole parameter
// buffers, fused so each buffer is read and written once per step.
// Hyperparameters arrive as float32; the js reference keeps them in float64,
// so results agree to a few float32 ulps.

export function addRegularizationGradient(param: usize, l1: f32, l2: f32, grad: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const l1v = f32x4.splat(l1);
  const minusL1 = f32x4.splat(-l1);
  const twoL2 = f32x4.splat(2 * l2);
  const useL1 = l1 > 0;
  const useL2 = l2 > 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const p = v128.load(param + o);
    let g = v128.load(grad + o);
    if (useL1) g = f32x4.add(g, v128.bitselect(minusL1, l1v, f32x4.lt(p, zero)));
    if (useL2) g = f32x4.add(g, f32x4.mul(twoL2, p));
    v128.store(grad + o, g);
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const p = load<f32>(param + o);
    let g = load<f32>(grad + o);
    if (useL1) g += p < 0 ? -l1 : l1;
    if (useL2) g += 2 * l2 * p;
    store<f32>(grad + o, g);
  }
}

/** param += −lr · grad */
export function sgdUpdate(param: usize, grad: usize, lr: f32, n: i32): void {
  const step = f32x4.splat(-lr);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    v128.store(param + o, f32x4.add(v128.load(param + o), f32x4.mul(step, v128.load(grad + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    store<f32>(param + o, load<f32>(param + o) + -lr * load<f32>(grad + o));
  }
}

/** velocity = momentum · velocity − lr · grad; param += velocity */
export function sgdMomentumUpdate(param: usize, grad: usize, velocity: usize, lr: f32, momentum: f32, n: i32): void {
  const lrv = f32x4.splat(lr);
  const mv = f32x4.splat(momentum);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const u = f32x4.sub(f32x4.mul(mv, v128.load(velocity + o)), f32x4.mul(lrv, v128.load(grad + o)));
    v128.store(velocity + o, u);
    v128.store(param + o, f32x4.add(v128.load(param + o), u));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const u = momentum * load<f32>(velocity + o) - lr * load<f32>(grad + o);
    store<f32>(velocity + o, u);
    store<f32>(param + o, load<f32>(param + o) + u);
  }
}

/**
 * The adaptive family in one loop: cache = decay·cache + gain·grad²;
 * param += −lr · grad / (√cache + ε). Adagrad is decay = 1, gain = 1;
 * RMSprop is decay = ρ, gain = 1 − ρ.
 */
export function adaptiveUpdate(param: usize, grad: usize, cache: usize, lr: f32, decay: f32, gain: f32, epsilon: f32, n: i32): void {
  const lrv = f32x4.splat(-lr);
  const dv = f32x4.splat(decay);
  const gv = f32x4.splat(gain);
  const ev = f32x4.splat(epsilon);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const g = v128.load(grad + o);
    const c = f32x4.add(f32x4.mul(dv, v128.load(cache + o)), f32x4.mul(gv, f32x4.mul(g, g)));
    v128.store(cache + o, c);
    v128.store(param + o, f32x4.add(v128.load(param + o), f32x4.div(f32x4.mul(lrv, g), f32x4.add(f32x4.sqrt(c), ev))));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const g = load<f32>(grad + o);
    const c = decay * load<f32>(cache + o) + gain * (g * g);
    store<f32>(cache + o, c);
    store<f32>(param + o, load<f32>(param + o) + (-lr * g) / (Mathf.sqrt(c) + epsilon));
  }
}

/**
 * Adam: m = β1·m + γ1·g; v = β2·v + γ2·g²;
 * param += −lr · (m / c1) / (√(v / c2) + ε), with γ = 1 − β, c1 = 1 − β1^t,
 * c2 = 1 − β2^t. The host computes γ in float64: 1 − β2 from a float32 β2
 * = 0.999 would be off by 1e−5 relative.
 */
export function adamUpdate(param: usize, grad: usize, m: usize, v: usize, lr: f32, beta1: f32, gamma1: f32, beta2: f32, gamma2: f32, epsilon: f32, c1: f32, c2: f32, n: i32): void {
  const b1 = f32x4.splat(beta1);
  const g1 = f32x4.splat(gamma1);
  const b2 = f32x4.splat(beta2);
  const g2 = f32x4.splat(gamma2);
  const lrv = f32x4.splat(-lr);
  const c1v = f32x4.splat(c1);
  const c2v = f32x4.splat(c2);
  const ev = f32x4.splat(epsilon);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const g = v128.load(grad + o);
    const mv = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(g1, g));
    const vv = f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(g2, f32x4.mul(g, g)));
    v128.store(m + o, mv);
    v128.store(v + o, vv);
    const update = f32x4.div(f32x4.mul(lrv, f32x4.div(mv, c1v)), f32x4.add(f32x4.sqrt(f32x4.div(vv, c2v)), ev));
    v128.store(param + o, f32x4.add(v128.load(param + o), update));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const g = load<f32>(grad + o);
    const mv = beta1 * load<f32>(m + o) + gamma1 * g;
    const vv = beta2 * load<f32>(v + o) + gamma2 * (g * g);
    store<f32>(m + o, mv);
    store<f32>(v + o, vv);
    store<f32>(param + o, load<f32>(param + o) + (-lr * (mv / c1)) / (Mathf.sqrt(vv / c2) + epsilon));
  }
}
