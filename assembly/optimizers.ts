// Regularization gradients and optimizer updates over whole parameter
// buffers, fused so each buffer is read and written once per step.
// The updates follow the reference operation by operation in float32 (as the
// book's numpy runs them on float32 parameters, every step rounded; wasm
// never fuses a multiply-add here), with hyperparameters rounded to float32
// by the host, so they match it bit for bit. The regularization gradient
// accumulates in float64 and rounds once, as the reference does.

@inline function get(p: usize, i: i32): f64 { return <f64>load<f32>(p + <usize>i * 4); }
@inline function set(p: usize, i: i32, v: f64): void { store<f32>(p + <usize>i * 4, <f32>v); }

/** grad += l1·sign(param) + 2·l2·param (sign −1 where param < 0, else 1: the book's dL1). */
export function addRegularizationGradient(param: usize, l1: f64, l2: f64, grad: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    let g = get(grad, i);
    const p = get(param, i);
    if (l1 > 0) g += p < 0 ? -l1 : l1;
    if (l2 > 0) g += 2 * l2 * p;
    set(grad, i, g);
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
