import { ArgumentError, checkOptions } from '../errors.js';
import type { Parameter } from '../layers/layer.js';
import type { ModelSpec } from '../model/architecture.js';
import { VERSION } from '../version.js';
import { writeFileBytes } from './file-bytes.js';
import { denseParameters, denseWidths, type NamedTensors } from './dense-parameters.js';
import { affineScaling, type FeatureScaling } from './feature-scaling.js';
import { onnxSchema } from './onnx-schema.js';

/** ONNX IR version 8 and opset 13: the first opset whose Softmax normalises one axis (−1) only. */
const IR_VERSION = 8;
const OPSET_VERSION = 13;
/** TensorProto.DataType.FLOAT and AttributeProto.AttributeType values of the ONNX schema. */
const FLOAT = 1;
const ATTRIBUTE_FLOAT = 1;
const ATTRIBUTE_INT = 2;

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
  attribute: { name: string; type: number; f?: number; i?: number }[];
}

interface TensorJson {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

/**
 * Encodes an inference graph as an ONNX model (protobuf bytes).
 *
 * input [batch, nIn] → (Sub, Div, Add: fitted preprocessing) → per layer: Dense → Gemm
 * (A·B + C with B = weights [nIn, nOut], transB = 0, C = biases [nOut]),
 * ReLU → Relu, Sigmoid, Tanh, LeakyReLU → LeakyRelu(alpha), Softmax →
 * Softmax(axis −1); Dropout (identity at inference) and Linear add nothing
 * → output [batch, nOut]. The batch dimension is symbolic (`batch`).
 *
 * ```ts
 * const bytes = encodeOnnx(model.toSpec(), tensors, {});
 * const session = await InferenceSession.create(bytes);   // onnxruntime
 * ```
 */
export function encodeOnnx(spec: ModelSpec, tensors: NamedTensors, options: OnnxExportOptions = {}): Uint8Array {
  const owner = 'encodeOnnx';
  checkOptions(owner, options, ['preprocessing']);
  const { inputs, outputs } = denseWidths(owner, spec);
  const nodes: NodeJson[] = [];
  const initializers: TensorJson[] = [];
  let current = 'input';
  const addNode = (opType: string, name: string, extraInputs: string[], attribute: NodeJson['attribute'] = []): void => {
    const output = `${name}.output`;
    nodes.push({ op_type: opType, name, input: [current, ...extraInputs], output: [output], attribute });
    current = output;
  };

  if (options.preprocessing !== undefined) {
    const { offset, divisor, shift } = affineScaling(owner, options.preprocessing, inputs);
    initializers.push(floatTensor('preprocessing.offset', [inputs], offset));
    initializers.push(floatTensor('preprocessing.divisor', [inputs], divisor));
    addNode('Sub', 'preprocessing.sub', ['preprocessing.offset']);
    addNode('Div', 'preprocessing.div', ['preprocessing.divisor']);
    if (shift !== undefined) {
      initializers.push(floatTensor('preprocessing.shift', [inputs], shift));
      addNode('Add', 'preprocessing.add', ['preprocessing.shift']);
    }
  }

  spec.layers.forEach((layer, index) => {
    const name = `layers.${index}`;
    switch (layer.type) {
      case 'Dense': {
        const { weights, biases } = denseParameters(owner, layer, index, tensors);
        initializers.push(floatTensor(`${name}.weights`, [layer.inputs, layer.units], weights.data));
        initializers.push(floatTensor(`${name}.biases`, [layer.units], biases.data));
        addNode('Gemm', name, [`${name}.weights`, `${name}.biases`], [
          { name: 'alpha', type: ATTRIBUTE_FLOAT, f: 1 },
          { name: 'beta', type: ATTRIBUTE_FLOAT, f: 1 },
          { name: 'transA', type: ATTRIBUTE_INT, i: 0 },
          { name: 'transB', type: ATTRIBUTE_INT, i: 0 },
        ]);
        break;
      }
      case 'ReLU':
        addNode('Relu', name, []);
        break;
      case 'Sigmoid':
        addNode('Sigmoid', name, []);
        break;
      case 'Tanh':
        addNode('Tanh', name, []);
        break;
      case 'LeakyReLU':
        addNode('LeakyRelu', name, [], [{ name: 'alpha', type: ATTRIBUTE_FLOAT, f: layer.alpha }]);
        break;
      case 'Softmax':
        addNode('Softmax', name, [], [{ name: 'axis', type: ATTRIBUTE_INT, i: -1 }]);
        break;
      case 'Dropout':
      case 'Linear':
        break;
      default:
        throw new ArgumentError(`${owner}: layers.${index} has type ${JSON.stringify((layer as { type: unknown }).type)}, which ONNX export does not support`);
    }
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
      input: [valueInfo('input', inputs)],
      output: [valueInfo('output', outputs)],
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
export async function exportOnnx(model: ExportableModel, path: string, options: OnnxExportOptions = {}): Promise<void> {
  const tensors = new Map(model.namedParameters().map(([name, parameter]) => [name, parameter.value]));
  await writeFileBytes(path, encodeOnnx(model.toSpec(), tensors, options));
}

/** A float32 initializer; raw_data is little-endian IEEE 754 whatever the host's byte order. */
function floatTensor(name: string, dims: number[], values: ArrayLike<number>): TensorJson {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return { name, dims, data_type: FLOAT, raw_data: bytes };
}

/** A float32 [batch, width] graph input or output with a symbolic batch dimension. */
function valueInfo(name: string, width: number): object {
  return {
    name,
    type: { tensor_type: { elem_type: FLOAT, shape: { dim: [{ dim_param: 'batch' }, { dim_value: width }] } } },
  };
}
