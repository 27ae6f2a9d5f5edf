import { describe, expect, it } from 'vitest';
import { loadCaliforniaHousing } from '../../src/data/california-housing.js';

describe('loadCaliforniaHousing', () => {
  it('loads the shipped 1990 census CSV: 20 640 rows, median imputation, one-hot ocean_proximity', async () => {
    const { x, y, featureNames, report } = await loadCaliforniaHousing();
    expect(x.shape).toEqual([20640, 13]);
    expect(y.shape).toEqual([20640, 1]);
    expect(featureNames).toEqual([
      'longitude', 'latitude', 'housing_median_age', 'total_rooms', 'total_bedrooms', 'population', 'households',
      'median_income', 'ocean_proximity=<1H OCEAN', 'ocean_proximity=INLAND', 'ocean_proximity=ISLAND',
      'ocean_proximity=NEAR BAY', 'ocean_proximity=NEAR OCEAN',
    ]);
    // Median of the 20 433 known total_bedrooms, checked with Python's statistics.median: 435.0.
    expect(report.imputed).toEqual([{ column: 'total_bedrooms', count: 207, strategy: 'median', value: 435 }]);
    expect(report.categoricalColumns).toEqual([
      { name: 'ocean_proximity', categories: ['<1H OCEAN', 'INLAND', 'ISLAND', 'NEAR BAY', 'NEAR OCEAN'] },
    ]);
    // First row: -122.23,37.88,41.0,880.0,129.0,322.0,126.0,8.3252,452600.0,NEAR BAY
    expect(Array.from(x.data.subarray(0, 13))).toEqual(
      [-122.23, 37.88, 41, 880, 129, 322, 126, 8.3252, 0, 0, 0, 1, 0].map(Math.fround),
    );
    expect(y.data[0]).toBe(452600);
    const oneHot = [0, 0, 0, 0, 0];
    for (let r = 0; r < 20640; r++) for (let k = 0; k < 5; k++) oneHot[k] += x.data[r * 13 + 8 + k];
    expect(oneHot).toEqual([9136, 6551, 5, 2290, 2658]);
  });
});
