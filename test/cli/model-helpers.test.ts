import { describe, expect, it } from 'vitest';
import { samplesFor } from '../../src/cli/model-helpers.js';
import { withLayerDefaults } from '../../src/cli/model-spec.js';
import type { LayerSpec } from '../../src/layers/layer-spec.js';
import { Model } from '../../src/model/model.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { dense } from '../io/helpers.js';

const conv = withLayerDefaults({ type: 'Conv2D', inChannels: 1, filters: 2, kernelSize: [3, 3] }) as LayerSpec;
const cnn = (inputShape?: number[]): Model =>
  Model.fromSpec({ format: 'scratchnet', version: 1, layers: [conv, { type: 'Flatten' }], ...(inputShape ? { inputShape } : {}) });
const rows = new Tensor([2, 16], Float32Array.from({ length: 32 }, (_, i) => i));

describe('samplesFor', () => {
  it('reshapes rows to the images a CNN takes, sharing the data', () => {
    const images = samplesFor(cnn([4, 4, 1]), rows);
    expect(images.shape).toEqual([2, 4, 4, 1]);
    expect(images.data).toBe(rows.data);
  });

  it("uses the data's image shape while the CNN's height and width are still unknown", () => {
    expect(samplesFor(cnn(), rows, [4, 4, 1]).shape).toEqual([2, 4, 4, 1]);
    expect(samplesFor(cnn(), rows).shape).toEqual([2, 16]);
    expect(samplesFor(cnn(), rows, [4, 4, 3]).shape).toEqual([2, 16]);
  });

  it('reshapes images to rows for a Dense model, and leaves what fits or cannot fit as it is', () => {
    const mlp = Model.fromSpec({ format: 'scratchnet', version: 1, layers: [dense(16, 3)] });
    expect(samplesFor(mlp, rows.reshape([2, 4, 4, 1])).shape).toEqual([2, 16]);
    expect(samplesFor(mlp, rows)).toBe(rows);
    const other = new Tensor([4, 8], rows.data);
    expect(samplesFor(mlp, other)).toBe(other);
    expect(samplesFor(cnn([4, 4, 1]), other)).toBe(other);
  });
});
