/**
 * The playground run written out as a Node script with the public API, so a
 * learner can replay it outside the browser and get the same numbers.
 */
import { layerKind } from '../../src/index.js';
import { classCount, isRegression, modelSpecFor, type PlaygroundConfig } from './config.js';

const DATA_FUNCTIONS: Record<PlaygroundConfig['dataset'], string> = {
  spiral: 'spiralData',
  vertical: 'verticalData',
  circles: 'circlesData',
  xor: 'xorData',
  moons: 'moonsData',
  sine: 'sineData',
};

export function nodeScript(config: PlaygroundConfig): string {
  const spec = modelSpecFor(config);
  const regression = isRegression(config);
  const data = DATA_FUNCTIONS[config.dataset];
  const dataCall =
    config.dataset === 'sine'
      ? `${data}(${config.samples})`
      : config.dataset === 'circles' || config.dataset === 'xor' || config.dataset === 'moons'
        ? `${data}(${config.samples}, ${classCount(config)}, { noise: ${config.noise} })`
        : `${data}(${config.samples}, ${classCount(config)})`;
  const names = new Set<string>(['init', 'Model', data]);
  const layerLines = spec.layers.map((layer) => {
    names.add(layer.type);
    return `model.add(${layerKind(layer.type).source(layer)});`;
  });
  const optimizer = spec.optimizer;
  if (!optimizer) throw new Error('nodeScript: the playground spec always has an optimizer');
  names.add(optimizer.type);
  const optimizerOptions =
    optimizer.type === 'SGD'
      ? `{ learningRate: ${optimizer.learningRate}, decay: ${optimizer.decay}, momentum: ${optimizer.momentum} }`
      : `{ learningRate: ${optimizer.learningRate}, decay: ${optimizer.decay} }`;
  const loss = regression ? 'MeanSquaredError' : 'CategoricalCrossentropy';
  const accuracy = regression ? 'RegressionAccuracy' : 'CategoricalAccuracy';
  names.add(loss);
  names.add(accuracy);
  const batch = config.batchSize > 0 ? String(config.batchSize) : 'undefined';
  const validation = regression ? '' : ', validationData: [Xval, yval]';
  return [
    `import { ${[...names].sort().join(', ')} } from 'scratchnet';`,
    '',
    `init(${config.seed});`,
    `const [X, y] = ${dataCall};`,
    ...(regression ? [] : [`const [Xval, yval] = ${dataCall};`]),
    'const model = new Model();',
    ...layerLines,
    `model.set({ loss: new ${loss}(), optimizer: new ${optimizer.type}(${optimizerOptions}), accuracy: new ${accuracy}() });`,
    'model.finalize();',
    `const history = await model.train(X, y, { epochs: ${config.epochs}, batchSize: ${batch}${validation}, printEvery: 100 });`,
    'console.log(history.epochs.at(-1));',
    '',
  ].join('\n');
}
