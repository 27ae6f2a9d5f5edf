import { ArgumentError, checkOptions } from '../errors.js';
import type { Parameter } from '../layers/layer.js';
import type { OnnxAttribute, OnnxGraphBuilder } from '../layers/layer-kind.js';
import { layerKind } from '../layers/registry.js';
import { labelOf } from '../layers/shape-inference.js';
import type { ModelSpec } from '../model/architecture.js';
import type { Tensor } from '../tensor/tensor.js';
import { VERSION } from '../version.js';
import { writeFileBytes } from './file-bytes.js';
import { toFilePath, type FilePath } from '../platform/file-path.js';
import { affineScaling, type FeatureScaling } from './feature-scaling.js';
import { exportShapes, layerParameters, type NamedTensors } from './layer-parameters.js';
import { onnxSchema } from './onnx-schema.js';

/** ONNX IR version 8 and opset 13: the first opset whose Softmax normalises one axis (−1) only. */
const IR_VERSION = 8;
const OPSET_VERSION = 13;
/** TensorProto.DataType FLOAT and INT64, and AttributeProto.AttributeType values of the ONNX schema. */
const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_FLOAT = 1;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

export interface OnnxExportOptions {
  /** Fitted feature scaling applied before the first layer, so the ONNX model takes raw features. */
  preprocessing?: FeatureScaling;
}

/** What `exportOnnx` needs from a model: its architecture and its named parameters. */
export interface ExportableModel {
  toSpec(): ModelSpec;
  namedParameters(): [string, Parameter][];
}

interface NodeJson {
  op_type: string;
  name: string;
  input: string[];
  output: string[];
  attribute: { name: string; type: number; f?: number; i?: number; ints?: readonly number[] }[];
}

interface TensorJson {
  name: string;
  dims: readonly number[];
  data_type: number;
  raw_data: Uint8Array;
}

/**
 * Encodes an inference graph as an ONNX model (protobuf bytes).
 *
 * input [batch, …inputShape] → (Sub, Div, Add: fitted preprocessing) → each
 * layer's nodes as its kind writes them (Dense → Gemm, ReLU → Relu, Conv2D →
 * Conv between NHWC↔NCHW transposes, …; Dropout and Linear add nothing) →
 * output [batch, …]. The input is NHWC for image models, as scratchnet takes
 * it. The batch dimension is symbolic (`batch`).
 *
 * ```ts
 * const bytes = encodeOnnx(model.toSpec(), tensors, {});
 * const session = await InferenceSession.create(bytes);   // onnxruntime
 * ```
 */
export function encodeOnnx(spec: ModelSpec, tensors: NamedTensors, options: OnnxExportOptions = {}): Uint8Array {
  const owner = 'encodeOnnx';
  checkOptions(owner, options, ['preprocessing']);
  const { input, outputs } = exportShapes(owner, spec);
  const nodes: NodeJson[] = [];
  const initializers: TensorJson[] = [];
  let current = 'input';
  const addNode = (opType: string, name: string, extraInputs: readonly string[], attributes: Readonly<Record<string, OnnxAttribute>> = {}): void => {
    const output = `${name}.output`;
    nodes.push({ op_type: opType, name, input: [current, ...extraInputs], output: [output], attribute: Object.entries(attributes).map(attributeJson) });
    current = output;
  };

  if (options.preprocessing !== undefined) {
    const width = input.reduce((a, b) => a * b, 1);
    const { offset, divisor, shift } = affineScaling(owner, options.preprocessing, width);
    initializers.push(floatTensor('preprocessing.offset', input, offset));
    initializers.push(floatTensor('preprocessing.divisor', input, divisor));
    addNode('Sub', 'preprocessing.sub', ['preprocessing.offset']);
    addNode('Div', 'preprocessing.div', ['preprocessing.divisor']);
    if (shift !== undefined) {
      initializers.push(floatTensor('preprocessing.shift', input, shift));
      addNode('Add', 'preprocessing.add', ['preprocessing.shift']);
    }
  }

  spec.layers.forEach((layer, index) => {
    const name = `layers.${index}`;
    const kind = layerKind(layer.type);
    if (kind.onnx === null) throw new ArgumentError(`${owner}: layers.${index} ${labelOf(layer)} has no ONNX mapping, so the model cannot be exported to ONNX`);
    const parameters = layerParameters(owner, layer, index, tensors);
    const graph: OnnxGraphBuilder = {
      name,
      inputShape: index === 0 ? input : outputs[index - 1],
      node: (opType, extraInputs = [], attributes = {}, suffix) => addNode(opType, suffix === undefined ? name : `${name}.${suffix}`, extraInputs, attributes),
      floatInitializer(suffix, dims, values) {
        initializers.push(floatTensor(`${name}.${suffix}`, dims, values));
        return `${name}.${suffix}`;
      },
      int64Initializer(suffix, dims, values) {
        initializers.push(int64Tensor(`${name}.${suffix}`, dims, values));
        return `${name}.${suffix}`;
      },
      parameter: (parameter) => parameters.get(parameter) as Tensor,
    };
    kind.onnx(layer, graph);
  });
  // The graph's last value is its declared output; a graph without nodes gets an Identity.
  if (nodes.length === 0) addNode('Identity', 'identity', []);
  nodes[nodes.length - 1].output = ['output'];

  const schema = onnxSchema();
  const ModelProto = schema.lookupType('onnx.ModelProto');
  const message = ModelProto.fromObject({
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET_VERSION }],
    producer_name: 'scratchnet',
    producer_version: VERSION,
    graph: {
      name: 'scratchnet',
      node: nodes,
      initializer: initializers,
      input: [valueInfo('input', input)],
      output: [valueInfo('output', outputs.at(-1) ?? input)],
    },
  });
  // A copy: in Node protobufjs returns a Buffer that may view a shared pool.
  return new Uint8Array(ModelProto.encode(message).finish());
}

/**
 * Writes `model` as an ONNX file (atomically: temp file, fsync, rename).
 * See `encodeOnnx` for the graph.
 *
 * ```ts
 * await exportOnnx(model, 'model.onnx', { preprocessing: { kind: 'minmax', min: [0, 0], max: [255, 255] } });
 * ```
 */
export async function exportOnnx(model: ExportableModel, path: FilePath, options: OnnxExportOptions = {}): Promise<void> {
  const file = toFilePath('exportOnnx', path);
  const tensors = new Map(model.namedParameters().map(([name, parameter]) => [name, parameter.value]));
  await writeFileBytes(file, encodeOnnx(model.toSpec(), tensors, options));
}

function attributeJson([name, value]: [string, OnnxAttribute]): NodeJson['attribute'][number] {
  if ('float' in value) return { name, type: ATTRIBUTE_FLOAT, f: value.float };
  if ('int' in value) return { name, type: ATTRIBUTE_INT, i: value.int };
  return { name, type: ATTRIBUTE_INTS, ints: value.ints };
}

/** An int64 initializer (little-endian), e.g. a Reshape target shape. */
function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): TensorJson {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { name, dims, data_type: INT64, raw_data: bytes };
}

/** A float32 initializer; raw_data is little-endian IEEE 754 whatever the host's byte order. */
function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): TensorJson {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return { name, dims, data_type: FLOAT, raw_data: bytes };
}

/** A float32 [batch, …shape] graph input or output with a symbolic batch dimension. */
function valueInfo(name: string, shape: readonly number[]): object {
  const dim = [{ dim_param: 'batch' }, ...shape.map((d) => ({ dim_value: d }))];
  return { name, type: { tensor_type: { elem_type: FLOAT, shape: { dim } } } };
}
