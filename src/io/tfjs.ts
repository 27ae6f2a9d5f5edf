import { ArgumentError, ModelFileError, formatShape } from '../errors.js';
import type { LayerSpec, ModelSpec } from '../model/architecture.js';
import { Model } from '../model/model.js';
import { getDefaultGenerator } from '../random/default.js';
import { Tensor } from '../tensor/tensor.js';
import { nodeBuiltin } from '../platform/node-builtin.js';
import { VERSION } from '../version.js';
import { writeFileBytes } from './file-bytes.js';
import { denseParameters, denseWidths, type NamedTensors } from './dense-parameters.js';
import type { ExportableModel } from './onnx.js';

/** One weight in a TF.js weights manifest: little-endian values, row-major. */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

/** A group of weights stored back to back across the concatenation of `paths`. */
export interface TfjsWeightsGroup {
  paths: string[];
  weights: TfjsWeightSpec[];
}

/** A Keras layer as TF.js serialises it: `{ class_name: 'Dense', config: { units: 64, … } }`. */
export interface KerasLayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

/** The `model.json` of a TF.js layers model (the fields scratchnet reads and writes). */
export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: string | null;
  modelTopology: {
    class_name: 'Sequential';
    config: { name: string; layers: KerasLayerJson[] };
    keras_version: string;
    backend: string;
  };
  weightsManifest: TfjsWeightsGroup[];
}

/** The file name `exportTfjs` gives the weights. */
const WEIGHTS_FILE = 'weights.bin';

/** scratchnet activation layers and the Keras activation names that mean the same function. */
const ACTIVATION_NAMES = {
  ReLU: 'relu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  Softmax: 'softmax',
  Linear: 'linear',
} as const;

type ActivationType = keyof typeof ACTIVATION_NAMES;

/** The Keras layer classes importTfjs understands. */
const SUPPORTED_CLASSES = ['InputLayer', 'Dense', 'Activation', 'Dropout', 'ReLU', 'LeakyReLU', 'Softmax'];

/**
 * Encodes a model in the TF.js layers format: a Keras `Sequential` topology
 * (Dense with activation 'linear' [nIn, nOut] kernel + [nOut] bias; ReLU,
 * Sigmoid, Tanh, Softmax, Linear → `Activation`; LeakyReLU → `LeakyReLU`;
 * Dropout → `Dropout` with the same drop rate) and one float32 weights file.
 *
 * ```ts
 * const { modelJson, weights } = encodeTfjs(model.toSpec(), tensors);
 * ```
 */
export function encodeTfjs(spec: ModelSpec, tensors: NamedTensors): { modelJson: TfjsModelJson; weights: Uint8Array } {
  const owner = 'encodeTfjs';
  const { inputs } = denseWidths(owner, spec);
  const layers: KerasLayerJson[] = [];
  const manifest: TfjsWeightSpec[] = [];
  const chunks: ArrayLike<number>[] = [];
  spec.layers.forEach((layer, index) => {
    let json: KerasLayerJson;
    switch (layer.type) {
      case 'Dense': {
        const name = `dense_${index}`;
        const { weights, biases } = denseParameters(owner, layer, index, tensors);
        json = {
          class_name: 'Dense',
          config: {
            name,
            units: layer.units,
            activation: 'linear',
            use_bias: true,
            kernel_regularizer: regularizerJson(layer.weightRegularizerL1, layer.weightRegularizerL2),
            bias_regularizer: regularizerJson(layer.biasRegularizerL1, layer.biasRegularizerL2),
          },
        };
        manifest.push({ name: `${name}/kernel`, shape: [layer.inputs, layer.units], dtype: 'float32' });
        manifest.push({ name: `${name}/bias`, shape: [layer.units], dtype: 'float32' });
        chunks.push(weights.data, biases.data);
        break;
      }
      case 'Dropout':
        json = { class_name: 'Dropout', config: { name: `dropout_${index}`, rate: layer.rate } };
        break;
      case 'LeakyReLU':
        json = { class_name: 'LeakyReLU', config: { name: `leaky_re_lu_${index}`, alpha: layer.alpha } };
        break;
      case 'ReLU':
      case 'Sigmoid':
      case 'Tanh':
      case 'Softmax':
      case 'Linear':
        json = { class_name: 'Activation', config: { name: `activation_${index}`, activation: ACTIVATION_NAMES[layer.type] } };
        break;
      default:
        throw new ArgumentError(`${owner}: layers.${index} has type ${JSON.stringify((layer as { type: unknown }).type)}, which the TF.js format does not support`);
    }
    json.config.trainable = true;
    json.config.dtype = 'float32';
    // Keras reads the input shape from the first layer, whatever its class.
    if (index === 0) json.config.batch_input_shape = [null, inputs];
    layers.push(json);
  });

  const total = chunks.reduce((n, chunk) => n + chunk.length, 0);
  const weights = new Uint8Array(total * 4);
  const view = new DataView(weights.buffer);
  let offset = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++, offset += 4) view.setFloat32(offset, chunk[i], true);
  }
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: `scratchnet ${VERSION}`,
      convertedBy: null,
      modelTopology: {
        class_name: 'Sequential',
        config: { name: 'sequential', layers },
        keras_version: `scratchnet ${VERSION}`,
        backend: 'tensor_flow.js',
      },
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: manifest }],
    },
    weights,
  };
}

/**
 * Writes `model` as a TF.js layers model: `<folder>/model.json` and
 * `<folder>/weights.bin` (each atomically; the weights first, so a
 * model.json never points at missing weights). Load it with
 * `tf.loadLayersModel('file://…/model.json')` or over HTTP.
 *
 * ```ts
 * await exportTfjs(model, 'web-model');
 * ```
 */
export async function exportTfjs(model: ExportableModel, folder: string): Promise<void> {
  const tensors = new Map(model.namedParameters().map(([name, parameter]) => [name, parameter.value]));
  const { modelJson, weights } = encodeTfjs(model.toSpec(), tensors);
  const { mkdir } = nodeBuiltin('node:fs/promises', 'exportTfjs');
  const { join } = nodeBuiltin('node:path', 'exportTfjs');
  await mkdir(folder, { recursive: true });
  await writeFileBytes(join(folder, WEIGHTS_FILE), weights);
  await writeFileBytes(join(folder, 'model.json'), new TextEncoder().encode(`${JSON.stringify(modelJson, null, 2)}\n`));
}

/**
 * Reads a TF.js layers model (a folder holding `model.json`, or the path of
 * the `model.json` itself) as a scratchnet spec and named tensors. Dense
 * layers with a fused activation become Dense + that activation layer.
 *
 * Validation: only Sequential models of InputLayer/Dense/Activation/Dropout/
 * ReLU/LeakyReLU/Softmax layers; weights files must lie inside the model's
 * folder (no `..`, no absolute paths, no symlinks out); every weight float32,
 * unquantized, with exactly the bytes its shape needs, and with the shape its
 * layer needs. Errors name the layer or weight.
 *
 * ```ts
 * const { spec, tensors } = await readTfjs('web-model');
 * ```
 */
export async function readTfjs(path: string): Promise<{ spec: ModelSpec; tensors: Map<string, Tensor> }> {
  const owner = 'importTfjs';
  // Node's modules are fetched here, on call, so the format code above stays usable in browsers.
  const { readFile, realpath, stat } = nodeBuiltin('node:fs/promises', owner);
  const { basename, dirname, join } = nodeBuiltin('node:path', owner);
  const jsonPath = (await stat(path).catch(() => undefined))?.isDirectory() ? join(path, 'model.json') : path;
  const folder = dirname(jsonPath);
  const text = await readFile(jsonPath, 'utf8').catch((error: Error) => {
    throw new ModelFileError(`${owner}: cannot read ${jsonPath}: ${error.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(`${owner}: ${basename(jsonPath)} is not valid JSON: ${(error as Error).message}`);
  }
  const manifest = (json as { weightsManifest?: unknown }).weightsManifest ?? [];
  if (!Array.isArray(manifest)) {
    throw new ModelFileError(`${owner}: weightsManifest must be an array of groups, received ${typeof manifest}`);
  }
  const folderReal = await realpath(folder);
  const groups: Uint8Array[] = [];
  for (const [g, group] of manifest.entries()) {
    const { paths, weights } = (group ?? {}) as { paths?: unknown; weights?: unknown };
    const first = Array.isArray(weights) && weights.length > 0 ? String((weights[0] as { name?: unknown }).name) : '(none)';
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) {
      throw new ModelFileError(`${owner}: weightsManifest[${g}].paths (weights ${first}…) must be an array of file names`);
    }
    const parts: Uint8Array[] = [];
    for (const file of paths as string[]) {
      const resolved = await resolveInside(owner, folder, folderReal, file, first);
      parts.push(new Uint8Array(await readFile(resolved)));
    }
    groups.push(concat(parts));
  }
  return decodeTfjs(json, groups);
}

/**
 * Loads a TF.js layers model (a folder holding `model.json`, or the
 * `model.json` path) as a finalized scratchnet Model with the file's weights;
 * see `readTfjs` for what is accepted and checked. The model has no loss or
 * optimizer: `model.set({ … })` them to train further.
 *
 * ```ts
 * const model = await importTfjs('web-model');
 * model.predict(x);
 * ```
 */
export async function importTfjs(path: string): Promise<Model> {
  const { spec, tensors } = await readTfjs(path);
  // fromSpec draws initial weights that the file's replace at once; keep the user's random stream where it was.
  const generator = getDefaultGenerator();
  const state = generator.getState();
  const model = Model.fromSpec(spec);
  generator.setState(state);
  for (const [name, parameter] of model.namedParameters()) {
    parameter.value.data.set((tensors.get(name) as Tensor).data);
  }
  return model;
}

/**
 * Decodes a parsed `model.json` plus the bytes of each weights group (its
 * files concatenated) into a scratchnet spec and named tensors; see `readTfjs`.
 */
export function decodeTfjs(json: unknown, groups: readonly Uint8Array[]): { spec: ModelSpec; tensors: Map<string, Tensor> } {
  const owner = 'importTfjs';
  const weights = decodeWeights(owner, json, groups);
  const topology = (json as { modelTopology?: Record<string, unknown> }).modelTopology;
  // TF.js writes the topology itself; Keras (Python) wraps it in model_config.
  const model = (topology?.model_config ?? topology) as { class_name?: unknown; config?: unknown } | undefined;
  if (model?.class_name !== 'Sequential') {
    throw new ModelFileError(
      `${owner}: only Sequential models can be imported, received model class ${JSON.stringify(model?.class_name)}`,
    );
  }
  const layerList = Array.isArray(model.config) ? model.config : (model.config as { layers?: unknown })?.layers;
  if (!Array.isArray(layerList)) {
    throw new ModelFileError(`${owner}: modelTopology.config.layers must be an array of layers`);
  }

  const layers: LayerSpec[] = [];
  const tensors = new Map<string, Tensor>();
  const used = new Set<string>();
  let width: number | undefined;
  for (const [position, entry] of layerList.entries()) {
    const { class_name: className, config = {} } = (entry ?? {}) as { class_name?: unknown; config?: Record<string, unknown> };
    const name = typeof config.name === 'string' ? config.name : `#${position}`;
    const described = `layer ${name} (${String(className)})`;
    width ??= declaredInputWidth(config);
    switch (className) {
      case 'InputLayer':
        break;
      case 'Dense': {
        const units = config.units;
        if (typeof units !== 'number' || !Number.isInteger(units) || units < 1) {
          throw new ModelFileError(`${owner}: ${described} must have an integer units >= 1, received ${String(units)}`);
        }
        const kernelName = `${name}/kernel`;
        const kernel = weights.get(kernelName);
        if (kernel === undefined) throw new ModelFileError(`${owner}: weight ${kernelName} of ${described} is not in the weights manifest`);
        const inputs = kernel.shape[0];
        if (kernel.shape.length !== 2 || kernel.shape[1] !== units || (width !== undefined && inputs !== width)) {
          throw new ModelFileError(
            `${owner}: weight ${kernelName} must have shape ${formatShape([width ?? inputs, units])}, received ${formatShape(kernel.shape)}`,
          );
        }
        used.add(kernelName);
        const biasName = `${name}/bias`;
        let bias: Tensor = new Tensor([1, units], new Float32Array(units));
        if (config.use_bias !== false) {
          const stored = weights.get(biasName);
          if (stored === undefined) throw new ModelFileError(`${owner}: weight ${biasName} of ${described} is not in the weights manifest`);
          if (stored.shape.length !== 1 || stored.shape[0] !== units) {
            throw new ModelFileError(`${owner}: weight ${biasName} must have shape [${units}], received ${formatShape(stored.shape)}`);
          }
          used.add(biasName);
          bias = new Tensor([1, units], stored.data);
        }
        const weightRegularizer = parseRegularizer(owner, described, config.kernel_regularizer);
        const biasRegularizer = parseRegularizer(owner, described, config.bias_regularizer);
        tensors.set(`layers.${layers.length}.weights`, kernel);
        tensors.set(`layers.${layers.length}.biases`, bias);
        layers.push({
          type: 'Dense',
          inputs,
          units,
          initializer: { kind: 'xavier' },
          weightRegularizerL1: weightRegularizer.l1,
          weightRegularizerL2: weightRegularizer.l2,
          biasRegularizerL1: biasRegularizer.l1,
          biasRegularizerL2: biasRegularizer.l2,
        });
        width = units;
        // Keras fuses the activation into Dense; scratchnet keeps it a layer of its own.
        const fused = activationLayer(owner, described, config.activation ?? 'linear');
        if (fused.type !== 'Linear') layers.push(fused);
        break;
      }
      case 'Activation':
        layers.push(activationLayer(owner, described, config.activation));
        break;
      case 'Dropout': {
        const rate = config.rate;
        if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
          throw new ModelFileError(`${owner}: ${described} must have a rate in [0, 1), received ${String(rate)}`);
        }
        layers.push({ type: 'Dropout', rate });
        break;
      }
      case 'ReLU':
        if ((config.max_value ?? null) !== null || (config.threshold ?? 0) !== 0 || (config.negative_slope ?? 0) !== 0) {
          throw new ModelFileError(`${owner}: ${described} with max_value, threshold or negative_slope is not supported`);
        }
        layers.push({ type: 'ReLU' });
        break;
      case 'LeakyReLU': {
        const alpha = config.alpha ?? config.negative_slope ?? 0.3;
        if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
          throw new ModelFileError(`${owner}: ${described} must have a finite alpha, received ${String(alpha)}`);
        }
        layers.push({ type: 'LeakyReLU', alpha });
        break;
      }
      case 'Softmax':
        if ((config.axis ?? -1) !== -1 && !(Array.isArray(config.axis) && config.axis.length === 1 && config.axis[0] === -1)) {
          throw new ModelFileError(`${owner}: ${described} must normalise axis -1, received axis ${JSON.stringify(config.axis)}`);
        }
        layers.push({ type: 'Softmax' });
        break;
      default:
        throw new ModelFileError(
          `${owner}: ${described} is not supported (supported layer classes: ${SUPPORTED_CLASSES.join(', ')})`,
        );
    }
  }
  const unused = [...weights.keys()].filter((key) => !used.has(key));
  if (unused.length > 0) {
    throw new ModelFileError(`${owner}: weight ${unused[0]} belongs to no Dense layer of the topology`);
  }
  const spec: ModelSpec = { format: 'scratchnet', version: 1, layers };
  denseWidths(owner, spec);
  return { spec, tensors };
}

/** The weights of every group, by manifest name, as float32 tensors in the manifest's shapes. */
function decodeWeights(owner: string, json: unknown, groups: readonly Uint8Array[]): Map<string, Tensor> {
  const manifest = ((json as { weightsManifest?: unknown })?.weightsManifest ?? []) as unknown[];
  if (!Array.isArray(manifest) || manifest.length !== groups.length) {
    throw new ModelFileError(`${owner}: weightsManifest must list ${groups.length} groups, received ${Array.isArray(manifest) ? manifest.length : typeof manifest}`);
  }
  const weights = new Map<string, Tensor>();
  manifest.forEach((group, g) => {
    const entries = (group as { weights?: unknown })?.weights;
    if (!Array.isArray(entries)) throw new ModelFileError(`${owner}: weightsManifest[${g}].weights must be an array`);
    const bytes = groups[g];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    let last = '(none)';
    for (const entry of entries as TfjsWeightSpec[]) {
      const name = typeof entry?.name === 'string' ? entry.name : `weightsManifest[${g}] entry`;
      const shape = entry?.shape;
      if (!Array.isArray(shape) || shape.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 0)) {
        throw new ModelFileError(`${owner}: weight ${name} must have a shape of non-negative integers, received ${JSON.stringify(shape)}`);
      }
      if (entry.dtype !== 'float32') {
        throw new ModelFileError(`${owner}: weight ${name} has dtype ${JSON.stringify(entry.dtype)}; only float32 is supported`);
      }
      if (entry.quantization !== undefined) {
        throw new ModelFileError(`${owner}: weight ${name} is quantized; only unquantized float32 weights are supported`);
      }
      if (weights.has(name)) throw new ModelFileError(`${owner}: weight ${name} appears twice in the weights manifest`);
      const size = shape.reduce((a: number, b: number) => a * b, 1);
      if (offset + size * 4 > bytes.byteLength) {
        throw new ModelFileError(
          `${owner}: weight ${name} of shape ${formatShape(shape)} needs bytes ${offset}..${offset + size * 4} of group ${g}, but its files hold ${bytes.byteLength} bytes`,
        );
      }
      const data = new Float32Array(size);
      for (let i = 0; i < size; i++, offset += 4) data[i] = view.getFloat32(offset, true);
      weights.set(name, new Tensor(shape, data));
      last = name;
    }
    if (offset !== bytes.byteLength) {
      throw new ModelFileError(
        `${owner}: weights group ${g} holds ${bytes.byteLength} bytes, but its weights (last: ${last}) take ${offset}`,
      );
    }
  });
  return weights;
}

/** The input width a first layer declares (`batch_input_shape: [null, n]` or `input_shape: [n]`), if any. */
function declaredInputWidth(config: Record<string, unknown>): number | undefined {
  const batchShape = config.batch_input_shape ?? config.batch_shape;
  if (Array.isArray(batchShape) && batchShape.length === 2 && typeof batchShape[1] === 'number') return batchShape[1];
  const inputShape = config.input_shape;
  if (Array.isArray(inputShape) && inputShape.length === 1 && typeof inputShape[0] === 'number') return inputShape[0];
  return undefined;
}

/** A scratchnet activation layer for a Keras activation name. */
function activationLayer(owner: string, described: string, activation: unknown): LayerSpec {
  const match = (Object.keys(ACTIVATION_NAMES) as ActivationType[]).find((type) => ACTIVATION_NAMES[type] === activation);
  if (match === undefined) {
    throw new ModelFileError(
      `${owner}: ${described} uses activation ${JSON.stringify(activation)}, which is not supported (supported: ${Object.values(ACTIVATION_NAMES).join(', ')})`,
    );
  }
  return { type: match };
}

/** Keras `L1L2` regularizers: the same penalty l1·Σ|w| + l2·Σw² as the book's. */
function regularizerJson(l1: number, l2: number): KerasLayerJson | null {
  return l1 === 0 && l2 === 0 ? null : { class_name: 'L1L2', config: { l1, l2 } };
}

function parseRegularizer(owner: string, described: string, json: unknown): { l1: number; l2: number } {
  if (json === null || json === undefined) return { l1: 0, l2: 0 };
  const { class_name: className, config = {} } = json as { class_name?: unknown; config?: { l1?: unknown; l2?: unknown } };
  const l1 = config.l1 ?? 0;
  const l2 = config.l2 ?? 0;
  if (!['L1L2', 'L1', 'L2'].includes(String(className)) || typeof l1 !== 'number' || typeof l2 !== 'number') {
    throw new ModelFileError(`${owner}: ${described} has regularizer ${JSON.stringify(json)}; only L1L2/L1/L2 are supported`);
  }
  return { l1, l2 };
}

/**
 * The real path of weights file `file`, which must stay inside the model's
 * folder: a manifest is data from elsewhere, so `../`, absolute paths and
 * symlinks out of the folder are refused.
 */
async function resolveInside(owner: string, folder: string, folderReal: string, file: string, weight: string): Promise<string> {
  const { realpath } = nodeBuiltin('node:fs/promises', owner);
  const { isAbsolute, join, normalize, relative, sep } = nodeBuiltin('node:path', owner);
  const escapes = (target: string): boolean => {
    const rel = relative(folderReal, target);
    return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  };
  if (file === '' || isAbsolute(file) || /^[a-zA-Z]:/.test(file) || file.startsWith('\\') || normalize(file).split(/[\\/]/).includes('..')) {
    throw new ModelFileError(`${owner}: weights path ${JSON.stringify(file)} (weight ${weight}) must be a relative path inside the model folder`);
  }
  let target: string;
  try {
    target = await realpath(join(folder, file));
  } catch (error) {
    throw new ModelFileError(`${owner}: cannot read weights file ${JSON.stringify(file)} (weight ${weight}): ${(error as Error).message}`);
  }
  if (escapes(target)) {
    throw new ModelFileError(`${owner}: weights path ${JSON.stringify(file)} (weight ${weight}) resolves outside the model folder`);
  }
  return target;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
