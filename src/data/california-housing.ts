import { loadCsv, type CsvTable } from './csv.js';

/** The CSV shipped with the package (`data/` at the package root, next to `src/` and `dist/`). */
const CALIFORNIA_HOUSING_URL = new URL('../../data/california-housing.csv.gz', import.meta.url);

/**
 * California housing, the 1990 census block groups (Pace & Barry, 1997, via
 * StatLib; the CSV with `ocean_proximity` popularised by Géron): 20 640 rows,
 * target `median_house_value` in dollars. Through {@link loadCsv}: the 207
 * missing `total_bedrooms` are filled with the median, and `ocean_proximity`
 * is one-hot encoded into 5 columns, giving 13 features. Not scaled: fit a
 * StandardScaler on the training part, as seed 002 does.
 *
 * ```ts
 * const { x, y, featureNames, report } = await loadCaliforniaHousing();   // x [20640, 13], y [20640, 1]
 * ```
 */
export async function loadCaliforniaHousing(): Promise<CsvTable<Float32Array>> {
  const { fileURLToPath } = await import('node:url');
  return loadCsv(fileURLToPath(CALIFORNIA_HOUSING_URL), { target: 'median_house_value', task: 'regression' });
}
