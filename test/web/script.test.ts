import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type PlaygroundConfig } from '../../web/src/config.js';
import { createExperiment, trainOptions } from '../../web/src/experiment.js';
import { nodeScript } from '../../web/src/script.js';

const INDEX = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** Runs the generated script in a fresh Node process (the package import pointed at this checkout). */
function runScript(config: PlaygroundConfig): { loss: number; accuracy: number; epoch: number } {
  const folder = mkdtempSync(join(tmpdir(), 'scratchnet-script-'));
  try {
    const source = nodeScript(config)
      .replace("from 'scratchnet'", `from ${JSON.stringify(INDEX)}`)
      .replace('printEvery: 100', 'printEvery: 0')
      .replace('console.log(history.epochs.at(-1));', 'console.log(JSON.stringify(history.epochs.at(-1)));');
    const file = join(folder, 'run.mts');
    writeFileSync(file, source);
    const output = execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' });
    return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { loss: number; accuracy: number; epoch: number };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('the playground run as a Node script', () => {
  it('writes the spiral run with the public API', () => {
    expect(nodeScript({ ...defaultConfig('spiral'), epochs: 300 })).toBe(
      [
        "import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax, init, spiralData } from 'scratchnet';",
        '',
        'init(0);',
        'const [X, y] = spiralData(100, 3);',
        'const [Xval, yval] = spiralData(100, 3);',
        'const model = new Model();',
        'model.add(new Dense(2, 64, { weightRegularizerL2: 0.0005, biasRegularizerL2: 0.0005 }));',
        'model.add(new ReLU());',
        'model.add(new Dense(64, 3));',
        'model.add(new Softmax());',
        'model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }), accuracy: new CategoricalAccuracy() });',
        'model.finalize();',
        'const history = await model.train(X, y, { epochs: 300, batchSize: undefined, validationData: [Xval, yval], printEvery: 100 });',
        'console.log(history.epochs.at(-1));',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['spiral, full batch', { ...defaultConfig('spiral'), epochs: 15 }],
    [
      'moons, mini-batches, dropout, SGD, He init',
      { ...defaultConfig('moons'), epochs: 4, batchSize: 16, dropout: 0.2, optimizer: 'SGD', initializer: 'he', samples: 40 },
    ],
    ['circles, LeakyReLU, L1, book init 0.1', { ...defaultConfig('circles'), epochs: 6, activation: 'LeakyReLU', l1: 1e-4, initScale: 0.1, classes: 3 }],
  ] as [string, PlaygroundConfig][])('reproduces the page run exactly: %s', async (_, config) => {
    const experiment = createExperiment(config);
    const history = await experiment.model.train(experiment.train[0], experiment.train[1], trainOptions(experiment, config.epochs));
    const last = history.epochs[history.epochs.length - 1];
    const script = runScript(config);
    expect(script.epoch).toBe(config.epochs);
    expect(script.loss).toBe(last.loss);
    expect(script.accuracy).toBe(last.accuracy);
  });
});
