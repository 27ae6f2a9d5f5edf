// A new user's app: everything comes from the package's public entry, as a bundler resolves it.
import { encodeOnnx, encodeTfjs, getBackend, loadCsv, loadImageForPrediction } from 'scratchnet';
import { trainSpiral } from './spiral.js';

async function run() {
  const { model, ...spiral } = await trainSpiral();
  const tensors = new Map(model.namedParameters().map(([name, parameter]) => [name, parameter.value]));
  const onnx = encodeOnnx(model.toSpec(), tensors);
  const tfjs = encodeTfjs(model.toSpec(), tensors);

  const csv = await loadCsv(new File(['a,b,label\n1,2,x\n3,4,y\n5,6,x\n'], 'upload.csv'), {
    target: 'label',
    task: 'classification',
  });

  // A 56×56 PNG drawn on a canvas, as a user's upload would arrive.
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 56;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 56, 56);
  context.fillStyle = '#000';
  context.fillRect(14, 14, 28, 28);
  const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const image = await loadImageForPrediction(png);

  let fileError = '';
  await model.save('spiral.safetensors').catch((error) => (fileError = error.message));

  return {
    backend: getBackend().name,
    ...spiral,
    onnxBytes: onnx.length,
    tfjsLayers: tfjs.modelJson.modelTopology.config.layers.length,
    tfjsWeightBytes: tfjs.weights.length,
    csv: { shape: csv.x.shape, classNames: csv.classNames },
    image: { shape: image.shape, corner: image.data[0], center: image.data[14 * 28 + 14] },
    fileError,
  };
}

run().then(
  (result) => {
    window.scratchnetResult = result;
    document.getElementById('result').textContent = JSON.stringify(result, null, 2);
  },
  (error) => {
    window.scratchnetResult = { error: String(error && error.stack ? error.stack : error) };
    document.getElementById('result').textContent = window.scratchnetResult.error;
  },
);
