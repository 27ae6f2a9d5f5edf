import { describe, expect, it } from 'vitest';
import { loadCaliforniaHousing, toSklearnCaliforniaHousing } from '../../src/data/california-housing.js';
import { parseCsv } from '../../src/data/csv.js';

const f32 = (values: number[]): number[] => values.map(Math.fround);

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
    expect(report.imputed).toEqual([
      { column: 'total_bedrooms', count: 207, strategy: 'median', value: 435, rows: expect.any(Int32Array) },
    ]);
    expect(Array.from(report.imputed[0].rows.subarray(0, 3))).toEqual([290, 341, 538]);
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

  it("variant 'sklearn': scikit-learn's 8 features and MedHouseVal in units of 100 000", async () => {
    const { x, y, featureNames, report } = await loadCaliforniaHousing({ variant: 'sklearn' });
    expect(x.shape).toEqual([20640, 8]);
    expect(y.shape).toEqual([20640, 1]);
    expect(featureNames).toEqual(['MedInc', 'HouseAge', 'AveRooms', 'AveBedrms', 'Population', 'AveOccup', 'Latitude', 'Longitude']);
    expect(report.target).toBe('MedHouseVal');
    // Row 1: 880 rooms, 129 bedrooms, 322 people, 126 households, $452 600.
    expect(Array.from(x.data.subarray(0, 8))).toEqual(f32([8.3252, 41, 880 / 126, 129 / 126, 322, 322 / 126, 37.88, -122.23]));
    expect(y.data[0]).toBe(Math.fround(4.526));
    // Last row: -121.24,39.37,16.0,2785.0,616.0,1387.0,530.0,2.3886,89400.0,INLAND
    expect(Array.from(x.data.subarray(20639 * 8))).toEqual(f32([2.3886, 16, 2785 / 530, 616 / 530, 1387, 1387 / 530, 39.37, -121.24]));
    expect(y.data[20639]).toBe(Math.fround(0.894));
    // Row 291 lacks total_bedrooms: the median AveBedrms of the 20 433 others
    // (Python's statistics.median over total_bedrooms / households: 1.048888888888889).
    expect(report.imputed).toEqual([{ column: 'AveBedrms', count: 207, strategy: 'median', value: 1.048888888888889, rows: expect.any(Int32Array) }]);
    expect(Array.from(x.data.subarray(290 * 8, 291 * 8))).toEqual(f32([4.375, 47, 1256 / 218, 1.048888888888889, 570, 570 / 218, 37.77, -122.16]));
  });

  it('derives the sklearn columns from any census-shaped table, by column name', () => {
    const census = parseCsv(
      'households,total_rooms,total_bedrooms,population,median_income,housing_median_age,latitude,longitude,median_house_value\n' +
        '2,10,4,6,1.5,30,34,-118,250000\n4,8,,20,2.5,10,35,-119,100000\n5,20,5,5,3,20,36,-120,50000\n',
      { target: 'median_house_value', task: 'regression' },
    );
    const sklearn = toSklearnCaliforniaHousing(census);
    // AveBedrms of rows 1 and 3: 4/2 = 2 and 5/5 = 1, median 1.5 for row 2.
    expect(sklearn.x.toArray()).toEqual([
      f32([1.5, 30, 5, 2, 6, 3, 34, -118]),
      f32([2.5, 10, 2, 1.5, 20, 5, 35, -119]),
      f32([3, 20, 4, 1, 5, 1, 36, -120]),
    ]);
    expect(Array.from(sklearn.y.data)).toEqual(f32([2.5, 1, 0.5]));
    expect(() => toSklearnCaliforniaHousing(parseCsv('a,median_house_value\n1,2\n', { target: 'median_house_value', task: 'regression' }))).toThrow(
      'CSV: California housing needs a column "median_income", received columns a',
    );
  });

  it('names the variants it knows', async () => {
    // @ts-expect-error: not a variant
    await expect(loadCaliforniaHousing({ variant: 'statlib' })).rejects.toThrow(
      "loadCaliforniaHousing: variant must be 'census' or 'sklearn', received statlib",
    );
  });
});
