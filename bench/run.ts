// `npm run bench`: GEMM GFLOP/s and training workloads W1–W3, scratchnet (js,
// wasm with 1/2 threads, with/without relaxed-SIMD FMA) side by side with the
// peers installable here: a naive Float32Array triple loop, TensorFlow.js cpu
// and wasm, book-style numpy (python3 subprocess, 1 thread and all threads)
// and PyTorch CPU (1 and 2 threads) where a python3 can import torch. Medians (and best) of interleaved rounds; a table on stdout, JSON in bench/results/.
// Not a test: nothing here asserts a time.
//
// W4 (the small Fashion-MNIST CNN) runs against PyTorch CPU and TensorFlow.js cpu/wasm.
//
// Options: --quick (fewer repetitions), --only=gemm|train|cnn.
import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, writeSync, fsyncSync, closeSync, renameSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../src/backend/backend.js';
import { jsBackend } from '../src/backend/js.js';
import { registerBackend, setBackend } from '../src/backend/registry.js';
import { simdLevelAvailable, type SimdLevel } from '../src/backend/wasm/modules.js';
import { createWasmBackend, type WasmBackend } from '../src/backend/wasm/wasm-backend.js';
import { tfjsCnnStep } from './tfjs-cnn.js';
import { cnnWorkload, prepareCnnTraining, prepareTraining, workloads, type Workload } from './workloads.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const only = [...args].find((a) => a.startsWith('--only='))?.slice(7);
/** Timed runs per measurement within a round, and rounds. */
const REPEATS = 1;
const ROUNDS = quick ? 2 : 3;

const gemmShapes: [number, number, number][] = [
  [128, 784, 128],
  [128, 128, 128],
  [512, 1024, 1024],
  [1024, 1024, 1024],
  [128, 128, 10],
];
const shapeKey = ([m, n, k]: [number, number, number]): string => `${m}x${n}x${k}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median seconds of one `run()`, after a warm-up; `run` may itself loop. */
function time(run: () => void, repeats = REPEATS): number {
  run();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    run();
    times.push((performance.now() - start) / 1000);
  }
  return median(times);
}


/** Calls per timed run so one run does ~2e8 flops (at least one call). */
function callsFor(flops: number): number {
  return Math.max(1, Math.floor(2e8 / flops));
}

type GemmPeer = { name: string; gflops(m: number, n: number, k: number): number | string };

function randomFloats(n: number, into?: Float32Array): Float32Array {
  const out = into ?? new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

function backendPeer(name: string, backend: Backend, slowLimit = Infinity): GemmPeer {
  return {
    name,
    gflops(m, n, k) {
      const flops = 2 * m * n * k;
      if (flops > slowLimit) return 'skipped: too slow at this size';
      const a = randomFloats(m * k, backend.allocate(m * k));
      const b = randomFloats(k * n, backend.allocate(k * n));
      const c = backend.allocate(m * n);
      const calls = callsFor(flops);
      const seconds = time(() => {
        for (let i = 0; i < calls; i++) backend.gemm(false, false, m, n, k, a, b, c);
      });
      for (const buffer of [a, b, c]) backend.release(buffer);
      return (flops * calls) / seconds / 1e9;
    },
  };
}

const naivePeer: GemmPeer = {
  name: 'naive Float32Array loop',
  gflops(m, n, k) {
    const flops = 2 * m * n * k;
    if (flops > 1.2e9) return 'skipped: too slow at this size';
    const a = randomFloats(m * k);
    const b = randomFloats(k * n);
    const c = new Float32Array(m * n);
    const calls = callsFor(flops);
    const seconds = time(() => {
      for (let call = 0; call < calls; call++) {
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let acc = 0;
            for (let p = 0; p < k; p++) acc += a[i * k + p] * b[p * n + j];
            c[i * n + j] = acc;
          }
        }
      }
    });
    return (flops * calls) / seconds / 1e9;
  },
};

interface TfLike {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  tensor2d(values: Float32Array, shape: [number, number]): { dispose(): void };
  matMul(a: unknown, b: unknown): { dataSync(): unknown; dispose(): void };
}

async function tfjsPeers(): Promise<{ peers: GemmPeer[]; notes: string[] }> {
  const notes: string[] = [];
  let tf: TfLike;
  try {
    tf = (await import('@tensorflow/tfjs')) as unknown as TfLike;
  } catch (error) {
    return { peers: [], notes: [`TensorFlow.js skipped: @tensorflow/tfjs not importable (${String(error)})`] };
  }
  const peers: GemmPeer[] = [];
  const make = (backendName: string): GemmPeer => ({
    name: `TensorFlow.js ${backendName}`,
    gflops(m, n, k) {
      if (tf.getBackend() !== backendName) throw new Error(`tfjs backend is ${tf.getBackend()}`);
      const flops = 2 * m * n * k;
      if (backendName === 'cpu' && flops > 1.2e9) return 'skipped: too slow at this size';
      const a = tf.tensor2d(randomFloats(m * k), [m, k]);
      const b = tf.tensor2d(randomFloats(k * n), [k, n]);
      const calls = callsFor(flops);
      const seconds = time(() => {
        for (let i = 0; i < calls; i++) {
          const c = tf.matMul(a, b);
          c.dataSync();
          c.dispose();
        }
      });
      a.dispose();
      b.dispose();
      return (flops * calls) / seconds / 1e9;
    },
  });
  peers.push(make('cpu'));
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    peers.push(make('wasm'));
  } catch (error) {
    notes.push(`TensorFlow.js wasm skipped: @tensorflow/tfjs-backend-wasm not importable (${String(error)})`);
  }
  return { peers, notes };
}

interface NumpyResult {
  blas: Record<string, unknown>;
  gemm: Record<string, number>;
  workloads: Record<string, number>;
  /** Fastest run: GFLOP/s by shape key, seconds by workload name. */
  best: Record<string, number>;
}

/** Runs bench/numpy_reference.py; OpenBLAS tuning variables are unset so numpy picks its own kernel. */
function runNumpy(threads: 'single' | 'all', config: object): NumpyResult | string {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  if (threads === 'single') {
    env.OPENBLAS_NUM_THREADS = '1';
    env.OMP_NUM_THREADS = '1';
    env.MKL_NUM_THREADS = '1';
  } else {
    for (const v of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) delete env[v];
  }
  const result = spawnSync('python3', [join(here, 'numpy_reference.py'), JSON.stringify(config)], { env, encoding: 'utf8', timeout: 900_000 });
  if (result.error) return `skipped: python3 not runnable (${result.error.message})`;
  if (result.status !== 0) {
    const reason = /No module named 'numpy'/.test(result.stderr) ? 'numpy not installed' : result.stderr.trim().split('\n').pop();
    return `skipped: ${reason}`;
  }
  return JSON.parse(result.stdout) as NumpyResult;
}

interface TorchResult {
  torch: Record<string, unknown>;
  gemm: Record<string, number>;
  workloads: Record<string, number>;
  /** Seconds for the W4 steps asked for. */
  cnn?: number;
}

/**
 * Pythons that may import torch: the one on PATH, then Debian's system python,
 * where the `python3-torch` package installs it.
 */
const TORCH_PYTHONS = ['python3', '/usr/bin/python3'];
let torchPython: string | null | undefined;

function findTorchPython(): string | null {
  if (torchPython !== undefined) return torchPython;
  torchPython = null;
  for (const python of TORCH_PYTHONS) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (!probe.error && probe.status === 0) {
      torchPython = python;
      break;
    }
  }
  return torchPython;
}

/** Runs bench/torch_reference.py with `threads` intra-op threads. */
function runTorch(threads: 1 | 2, config: object): TorchResult | string {
  const python = findTorchPython();
  if (!python) return 'skipped: torch is not importable by python3 (install e.g. Debian\'s python3-torch)';
  // torch.set_num_threads sets PyTorch's own pool; the BLAS it calls (Debian's
  // torch uses the system OpenBLAS) has its own, set through the environment.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const result = spawnSync(python, [join(here, 'torch_reference.py'), JSON.stringify({ ...config, threads })], { env, encoding: 'utf8', timeout: 900_000 });
  if (result.error) return `skipped: ${result.error.message}`;
  if (result.status !== 0) return `skipped: ${result.stderr.trim().split('\n').pop()}`;
  return JSON.parse(result.stdout) as TorchResult;
}

interface Variant {
  name: string;
  backend: Backend;
}

function scratchnetVariants(): Variant[] {
  const variants: Variant[] = [{ name: 'scratchnet js', backend: jsBackend }];
  const levels: SimdLevel[] = (['simd', 'relaxed'] as const).filter((l) => simdLevelAvailable(l));
  for (const level of levels) {
    for (const threads of [1, 2] as const) {
      const backend = createWasmBackend({ simd: level, threads });
      variants.push({ name: `scratchnet wasm ${level === 'relaxed' ? 'relaxed FMA' : 'SIMD'} ${threads}T`, backend });
    }
  }
  return variants;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function formatCell(value: number | string | undefined, digits = 1): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return '—';
  return value.toFixed(digits);
}

function printTable(title: string, columns: string[], rows: [string, (number | string | undefined)[]][], digits: number): void {
  console.log(`\n${title}`);
  const first = Math.max(28, ...rows.map(([name]) => name.length + 2));
  console.log(pad('', first) + columns.map((c) => pad(c, 16)).join(''));
  for (const [name, values] of rows) console.log(pad(name, first) + values.map((v) => pad(formatCell(v, digits), 16)).join(''));
}

function writeJsonAtomically(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  writeSync(fd, JSON.stringify(value, null, 2));
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, path);
}

/**
 * Measurements by (table, row, column), collected over rounds. Each round
 * measures every peer once per column, numpy included, one right after the
 * other: on a machine shared with other work, load drifts over minutes, and
 * interleaving keeps every peer exposed to the same drift.
 */
const cells = new Map<string, (number | string)[]>();
function collect(table: string, row: string, column: string, value: number | string | undefined): void {
  if (value === undefined) return;
  const key = `${table}\u0000${row}\u0000${column}`;
  if (!cells.has(key)) cells.set(key, []);
  cells.get(key)!.push(value);
}
function summary(table: string, rows: string[], columns: string[], pick: 'median' | 'best', higherIsBetter: boolean): [string, (number | string)[]][] {
  return rows
    .filter((row) => columns.some((c) => cells.has(`${table}\u0000${row}\u0000${c}`)))
    .map((row) => [
      row,
      columns.map((column) => {
        const values = cells.get(`${table}\u0000${row}\u0000${column}`) ?? ['not measured'];
        const numbers = values.filter((v): v is number => typeof v === 'number');
        if (numbers.length === 0) return String(values[0]);
        if (pick === 'median') return median(numbers);
        return higherIsBetter ? Math.max(...numbers) : Math.min(...numbers);
      }),
    ]);
}

async function main(): Promise<void> {
  const notes: string[] = [];
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    rounds: ROUNDS,
  };
  const variants = scratchnetVariants();
  for (const v of variants) if (v.backend !== jsBackend) await (v.backend as WasmBackend).startThreads();
  if (!simdLevelAvailable('relaxed')) notes.push('relaxed SIMD unavailable in this engine: FMA rows skipped');

  // Steps per measured run of each workload; pure-JS peers take fewer (their time per step is long and steady).
  const steps = { W1: quick ? 20 : 60, W2: 1000, W3: quick ? 4 : 10 };
  const jsSteps = { W1: 6, W2: 1000, W3: 0 };
  const numpyRows = { single: 'numpy 1T', all: 'numpy all threads' } as const;
  const torchRows = { 1: 'PyTorch 1T', 2: 'PyTorch 2T' } as const;
  const torchInfo: Record<string, unknown> = {};
  const torchRound = (threads: 1 | 2, config: object): TorchResult | null => {
    const result = runTorch(threads, { repeats: 1, gemm: [], workloads: {}, ...config });
    if (typeof result === 'string') {
      if (!notes.some((n) => n.startsWith('PyTorch'))) notes.push(`PyTorch CPU ${result}`);
      return null;
    }
    torchInfo[threads] = result.torch;
    return result;
  };
  const numpyInfo: Record<string, unknown> = {};
  const numpyNoted = new Set<string>();
  const numpyRound = (threads: 'single' | 'all', config: object): NumpyResult | null => {
    const result = runNumpy(threads, { repeats: 1, gemm: [], workloads: {}, ...config });
    if (typeof result === 'string') {
      if (!numpyNoted.has(threads)) notes.push(`numpy (${threads === 'single' ? '1 thread' : 'all threads'}) ${result}`);
      numpyNoted.add(threads);
      return null;
    }
    numpyInfo[threads] = result.blas;
    return result;
  };

  const gemmColumns = gemmShapes.map(shapeKey);
  const gemmRowNames: string[] = [];
  if (only === undefined || only === 'gemm') {
    const { peers: tfPeers, notes: tfNotes } = await tfjsPeers();
    notes.push(...tfNotes);
    const tf = tfPeers.length > 0 ? ((await import('@tensorflow/tfjs')) as unknown as TfLike) : null;
    const peers: GemmPeer[] = [naivePeer, ...variants.map((v) => backendPeer(v.name, v.backend, v.backend === jsBackend ? 2.2e9 : Infinity)), ...tfPeers];
    gemmRowNames.push(...peers.map((p) => p.name), numpyRows.single, numpyRows.all, torchRows[1], torchRows[2]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const shape of gemmShapes) {
        const column = shapeKey(shape);
        for (const threads of ['single', 'all'] as const) {
          collect('gemm', numpyRows[threads], column, numpyRound(threads, { gemm: [shape] })?.gemm[column]);
        }
        for (const threads of [1, 2] as const) collect('gemm', torchRows[threads], column, torchRound(threads, { gemm: [shape] })?.gemm[column]);
        for (const peer of peers) {
          if (peer.name.startsWith('TensorFlow.js')) {
            const backendName = peer.name.endsWith('wasm') ? 'wasm' : 'cpu';
            if (!tf || !(await tf.setBackend(backendName))) {
              collect('gemm', peer.name, column, 'skipped: backend did not initialise');
              continue;
            }
            await tf.ready();
          }
          collect('gemm', peer.name, column, peer.gflops(...shape));
        }
      }
    }
    const medians = summary('gemm', gemmRowNames, gemmColumns, 'median', true);
    const bests = summary('gemm', gemmRowNames, gemmColumns, 'best', true);
    report.gemm = { unit: 'GFLOP/s', median: tableJson(medians, gemmColumns), best: tableJson(bests, gemmColumns) };
    printTable(`GEMM GFLOP/s (C = A·B, m×n×k), median of ${ROUNDS} interleaved rounds`, gemmColumns, medians, 1);
    printTable('GEMM GFLOP/s, best round', gemmColumns, bests, 1);
    const reference = medians.find(([row]) => row === numpyRows.single);
    if (reference) {
      printTable(
        'GEMM ratio vs numpy 1 thread (medians)',
        gemmColumns,
        medians.map(([name, values]) => [name, values.map((v, i) => (typeof v === 'number' && typeof reference[1][i] === 'number' ? v / (reference[1][i] as number) : v))]),
        2,
      );
    }
  }

  if (only === undefined || only === 'train') {
    const names = Object.keys(workloads) as (keyof typeof workloads)[];
    const trainRowNames = [...variants.map((v) => v.name), `${numpyRows.single} book-style`, `${numpyRows.all} book-style`, torchRows[1], torchRows[2]];
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of names) {
        const w: Workload = workloads[name];
        for (const threads of ['single', 'all'] as const) {
          const result = numpyRound(threads, { workloads: { [name]: { ...w, steps: steps[name], repeats: 1 } } });
          if (result) collect('train', `${numpyRows[threads]} book-style`, name, epochSeconds(name, result.workloads[name], steps[name], w));
        }
        for (const threads of [1, 2] as const) {
          const result = torchRound(threads, { workloads: { [name]: { ...w, steps: steps[name] } } });
          if (result) collect('train', torchRows[threads], name, epochSeconds(name, result.workloads[name], steps[name], w));
        }
        for (const v of variants) {
          if (v.backend === jsBackend && jsSteps[name] === 0) {
            collect('train', v.name, name, 'skipped: about a minute per step');
            continue;
          }
          const n = v.backend === jsBackend ? jsSteps[name] : steps[name];
          registerBackend({ ...v.backend, name: `bench:${v.name}` });
          setBackend(`bench:${v.name}`);
          const train = prepareTraining(w);
          collect('train', v.name, name, epochSeconds(name, time(() => train(n), 1), n, w));
        }
        setBackend('wasm');
      }
    }
    const medians = summary('train', trainRowNames, names, 'median', false);
    const bests = summary('train', trainRowNames, names, 'best', false);
    report.training = {
      unit: 'W1, W3: seconds per 60000-sample epoch; W2: seconds for 1000 full-batch epochs',
      median: tableJson(medians, names),
      best: tableJson(bests, names),
    };
    printTable(`Training (W1, W3: s/epoch of 60000 samples; W2: s for 1000 epochs), median of ${ROUNDS} rounds`, names, medians, 3);
    printTable('Training, best round', names, bests, 3);
    const reference = medians.find(([row]) => row === `${numpyRows.single} book-style`);
    if (reference) {
      printTable(
        'Training speed-up vs numpy book-style 1 thread (medians; higher is faster)',
        names,
        medians.map(([row, values]) => [row, values.map((v, i) => (typeof v === 'number' && typeof reference[1][i] === 'number' ? (reference[1][i] as number) / v : v))]),
        2,
      );
    }
  }

  if (only === undefined || only === 'cnn') {
    // Milliseconds per W4 step; the pure-JS peers take few steps (theirs are long and steady).
    const cnnSteps = quick ? 10 : 30;
    const cnnRows = [...variants.map((v) => v.name), torchRows[1], torchRows[2], 'TensorFlow.js cpu', 'TensorFlow.js wasm'];
    for (let round = 0; round < ROUNDS; round++) {
      for (const threads of [1, 2] as const) {
        const result = torchRound(threads, { cnn: { ...cnnWorkload, steps: cnnSteps } });
        if (result?.cnn !== undefined) collect('cnn', torchRows[threads], 'W4', (result.cnn / cnnSteps) * 1000);
      }
      for (const v of variants) {
        const n = v.backend === jsBackend ? 2 : cnnSteps;
        registerBackend({ ...v.backend, name: `bench:${v.name}` });
        setBackend(`bench:${v.name}`);
        const train = prepareCnnTraining();
        collect('cnn', v.name, 'W4', (time(() => train(n), 1) / n) * 1000);
      }
      setBackend('wasm');
      // TF.js cpu takes tens of seconds a step: measured in the first round only.
      if (round === 0) {
        collect('cnn', 'TensorFlow.js cpu', 'W4', await tfjsCnnStep('cpu', quick ? 1 : 2));
        collect('cnn', 'TensorFlow.js wasm', 'W4', await tfjsCnnStep('wasm', 3));
      }
    }
    const medians = summary('cnn', cnnRows, ['W4'], 'median', false);
    const epochs: [string, (number | string)[]][] = medians.map(([row, [ms]]) => [row, [ms, typeof ms === 'number' ? (ms / 1000) * cnnWorkload.stepsPerEpoch : ms]]);
    report.cnn = { unit: 'ms per W4 step (batch 128); s per 60000-sample epoch', median: tableJson(epochs, ['ms/step', 's/epoch']) };
    printTable(`W4 CNN training (batch 128, Adam), median of ${ROUNDS} rounds (TF.js: round 1)`, ['ms/step', 's/epoch'], epochs, 1);
    for (const [row, [ms]] of medians) if (typeof ms === 'string') notes.push(`W4 ${row}: ${ms}`);
    const torchBest = Math.min(...medians.filter(([row]) => row.startsWith('PyTorch')).map(([, [ms]]) => (typeof ms === 'number' ? ms : Infinity)));
    if (Number.isFinite(torchBest)) {
      printTable('W4 speed-up vs PyTorch CPU at its best thread count (higher is faster)', ['×'], medians.map(([row, [ms]]) => [row, [typeof ms === 'number' ? torchBest / ms : ms]]), 2);
    }
  }

  report.numpy = numpyInfo;
  report.torch = torchInfo;
  for (const [threads, info] of Object.entries(numpyInfo)) console.log(`numpy ${threads}: ${JSON.stringify(info)}`);
  for (const [threads, info] of Object.entries(torchInfo)) console.log(`PyTorch ${threads}T: ${JSON.stringify(info)}`);
  for (const note of notes) console.log(`note: ${note}`);
  report.notes = notes;
  const file = join(here, 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeJsonAtomically(file, report);
  console.log(`\nsaved ${file}`);
  for (const v of variants) if (v.backend !== jsBackend) (v.backend as WasmBackend).dispose();
}

function tableJson(rows: [string, (number | string)[]][], columns: string[]): Record<string, Record<string, number | string>> {
  return Object.fromEntries(rows.map(([row, values]) => [row, Object.fromEntries(columns.map((c, i) => [c, values[i]]))]));
}

/** W1/W3: seconds per 60000-sample epoch extrapolated from `steps` steps; W2: seconds for 1000 epochs. */
function epochSeconds(name: string, secondsPerRun: number, steps: number, w: Workload): number {
  return name === 'W2' ? (secondsPerRun / steps) * 1000 : (secondsPerRun / steps) * w.stepsPerEpoch;
}

await main();
