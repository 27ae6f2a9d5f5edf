import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';
import { decisionBoundarySpec } from '../../src/viz/decision-boundary.js';

type Layered = { layer: { data: { values: Record<string, number | string>[] } }[] };

const x = Tensor.from([[-1, -1], [1, 1], [-0.5, 0.5], [0.5, -0.5]]);
const classes = [0, 1, 0, 1];
/** Class 1 right of x₀ = 0, class 0 left of it. */
const bySign = (grid: Tensor<Float32Array>): Int32Array => {
  const out = new Int32Array(grid.shape[0]);
  for (let row = 0; row < out.length; row++) out[row] = grid.data[2 * row] > 0 ? 1 : 0;
  return out;
};

describe('decisionBoundarySpec', () => {
  it('asks the predictor for a resolution² grid covering the data with a 5 % margin', () => {
    let seen: Tensor<Float32Array> | undefined;
    decisionBoundarySpec(x, classes, (grid) => ((seen = grid), bySign(grid)), { resolution: 10 });
    expect(seen?.shape).toEqual([100, 2]);
    const xs = Array.from({ length: 100 }, (_, i) => seen!.data[2 * i]);
    // bounding box [-1, 1] widened by 0.1 → cells of width 0.22, centres from -1.1 + 0.11
    expect(Math.min(...xs)).toBeCloseTo(-0.99, 5);
    expect(Math.max(...xs)).toBeCloseTo(0.99, 5);
  });

  it('colors each grid cell by the predicted class and each point by its true class', () => {
    const spec = decisionBoundarySpec(x, classes, bySign, { resolution: 4, classNames: ['left', 'right'] }) as Layered;
    const [cells, points] = spec.layer.map((layer) => layer.data.values);
    // 4 rows, each one run of 'left' cells and one run of 'right' cells
    expect(cells).toHaveLength(8);
    for (const cell of cells) {
      const centre = ((cell.x as number) + (cell.x2 as number)) / 2;
      expect(cell.class).toBe(centre > 0 ? 'right' : 'left');
      expect(Math.abs(centre)).toBeCloseTo(0.55, 5);
    }
    expect(points.map((p) => p.class)).toEqual(['left', 'right', 'left', 'right']);
    expect(points[1]).toMatchObject({ x: 1, y: 1 });
  });

  it('rejects data that is not 2-D and a predictor returning the wrong count', () => {
    expect(() => decisionBoundarySpec(Tensor.from([[1, 2, 3]]), [0], bySign)).toThrow(
      'decisionBoundarySpec: x must have shape [n, 2], received [1, 3]',
    );
    expect(() => decisionBoundarySpec(x, classes, () => [0], { resolution: 3 })).toThrow(
      'decisionBoundarySpec: predict must return 9 class ids, received 1',
    );
  });
});
