import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../src/cli/datasets.js';
import { init } from '../../src/random/default.js';

describe('loadBuiltin', () => {
  it("california-housing-sklearn: scikit-learn's 8 columns, a seeded 20 % test set, MedHouseVal standardized", async () => {
    init(0);
    const data = await loadBuiltin('california-housing-sklearn');
    expect(data.train.x.shape).toEqual([16512, 8]);
    expect(data.test?.x.shape).toEqual([4128, 8]);
    expect(data.shape).toEqual({ inputs: 8, outputs: 1, task: 'regression' });
    expect(data.metadata).toMatchObject({
      dataset: 'california-housing-sklearn',
      target: 'MedHouseVal',
      featureNames: ['MedInc', 'HouseAge', 'AveRooms', 'AveBedrms', 'Population', 'AveOccup', 'Latitude', 'Longitude'],
      imputed: { AveBedrms: 1.048888888888889 },
    });
  });
});
