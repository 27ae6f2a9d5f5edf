import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ArgumentError, Checkpoint, loadImageForPrediction, readIdxFile, writePlots, Dense, Model, ReLU, Softmax, Tensor, exportOnnx, exportTfjs, importTfjs, loadCsv, loadModel,
  readSafetensors, writeSafetensors,
} from '../../src/node.js';
import { IDX_LABELS_MAGIC } from '../../src/data/idx.js';
import { toFilePath } from '../../src/platform/file-path.js';
import { makeIdx } from '../data/make-idx.js';
import { temporaryFolder } from '../temporary-folder.js';

const folder = temporaryFolder('scratchnet-file-url-');

function smallModel(): Model {
  const model = new Model();
  model.add(new Dense(2, 4)).add(new ReLU()).add(new Dense(4, 3)).add(new Softmax());
  return model.finalize();
}

describe('toFilePath', () => {
  it('keeps paths, and turns file: URLs (strings or URL objects) into paths', () => {
    expect(toFilePath('f', 'models/spiral.safetensors')).toBe('models/spiral.safetensors');
    // A colon in a file name, and a Windows drive, are not URL schemes.
    expect(toFilePath('f', 'run:3.safetensors')).toBe('run:3.safetensors');
    expect(toFilePath('f', 'C:\\models\\m.safetensors')).toBe('C:\\models\\m.safetensors');
    expect(toFilePath('f', 'file:///models/my%20model.safetensors')).toBe('/models/my model.safetensors');
    expect(toFilePath('f', new URL('file:///models/m.safetensors'))).toBe('/models/m.safetensors');
  });

  it('refuses other URLs and non-paths with one line saying what to pass', () => {
    expect(() => toFilePath('Model.load', 'https://example.com/m.safetensors')).toThrow(
      new ArgumentError(
        'Model.load: path must be a file path or a file: URL, received the https: URL https://example.com/m.safetensors; ' +
          'download it first, or fetch its bytes and pass those (deserializeModel, loadCsv and loadImageForPrediction take bytes)',
      ),
    );
    expect(() => toFilePath('loadCsv', new URL('data:text/csv,a,b'), 'source')).toThrow('loadCsv: source must be a file path or a file: URL, received the data: URL data:text/csv,a,b');
    expect(() => toFilePath('Model.save', 42 as unknown as string)).toThrow(
      'Model.save: path must be a file path (a string) or a file: URL, received a number (42)',
    );
    expect(() => toFilePath('Model.save', undefined as unknown as string)).toThrow('received undefined');
    expect(() => toFilePath('Model.load', 'file://server/share/m.safetensors')).toThrow(
      /^Model\.load: path file:\/\/server\/share\/m\.safetensors is not a usable file: URL \(/,
    );
  });
});

describe('path-taking functions take file: URLs', () => {
  it('model.save, Model.load, loadModel, saveParameters and loadParameters', async () => {
    const model = smallModel();
    const x = Tensor.from([[0.5, -1]]);
    const url = pathToFileURL(join(folder(), 'sub folder', 'm.safetensors'));
    await model.save(url);
    expect((await Model.load(url)).predict(x).data).toEqual(model.predict(x).data);
    expect((await loadModel(url.href)).predict(x).data).toEqual(model.predict(x).data);
    const parameters = pathToFileURL(join(folder(), 'p.safetensors'));
    await model.saveParameters(parameters.href);
    const other = smallModel();
    await other.loadParameters(parameters);
    expect(other.predict(x).data).toEqual(model.predict(x).data);
  });

  it('readSafetensors / writeSafetensors, exportOnnx, exportTfjs / importTfjs, Checkpoint', async () => {
    const url = pathToFileURL(join(folder(), 't.safetensors'));
    await writeSafetensors(url, { w: Tensor.from([[1, 2]]) });
    expect((await readSafetensors(url.href)).tensors.get('w')?.shape).toEqual([1, 2]);
    const model = smallModel();
    await exportOnnx(model, pathToFileURL(join(folder(), 'm.onnx')));
    const tfjs = pathToFileURL(join(folder(), 'web-model'));
    await exportTfjs(model, tfjs);
    const x = Tensor.from([[0.5, -1]]);
    expect((await importTfjs(tfjs)).predict(x).data).toEqual(model.predict(x).data);
    expect(new Checkpoint({ path: pathToFileURL('/runs/run-{epoch}.safetensors') }).path).toBe('/runs/run-{epoch}.safetensors');
  });

  it('loadCsv', async () => {
    const path = join(folder(), 'table.csv');
    await writeFile(path, 'a,b,y\n1,2,3\n4,5,6\n');
    const table = await loadCsv(pathToFileURL(path), { target: 'y', task: 'regression' });
    expect(table.x.shape).toEqual([2, 2]);
    await expect(loadCsv('https://example.com/t.csv', { target: 'y', task: 'regression' })).rejects.toThrow(
      'loadCsv: source must be a file path or a file: URL, received the https: URL https://example.com/t.csv; download it first',
    );
  });

  it('loadImageForPrediction, readIdxFile and writePlots', async () => {
    const photo = new URL('../../data/samples/tshirt.jpg', import.meta.url);
    expect((await loadImageForPrediction(photo)).shape).toEqual([1, 784]);
    const labels = join(folder(), 'labels-idx1-ubyte');
    await writeFile(labels, makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(7, 0, 9)));
    expect([...(await readIdxFile(pathToFileURL(labels), IDX_LABELS_MAGIC)).data]).toEqual([7, 0, 9]);
    const written = await writePlots(pathToFileURL(join(folder(), 'plots')), { configuration: { run: 1 } });
    expect(written.report).toBe(join(folder(), 'plots', 'report.html'));
  });
});
