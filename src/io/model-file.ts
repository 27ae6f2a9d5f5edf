import { ModelFileError, ScratchnetError, checkOptions, formatShape } from '../errors.js';
import { isTrainable } from '../layers/layer.js';
import { layerKind } from '../layers/registry.js';
import { labelOf } from '../layers/shape-inference.js';
import type { ModelSpec } from '../model/architecture.js';
import { Model } from '../model/model.js';
import type { OptimizerState } from '../optimizers/optimizer.js';
import type { GeneratorState } from '../random/generator.js';
import { Tensor, type FloatArray, type NumericArray } from '../tensor/tensor.js';
import { parseBoundedJson } from '../data/bounded-json.js';
import { readFileBytes, writeFileBytes } from './file-bytes.js';
import { checkFiniteValues, type LoadOptions } from './finite-values.js';
import { checkModelMetadata } from './model-metadata.js';
import { describeContents } from './file-contents.js';
import { CHECKSUM_KEY, checkHeaderChecksum, headerChecksum } from './header-checksum.js';
import { parseModelSpec } from './parse-model-spec.js';
import { decodeSafetensors, dtypeOf, encodeSafetensors, type Safetensors } from './safetensors.js';
import { toFilePath, type FilePath } from '../platform/file-path.js';

/**
 * A scratchnet model file is one `.safetensors` file:
 *
 * ```text
 * tensors   layers.<i>.<name>   as the layer's kind lists them, e.g. weights [inputs, units] and
 *                               biases [1, units] of Dense; F32 (F64 for float64 models), i = index in model.layers
 *           optimizer.<parameter>.<slot>  e.g. optimizer.layers.0.weights.momentums, shaped like the parameter
 * __metadata__ (every value a JSON string)
 *           format           "scratchnet"
 *           version          "2"
 *           checksum         CRC-32 of the rest of the header (header-checksum.ts; since version 2)
 *           architecture     ModelSpec: layers, loss, optimizer, accuracy
 *           optimizer_state  { iterations, currentLearningRate }          (if the model has an optimizer)
 *           training         { epoch, generator: RandomGenerator state }
 *           metadata         model.metadata: class names, preprocessing, …
 * ```
 *
 * Loading checks the architecture against the tensors before building anything.
 */

/**
 * The file format version this library writes. It reads this one and
 * version 1, which is the same layout without the header checksum.
 */
export const MODEL_FILE_VERSION = 2;

/** Everything a model file holds, as plain data. */
export interface ModelFileContents {
  spec: ModelSpec;
  /** `layers.<i>.weights` / `layers.<i>.biases`, in layer order. */
  parameters: Map<string, Tensor<FloatArray>>;
  optimizerState?: OptimizerState;
  training?: { epoch: number; generator: GeneratorState };
  metadata: Record<string, unknown>;
}

const OPTIMIZER_PREFIX = 'optimizer.';
const SLOT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Encodes model file contents as safetensors bytes (browser-safe). */
export function encodeModelFile(contents: ModelFileContents): Uint8Array {
  const tensors = new Map<string, Tensor<NumericArray>>(contents.parameters);
  const metadata: Record<string, string> = {
    format: 'scratchnet',
    version: String(MODEL_FILE_VERSION),
    architecture: JSON.stringify(contents.spec),
  };
  if (contents.optimizerState !== undefined) {
    const { iterations, currentLearningRate, slots } = contents.optimizerState;
    metadata.optimizer_state = JSON.stringify({ iterations, currentLearningRate });
    for (const [name, parameter] of contents.parameters) {
      for (const [slot, buffer] of Object.entries(slots[name] ?? {})) {
        tensors.set(`${OPTIMIZER_PREFIX}${name}.${slot}`, new Tensor(parameter.shape, buffer));
      }
    }
  }
  if (contents.training !== undefined) metadata.training = JSON.stringify(contents.training);
  try {
    metadata.metadata = JSON.stringify(contents.metadata);
  } catch (error) {
    throw new ModelFileError(`model metadata must be JSON-serialisable: ${(error as Error).message}`);
  }
  metadata[CHECKSUM_KEY] = headerChecksum(metadata, tensors);
  return encodeSafetensors(tensors, metadata);
}

/**
 * Decodes and validates a model file (browser-safe): the safetensors layout,
 * then the architecture, then that the tensors are exactly the ones the
 * architecture needs, with its shapes, holding only finite values (NaN and
 * ±Infinity in a weight or optimizer tensor are refused unless
 * `allowNonFinite: true`), then the metadata fields scratchnet reads back
 * (see checkModelMetadata). Errors name `source` and the tensor or field.
 */
export function decodeModelFile(bytes: Uint8Array, options: { source?: string } & LoadOptions = {}): ModelFileContents {
  checkOptions('decodeModelFile', options, ['source', 'allowNonFinite']);
  const source = options.source ?? 'model data';
  checkModelBytes(bytes, source, 'a scratchnet model file');
  const file = decodeSafetensors(bytes, { source });
  const fail = (message: string): never => {
    throw new ModelFileError(`${source}: ${message}`);
  };
  checkFormat(file, source);
  // The checks below take tensors out of file.tensors as they claim them.
  const table = new Map(file.tensors);
  if (file.metadata.architecture === undefined) {
    fail('__metadata__ has no "architecture": a parameters-only file (saveParameters) loads with loadParameters into a model');
  }
  const spec = parseModelSpec(parseJson(file.metadata, 'architecture', source), source);

  // parseModelSpec checked the types and that every layer takes what the one before it gives.
  const expected: ExpectedParameter[] = spec.layers.flatMap((layer, index) =>
    layerKind(layer.type)
      .parameters(layer)
      .map(({ name, shape }) => ({ name: `layers.${index}.${name}`, shape: [...shape], owner: `architecture layer ${index} ${labelOf(layer)}` })),
  );
  const parameters = takeParameters(file.tensors, expected, source, options);

  let optimizerState: OptimizerState | undefined;
  if (file.metadata.optimizer_state !== undefined) {
    if (spec.optimizer === undefined) fail('__metadata__ has "optimizer_state" but the architecture has no optimizer');
    const raw = jsonObject(file.metadata, 'optimizer_state', source);
    const iterations = raw.iterations;
    const currentLearningRate = raw.currentLearningRate;
    if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 0) {
      fail(`optimizer_state iterations must be an integer >= 0, received ${show(iterations)}`);
    }
    if (typeof currentLearningRate !== 'number' || !Number.isFinite(currentLearningRate) || currentLearningRate <= 0) {
      fail(`optimizer_state currentLearningRate must be a finite number > 0, received ${show(currentLearningRate)}`);
    }
    optimizerState = {
      iterations: iterations as number,
      currentLearningRate: currentLearningRate as number,
      slots: takeOptimizerSlots(file.tensors, parameters, source, options),
    };
  }

  for (const name of file.tensors.keys()) {
    const layer = /^layers\.(\d+)\./.exec(name);
    const index = layer === null ? -1 : Number(layer[1]);
    if (index >= 0 && index < spec.layers.length && layerKind(spec.layers[index].type).parameters(spec.layers[index]).length === 0) {
      fail(`unexpected tensor "${name}": architecture layer ${index} is ${labelOf(spec.layers[index])}, which has no parameters`);
    }
    if (name.startsWith(OPTIMIZER_PREFIX) && optimizerState === undefined) {
      fail(`unexpected tensor "${name}": __metadata__ has no "optimizer_state"`);
    }
    fail(`unexpected tensor "${name}": the architecture has no such parameter`);
  }

  const contents: ModelFileContents = { spec, parameters, metadata: {} };
  if (optimizerState !== undefined) contents.optimizerState = optimizerState;
  if (file.metadata.training !== undefined) contents.training = parseTraining(file.metadata, source);
  if (file.metadata.metadata !== undefined) contents.metadata = jsonObject(file.metadata, 'metadata', source);
  checkModelMetadata(contents.metadata, spec, source);
  // Last, so that a header broken in a way the checks above name gets their message.
  checkChecksum(file.metadata, table, source);
  return contents;
}

/** Encodes weights and biases only, like the book's `save_parameters` (browser-safe). */
export function encodeParametersFile(parameters: ReadonlyMap<string, Tensor<FloatArray>>): Uint8Array {
  const metadata: Record<string, string> = { format: 'scratchnet', version: String(MODEL_FILE_VERSION) };
  metadata[CHECKSUM_KEY] = headerChecksum(metadata, parameters);
  return encodeSafetensors(parameters, metadata);
}

/**
 * Decodes the parameters of a parameters file or a full model file and checks
 * them against `expected` (a model's parameter names and shapes): the same
 * names, the same shapes, float dtypes. Optimizer tensors of a model file are ignored.
 */
export function decodeParametersFile(
  bytes: Uint8Array,
  expected: readonly (readonly [name: string, shape: readonly number[]])[],
  options: { source?: string } & LoadOptions = {},
): Map<string, Tensor<FloatArray>> {
  checkOptions('decodeParametersFile', options, ['source', 'allowNonFinite']);
  const source = options.source ?? 'parameters data';
  checkModelBytes(bytes, source, 'a scratchnet model or parameters file');
  const file = decodeSafetensors(bytes, { source });
  checkFormat(file, source);
  const table = new Map(file.tensors);
  const parameters = takeParameters(
    file.tensors,
    expected.map(([name, shape]) => ({ name, shape: [...shape], owner: 'the model' })),
    source,
    options,
  );
  for (const name of file.tensors.keys()) {
    if (!name.startsWith(OPTIMIZER_PREFIX)) {
      throw new ModelFileError(`${source}: unexpected tensor "${name}": the model has no such parameter`);
    }
  }
  checkChecksum(file.metadata, table, source);
  return parameters;
}

/**
 * The whole model as safetensors bytes (browser-safe): architecture, weights,
 * optimizer state, epoch, training generator state and `model.metadata`.
 *
 * ```ts
 * const bytes = serializeModel(model);
 * const copy = deserializeModel(bytes);   // copy.predict(X) equals model.predict(X) bit for bit
 * ```
 */
export function serializeModel(model: Model): Uint8Array {
  const named = model.namedParameters();
  const contents: ModelFileContents = {
    spec: model.toSpec(),
    parameters: new Map(named.map(([name, parameter]) => [name, parameter.value])),
    training: { epoch: model.epoch, generator: model.trainingGenerator.getState() },
    metadata: model.metadata,
  };
  if (model.optimizer !== undefined) contents.optimizerState = model.optimizer.getState(named);
  return encodeModelFile(contents);
}

/**
 * Builds a model from `serializeModel` bytes after validating them (see
 * decodeModelFile). Restores the weights in the file's precision, the
 * optimizer state, `model.epoch`, `model.metadata`, and the state of
 * `model.trainingGenerator` (by default the shared generator of `init(seed)`,
 * which dropout also draws from), so training continues exactly.
 */
export function deserializeModel(bytes: Uint8Array, options: { source?: string } & LoadOptions = {}): Model {
  const source = options.source ?? 'model data';
  const contents = decodeModelFile(bytes, { ...options, source });
  return restore(source, () => {
    const model = Model.fromSpec(contents.spec);
    model.layers.forEach((layer, index) => {
      if (!isTrainable(layer)) return;
      const weights = contents.parameters.get(`layers.${index}.weights`)!;
      const biases = contents.parameters.get(`layers.${index}.biases`)!;
      if (sameType(layer.weights.data, weights.data) && sameType(layer.biases.data, biases.data)) {
        // Copy into the backend's own buffers rather than swapping them out.
        layer.weights.data.set(weights.data);
        layer.biases.data.set(biases.data);
      } else {
        layer.weights = weights;
        layer.biases = biases;
      }
    });
    if (contents.optimizerState !== undefined) {
      model.optimizer!.setState(model.namedParameters(), contents.optimizerState);
    }
    if (contents.training !== undefined) {
      model.epoch = contents.training.epoch;
      model.trainingGenerator.setState(contents.training.generator);
    }
    model.metadata = contents.metadata;
    return model;
  });
}

/** Saves the whole model to `path` atomically (Node only). Same as `model.save(path)`. */
export async function saveModel(model: Model, path: FilePath): Promise<void> {
  const file = toFilePath('saveModel', path);
  const bytes = serializeModel(model);
  await writeFileBytes(file, bytes);
}

/** Loads and validates a model saved by `saveModel` (Node only). Same as `Model.load(path, options)`. */
export async function loadModel(path: FilePath, options: LoadOptions = {}): Promise<Model> {
  const file = toFilePath('loadModel', path);
  return deserializeModel(await readFileBytes(file), { ...options, source: file });
}

/** The book's `save_parameters`: weights and biases only, atomically (Node only). */
export async function saveParameters(model: Model, path: FilePath): Promise<void> {
  const file = toFilePath('saveParameters', path);
  const bytes = encodeParametersFile(new Map(model.namedParameters().map(([name, parameter]) => [name, parameter.value])));
  await writeFileBytes(file, bytes);
}

/**
 * The book's `load_parameters`: copies the weights and biases of a parameters
 * file (or of a full model file) into `model`, in the model's precision. The
 * file must hold exactly the model's parameters with the model's shapes.
 */
export async function loadParameters(model: Model, path: FilePath, options: LoadOptions = {}): Promise<void> {
  const file = toFilePath('loadParameters', path);
  const bytes = await readFileBytes(file);
  const named = model.namedParameters();
  const parameters = decodeParametersFile(
    bytes,
    named.map(([name, parameter]) => [name, parameter.value.shape] as const),
    { ...options, source: file },
  );
  for (const [name, parameter] of named) parameter.value.data.set(parameters.get(name)!.data);
}

function sameType(a: FloatArray, b: FloatArray): boolean {
  return a.constructor === b.constructor;
}

/** Runs the model-building steps; a library error there still names the file. */
function restore(source: string, build: () => Model): Model {
  try {
    return build();
  } catch (error) {
    if (error instanceof ModelFileError || !(error instanceof ScratchnetError)) throw error;
    throw new ModelFileError(`${source}: ${error.message}`);
  }
}

interface ExpectedParameter {
  name: string;
  shape: number[];
  /** Who needs it, for messages: `architecture layer 0 Dense(2→64)`, `the model`. */
  owner: string;
}

/** Removes the expected parameters from `tensors`, checking presence, dtype and shape. */
function takeParameters(
  tensors: Safetensors['tensors'],
  expected: readonly ExpectedParameter[],
  source: string,
  options: LoadOptions,
): Map<string, Tensor<FloatArray>> {
  const parameters = new Map<string, Tensor<FloatArray>>();
  for (const { name, shape, owner } of expected) {
    const tensor = tensors.get(name);
    if (tensor === undefined) {
      throw new ModelFileError(`${source}: tensor "${name}" is missing; ${owner} needs it with shape ${formatShape(shape)}`);
    }
    parameters.set(name, checkFloatTensor(tensor, name, shape, owner, source, options));
    tensors.delete(name);
  }
  return parameters;
}

/** Removes `optimizer.<parameter>.<slot>` tensors from `tensors`, each shaped like its parameter. */
function takeOptimizerSlots(
  tensors: Safetensors['tensors'],
  parameters: ReadonlyMap<string, Tensor<FloatArray>>,
  source: string,
  options: LoadOptions,
): Record<string, Record<string, FloatArray>> {
  const slots: Record<string, Record<string, FloatArray>> = {};
  for (const [name, tensor] of [...tensors]) {
    if (!name.startsWith(OPTIMIZER_PREFIX)) continue;
    const rest = name.slice(OPTIMIZER_PREFIX.length);
    const parameterName = [...parameters.keys()].find((p) => rest.startsWith(`${p}.`));
    const slot = parameterName === undefined ? '' : rest.slice(parameterName.length + 1);
    if (parameterName === undefined || !SLOT_NAME.test(slot)) {
      throw new ModelFileError(
        `${source}: unexpected tensor "${name}": optimizer tensors are named optimizer.<parameter>.<slot> after a parameter of the architecture`,
      );
    }
    const parameter = parameters.get(parameterName)!;
    const checked = checkFloatTensor(tensor, name, parameter.shape, `its parameter "${parameterName}"`, source, options);
    (slots[parameterName] ??= {})[slot] = checked.data;
    tensors.delete(name);
  }
  return slots;
}

function checkFloatTensor(
  tensor: Tensor<NumericArray>,
  name: string,
  shape: readonly number[],
  owner: string,
  source: string,
  options: LoadOptions,
): Tensor<FloatArray> {
  const dtype = dtypeOf(tensor.data);
  if (dtype !== 'F32' && dtype !== 'F64') {
    throw new ModelFileError(`${source}: tensor "${name}" has dtype ${dtype}, ${owner} needs F32 or F64`);
  }
  if (tensor.shape.length !== shape.length || tensor.shape.some((d, i) => d !== shape[i])) {
    throw new ModelFileError(
      `${source}: tensor "${name}" has shape ${formatShape(tensor.shape)}, ${owner} needs ${formatShape(shape)}`,
    );
  }
  checkFiniteValues(source, `tensor "${name}"`, tensor.data, options);
  return tensor as Tensor<FloatArray>;
}

/**
 * Refuses bytes that cannot be a model file before reading them as one, saying
 * what they look like: a model file starts with its header length, a u64
 * below MAX_HEADER_BYTES (so bytes 4 to 7 are zero), then the header's `{`.
 * Anything else (an image, a CSV, JSON, text, random bytes) is `not a
 * scratchnet model file (a PNG image)` rather than a huge header length.
 */
function checkModelBytes(bytes: Uint8Array, source: string, what: string): void {
  const looksLikeSafetensors = bytes.length > 8 && bytes[4] === 0 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0 && bytes[8] === 0x7b;
  if (looksLikeSafetensors) return;
  throw new ModelFileError(
    `${source}: not ${what} (${describeContents(bytes)}); model files are the .safetensors files that model.save and serializeModel write`,
  );
}

function checkFormat(file: Safetensors, source: string): void {
  const { format, version } = file.metadata;
  if (format !== 'scratchnet') {
    throw new ModelFileError(
      `${source}: not a scratchnet model file: __metadata__ "format" is ${show(format)}, expected "scratchnet"`,
    );
  }
  if (version !== String(MODEL_FILE_VERSION) && version !== '1') {
    throw new ModelFileError(
      `${source}: unsupported model file version ${show(version)} (this version of scratchnet reads "1" and "${MODEL_FILE_VERSION}")`,
    );
  }
}

/** Version 2 files record a checksum of their header; version 1 files have none. */
function checkChecksum(metadata: Record<string, string>, tensors: ReadonlyMap<string, Tensor<NumericArray>>, source: string): void {
  if (metadata.version !== '1') checkHeaderChecksum(metadata, tensors, source);
}

function parseTraining(metadata: Record<string, string>, source: string): { epoch: number; generator: GeneratorState } {
  const fail = (message: string): never => {
    throw new ModelFileError(`${source}: training ${message}`);
  };
  const training = jsonObject(metadata, 'training', source);
  const epoch = training.epoch;
  if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch < 0) {
    fail(`epoch must be an integer >= 0, received ${show(epoch)}`);
  }
  const generator = training.generator as Partial<Record<keyof GeneratorState, unknown>> | null;
  if (typeof generator !== 'object' || generator === null || Array.isArray(generator)) {
    return fail(`generator must be a RandomGenerator state object, received ${show(generator)}`);
  }
  const { key, pos, hasGauss, gauss } = generator;
  // MT19937: 624 words of 32 bits and a position within them.
  if (!Array.isArray(key) || key.length !== 624 || !key.every((k) => Number.isInteger(k) && k >= 0 && k < 2 ** 32)) {
    fail(`generator key must be 624 unsigned 32-bit integers, received ${show(key)}`);
  }
  if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0 || pos > 624) {
    fail(`generator pos must be an integer in [0, 624], received ${show(pos)}`);
  }
  if (typeof hasGauss !== 'boolean' || typeof gauss !== 'number' || !Number.isFinite(gauss)) {
    fail(`generator hasGauss/gauss must be a boolean and a finite number, received ${show(hasGauss)}/${show(gauss)}`);
  }
  return {
    epoch: epoch as number,
    generator: { key: key as number[], pos: pos as number, hasGauss: hasGauss as boolean, gauss: gauss as number },
  };
}

function parseJson(metadata: Record<string, string>, key: string, source: string): unknown {
  return parseBoundedJson(metadata[key], `${source}: __metadata__ "${key}"`, ModelFileError);
}

function jsonObject(metadata: Record<string, string>, key: string, source: string): Record<string, unknown> {
  const value = parseJson(metadata, key, source);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelFileError(`${source}: __metadata__ "${key}" must be a JSON object, received ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
