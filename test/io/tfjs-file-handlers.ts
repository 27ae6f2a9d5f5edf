import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * TF.js IO handlers over the file system, as the Node `file://` handler of
 * tfjs-node does it (that package needs a native build, so the tests carry
 * these few lines): load reads model.json and its manifest's files; save
 * writes model.json and one weights.bin.
 */
export function fileLoader(modelJsonPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      const modelJson = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const path of group.paths) {
            const bytes = await readFile(join(dirname(modelJsonPath), path));
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
          }
        }
        return [tf.io.getWeightSpecs(manifest), tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

export function fileSaver(folder: string): tf.io.IOHandler {
  return {
    save: async (artifacts) => {
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? []);
      await writeFile(join(folder, 'weights.bin'), new Uint8Array(weights));
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(folder, 'model.json'), JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  };
}
