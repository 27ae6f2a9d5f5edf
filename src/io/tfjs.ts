import { ArgumentError, ModelFileError, ShapeError, checkOptions, formatShape } from '../errors.js';
import type { LayerKind, TfjsLayerDecoder } from '../layers/layer-kind.js';
import type { LayerSpec, Shape } from '../layers/layer-spec.js';
import { layerKind, layerKinds } from '../layers/registry.js';
import { inferShapes, labelOf, requiredInputShape } from '../layers/shape-inference.js';
import { SpecReader, showValue } from '../layers/spec-reader.js';
import type { ModelSpec } from '../model/architecture.js';
import { Model } from '../model/model.js';
import { getDefaultGenerator } from '../random/default.js';
import { Tensor } from '../tensor/tensor.js';
import { nodeBuiltin } from '../platform/node-builtin.js';
import { VERSION } from '../version.js';
import { MAX_MODEL_FILE_BYTES, readFileBytes, writeFileBytes } from './file-bytes.js';
import { parseBoundedJson } from '../data/bounded-json.js';
import { checkFiniteValues, type LoadOptions } from './finite-values.js';
import { toFilePath, type FilePath } from '../platform/file-path.js';
import { concatBytes } from '../data/bytes.js';
import { exportShapes, layerParameters, type NamedTensors } from './layer-parameters.js';
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

/** The largest model.json read, in bytes (the safetensors reference's limit on a JSON header). */
export const MAX_MODEL_JSON_BYTES = 100_000_000;

/** The file name `exportTfjs` gives the weights. */
const WEIGHTS_FILE = 'weights.bin';

/**
 * Encodes a model in the TF.js layers format: a Keras `Sequential` topology,
 * each layer as its kind maps it (Dense → `Dense` with activation 'linear',
 * kernel [nIn, nOut] + bias [nOut]; Conv2D → `Conv2D` with kernel
 * [kh, kw, in, out]; ReLU, Sigmoid, Tanh, Softmax, Linear → `Activation`;
 * LeakyReLU, Dropout, MaxPool2D, Flatten → their Keras namesakes), the first
 * layer declaring `batch_input_shape`, and one float32 weights file.
 *
 * ```ts
 * const { modelJson, weights } = encodeTfjs(model.toSpec(), tensors);
 * ```
 */
export function encodeTfjs(spec: ModelSpec, tensors: NamedTensors): { modelJson: TfjsModelJson; weights: Uint8Array } {
  const owner = 'encodeTfjs';
  const { input } = exportShapes(owner, spec);
  const layers: KerasLayerJson[] = [];
  const manifest: TfjsWeightSpec[] = [];
  const chunks: ArrayLike<number>[] = [];
  spec.layers.forEach((layer, index) => {
    const mapping = layerKind(layer.type).tfjs;
    if (mapping === null) throw new ArgumentError(`${owner}: layers.${index} ${labelOf(layer)} has no TF.js mapping, so the model cannot be exported to the TF.js format`);
    const parameters = layerParameters(owner, layer, index, tensors);
    const { className, config } = mapping.encode(layer, {
      layerName: (prefix) => `${prefix}_${index}`,
      weight(layerName, suffix, shape, values) {
        manifest.push({ name: `${layerName}/${suffix}`, shape: [...shape], dtype: 'float32' });
        chunks.push(values);
      },
      parameter: (name) => parameters.get(name) as Tensor,
    });
    const json: KerasLayerJson = { class_name: className, config: { ...config, trainable: true, dtype: 'float32' } };
    // Keras reads the input shape from the first layer, whatever its class.
    if (index === 0) json.config.batch_input_shape = [null, ...input];
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
export async function exportTfjs(model: ExportableModel, folder: FilePath): Promise<void> {
  const path = toFilePath('exportTfjs', folder, 'folder');
  const tensors = new Map(model.namedParameters().map(([name, parameter]) => [name, parameter.value]));
  const { modelJson, weights } = encodeTfjs(model.toSpec(), tensors);
  const { join } = nodeBuiltin('node:path', 'exportTfjs');
  // writeFileBytes creates the folder when it is missing.
  await writeFileBytes(join(path, WEIGHTS_FILE), weights);
  await writeFileBytes(join(path, 'model.json'), new TextEncoder().encode(`${JSON.stringify(modelJson, null, 2)}\n`));
}

/**
 * Reads a TF.js layers model (a folder holding `model.json`, or the path of
 * the `model.json` itself) as a scratchnet spec and named tensors. Dense
 * layers with a fused activation become Dense + that activation layer.
 *
 * Validation: only Sequential models of InputLayer, Activation and the Keras
 * classes a layer kind maps (Dense, Dropout, ReLU, LeakyReLU, Softmax,
 * Flatten, Conv2D, MaxPooling2D; channels_last, no dilation or groups); the
 * first layer's declared input shape (`batch_input_shape`) becomes
 * `spec.inputShape` when the layers do not fix it (image models); weights files must lie inside the model's
 * folder (no `..`, no absolute paths, no symlinks out); every weight float32,
 * unquantized, with exactly the bytes its shape needs, and with the shape its
 * layer needs, holding only finite values (NaN and ±Infinity are refused
 * unless `{ allowNonFinite: true }`). Errors name the layer or weight.
 *
 * Bounded: model.json and every weights file must be regular files (a FIFO,
 * a device or a folder is refused before reading, see openRegularFile);
 * model.json holds at most MAX_MODEL_JSON_BYTES (100 MB) nested at most
 * MAX_JSON_DEPTH levels, and the weights files together at most
 * MAX_MODEL_FILE_BYTES (2 GiB).
 *
 * ```ts
 * const { spec, tensors } = await readTfjs('web-model');
 * ```
 */
export async function readTfjs(location: FilePath, options: LoadOptions = {}): Promise<{ spec: ModelSpec; tensors: Map<string, Tensor> }> {
  const owner = 'importTfjs';
  const path = toFilePath(owner, location);
  // Node's modules are fetched here, on call, so the format code above stays usable in browsers.
  const { realpath, stat } = nodeBuiltin('node:fs/promises', owner);
  const { basename, dirname, join } = nodeBuiltin('node:path', owner);
  const jsonPath = (await stat(path).catch(() => undefined))?.isDirectory() ? join(path, 'model.json') : path;
  const folder = dirname(jsonPath);
  const jsonBytes = await readFileBytes(jsonPath, MAX_MODEL_JSON_BYTES).catch((error: Error) => {
    throw new ModelFileError(`${owner}: ${error.message}`);
  });
  const json = parseTfjsModelJson(jsonBytes, basename(jsonPath));
  const manifest = (json as { weightsManifest?: unknown } | null)?.weightsManifest ?? [];
  if (!Array.isArray(manifest)) {
    throw new ModelFileError(`${owner}: weightsManifest must be an array of groups, received ${typeof manifest}`);
  }
  const folderReal = await realpath(folder);
  const groups: Uint8Array[] = [];
  let total = 0;
  for (const [g, group] of manifest.entries()) {
    const { paths, weights } = (group ?? {}) as { paths?: unknown; weights?: unknown };
    const first = Array.isArray(weights) && weights.length > 0 ? String((weights[0] as { name?: unknown } | null)?.name) : '(none)';
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) {
      throw new ModelFileError(`${owner}: weightsManifest[${g}].paths (weights ${first}…) must be an array of file names`);
    }
    const parts: Uint8Array[] = [];
    for (const file of paths as string[]) {
      const resolved = await resolveInside(owner, folder, folderReal, file, first);
      // Every weights file counts against one budget: together they are one model.
      const bytes = await readFileBytes(resolved, MAX_MODEL_FILE_BYTES - total).catch((error: Error) => {
        throw new ModelFileError(`${owner}: weights file ${JSON.stringify(file)} (weight ${first}): ${error.message}`);
      });
      total += bytes.length;
      parts.push(bytes);
    }
    groups.push(concatBytes(parts));
  }
  return decodeTfjs(json, groups, options);
}

/**
 * The bytes of a `model.json` as a JSON value (browser-safe): UTF-8, at most
 * MAX_MODEL_JSON_BYTES, nested at most MAX_JSON_DEPTH levels; failures are
 * ModelFileErrors naming `name`. Feed the result to `decodeTfjs`.
 */
export function parseTfjsModelJson(bytes: Uint8Array, name = 'model.json'): unknown {
  const owner = 'importTfjs';
  if (bytes.length > MAX_MODEL_JSON_BYTES) {
    throw new ModelFileError(`${owner}: ${name} holds ${bytes.length} bytes, more than the limit of ${MAX_MODEL_JSON_BYTES} bytes`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ModelFileError(`${owner}: ${name} is not valid UTF-8`);
  }
  return parseBoundedJson(text, `${owner}: ${name}`, ModelFileError);
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
export async function importTfjs(path: FilePath, options: LoadOptions = {}): Promise<Model> {
  const { spec, tensors } = await readTfjs(path, options);
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
export function decodeTfjs(
  json: unknown,
  groups: readonly Uint8Array[],
  options: LoadOptions = {},
): { spec: ModelSpec; tensors: Map<string, Tensor> } {
  const owner = 'importTfjs';
  checkOptions(owner, options, ['allowNonFinite']);
  const weights = decodeWeights(owner, json, groups, options);
  const topology = (json as { modelTopology?: Record<string, unknown> } | null)?.modelTopology;
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

  const fail = (message: string): never => {
    throw new ModelFileError(`${owner}: ${message}`);
  };
  const kinds = layerKinds().filter((kind) => kind.tfjs !== null);
  const byClass = new Map<string, LayerKind>(kinds.flatMap((kind) => (kind.tfjs as NonNullable<LayerKind['tfjs']>).classNames.map((name) => [name, kind] as const)));
  const activations = kinds.filter((kind) => kind.tfjs?.activation !== undefined);
  const activation = (described: string, name: unknown): LayerSpec => {
    const match = activations.find((kind) => kind.tfjs?.activation === name);
    if (match === undefined) {
      return fail(`${described} uses activation ${showValue(name)}, which is not supported (supported: ${activations.map((kind) => kind.tfjs?.activation).join(', ')})`);
    }
    return { type: match.type };
  };

  const layers: LayerSpec[] = [];
  const tensors = new Map<string, Tensor>();
  const used = new Set<string>();
  let declared: number[] | undefined;
  let shape: Shape = null;
  for (const [position, entry] of layerList.entries()) {
    const layer = SpecReader.record(entry, `layer #${position} must be an object with class_name and config`, fail);
    const className = layer.class_name;
    const config = SpecReader.record(layer.config ?? {}, `layer #${position} (${String(className)}) config must be an object`, fail);
    const name = typeof config.name === 'string' ? config.name : `#${position}`;
    const described = `layer ${name} (${String(className)})`;
    if (declared === undefined && layers.length === 0) {
      declared = declaredInputShape(config, described, fail);
      if (declared !== undefined) shape = declared;
    }
    if (className === 'InputLayer') continue;
    const kind = typeof className === 'string' ? byClass.get(className) : undefined;
    if (className !== 'Activation' && kind === undefined) {
      fail(`${described} is not supported (supported layer classes: ${['InputLayer', 'Activation', ...byClass.keys()].join(', ')})`);
    }
    const decoder: TfjsLayerDecoder = {
      name,
      described,
      inputShape: shape,
      config: new SpecReader(config, described, fail),
      weight(suffix) {
        const weightName = `${name}/${suffix}`;
        const tensor = weights.get(weightName);
        if (tensor === undefined) return fail(`weight ${weightName} of ${described} is not in the weights manifest`);
        used.add(weightName);
        return tensor;
      },
      activation: (value) => activation(described, value),
    };
    const decoded = className === 'Activation' ? [{ spec: activation(described, config.activation) }] : (kind as LayerKind).tfjs!.decode(decoder);
    for (const { spec, parameters = {} } of decoded) {
      for (const [parameter, tensor] of Object.entries(parameters)) tensors.set(`layers.${layers.length}.${parameter}`, tensor);
      layers.push(spec);
    }
    // The whole chain so far, so that a mismatch names the scratchnet layers on both sides and their indices.
    shape = chainShapes(`${owner}: ${described}`, layers, declared ?? null).at(-1) ?? shape;
  }
  const unused = [...weights.keys()].filter((key) => !used.has(key));
  if (unused.length > 0) fail(`weight ${unused[0]} belongs to no layer of the topology`);
  const spec: ModelSpec = { format: 'scratchnet', version: 1, layers };
  const required = requiredInputShape(layers);
  if (declared !== undefined && (required === null || required.includes(null))) spec.inputShape = declared;
  chainShapes(owner, layers, spec.inputShape ?? required);
  return { spec, tensors };
}

/** `inferShapes`, with a mismatch reported as a ModelFileError: the file's layers do not chain. */
function chainShapes(owner: string, layers: readonly LayerSpec[], input: Shape): Shape[] {
  try {
    return inferShapes(owner, layers, input);
  } catch (error) {
    if (error instanceof ShapeError) throw new ModelFileError(error.message);
    throw error;
  }
}

/** The weights of every group, by manifest name, as float32 tensors in the manifest's shapes. */
function decodeWeights(owner: string, json: unknown, groups: readonly Uint8Array[], options: LoadOptions): Map<string, Tensor> {
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
      checkFiniteValues(owner, `weight ${name}`, data, options);
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

/** The per-sample input shape a first layer declares (`batch_input_shape: [null, 28, 28, 1]` or `input_shape: [28, 28, 1]`), if any. */
function declaredInputShape(config: Record<string, unknown>, described: string, fail: (message: string) => never): number[] | undefined {
  const batchShape = config.batch_input_shape ?? config.batch_shape;
  const dims = Array.isArray(batchShape) ? batchShape.slice(1) : config.input_shape;
  if (dims === undefined || dims === null) return undefined;
  if (!Array.isArray(dims) || dims.length < 1 || dims.length > 8 || !dims.every((d) => Number.isSafeInteger(d) && d >= 1)) {
    return fail(`${described} declares input shape ${showValue(batchShape ?? config.input_shape)}; expected [null, …sizes] of integers >= 1`);
  }
  return dims as number[];
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
