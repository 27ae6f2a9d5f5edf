import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dense } from '../../src/layers/dense.js';
import { saveModel, loadModel } from '../../src/io/model-file.js';
import { loadCsv } from '../../src/data/csv.js';
import { Model } from '../../src/model/model.js';
import { nodeBuiltin } from '../../src/platform/node-builtin.js';

const BROWSER_HINT =
  'in a browser, work with bytes (serializeModel/deserializeModel, encodeOnnx, encodeTfjs, loadCsv of a File)';

afterEach(() => vi.restoreAllMocks());

describe('nodeBuiltin', () => {
  it("returns Node's module", () => {
    expect(nodeBuiltin('node:path', 'test').join('a', 'b')).toBe('a/b');
  });

  it('where there is no Node, file functions fail with one line naming the file and the in-memory way', async () => {
    // What a browser looks like to the library: no process.getBuiltinModule.
    vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
    const model = new Model();
    model.add(new Dense(2, 3));
    model.finalize();
    await expect(saveModel(model, 'm.safetensors')).rejects.toThrow(
      `cannot write "m.safetensors": this needs Node's node:fs/promises (Node ≥ 20.16), which this environment does not provide; ${BROWSER_HINT}`,
    );
    await expect(loadModel('m.safetensors')).rejects.toThrow(
      `cannot read "m.safetensors": this needs Node's node:fs/promises (Node ≥ 20.16), which this environment does not provide; ${BROWSER_HINT}`,
    );
    await expect(loadCsv('houses.csv', { target: 'price', task: 'regression' })).rejects.toThrow(
      `cannot read "houses.csv": this needs Node's node:fs/promises (Node ≥ 20.16), which this environment does not provide; ${BROWSER_HINT}`,
    );
  });
});
