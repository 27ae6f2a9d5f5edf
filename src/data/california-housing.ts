import { ArgumentError, checkOptions } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { loadCsv, type CsvTable } from './csv.js';
import { DataError } from './data-error.js';

/** The CSV shipped with the package (`data/` at the package root, next to `src/` and `dist/`). */
const CALIFORNIA_HOUSING_URL = new URL('../../data/california-housing.csv.gz', import.meta.url);

/**
 * Which columns {@link loadCaliforniaHousing} returns: the census CSV's own
 * (`'census'`, 13 features, target in dollars), or scikit-learn's
 * `fetch_california_housing` (`'sklearn'`, 8 features, target in units of
 * 100 000 dollars).
 */
export type CaliforniaHousingVariant = 'census' | 'sklearn';

export interface CaliforniaHousingOptions {
  /** Default `'census'`. */
  variant?: CaliforniaHousingVariant;
}

/** scikit-learn's feature names, in its order. */
export const SKLEARN_CALIFORNIA_FEATURES = [
  'MedInc', 'HouseAge', 'AveRooms', 'AveBedrms', 'Population', 'AveOccup', 'Latitude', 'Longitude',
] as const;

/** scikit-learn's target name. */
export const SKLEARN_CALIFORNIA_TARGET = 'MedHouseVal';

/** scikit-learn's target unit: dollars per unit of MedHouseVal. */
const SKLEARN_TARGET_UNIT = 100_000;

/**
 * California housing, the 1990 census block groups (Pace & Barry, 1997, via
 * StatLib; the CSV with `ocean_proximity` popularised by Géron): 20 640 rows.
 *
 * - `variant: 'census'` (default): through {@link loadCsv}, target
 *   `median_house_value` in dollars; the 207 missing `total_bedrooms` are
 *   filled with the median, and `ocean_proximity` is one-hot encoded into 5
 *   columns, giving 13 features.
 * - `variant: 'sklearn'`: the 8 features and target of scikit-learn's
 *   `fetch_california_housing`, derived from the same rows (see
 *   {@link toSklearnCaliforniaHousing}); x [20640, 8], y [20640, 1] `MedHouseVal`.
 *
 * Not scaled: fit a StandardScaler on the training part, as seed 002 does.
 *
 * ```ts
 * const { x, y, featureNames, report } = await loadCaliforniaHousing();                       // x [20640, 13], y [20640, 1]
 * const sklearn = await loadCaliforniaHousing({ variant: 'sklearn' });                       // x [20640, 8], y in 100 000 $
 * ```
 */
export async function loadCaliforniaHousing(options: CaliforniaHousingOptions = {}): Promise<CsvTable<Float32Array>> {
  checkOptions('loadCaliforniaHousing', options, ['variant']);
  const variant = options.variant ?? 'census';
  if (variant !== 'census' && variant !== 'sklearn') {
    throw new ArgumentError(`loadCaliforniaHousing: variant must be 'census' or 'sklearn', received ${String(variant)}`);
  }
  const { fileURLToPath } = await import('node:url');
  const census = await loadCsv(fileURLToPath(CALIFORNIA_HOUSING_URL), { target: 'median_house_value', task: 'regression' });
  return variant === 'sklearn' ? toSklearnCaliforniaHousing(census) : census;
}

/**
 * scikit-learn's California housing from the census table (as loadCsv reads
 * it, target `median_house_value`), step for step as
 * `fetch_california_housing` derives it from the StatLib file:
 *
 * ```text
 * MedInc = median_income            HouseAge = housing_median_age      Population = population
 * AveRooms = total_rooms / households     AveBedrms = total_bedrooms / households
 * AveOccup = population / households       Latitude, Longitude as they are
 * MedHouseVal = median_house_value / 100 000
 * ```
 *
 * computed in float64 and stored as float32. `ocean_proximity` is not used.
 * One difference: scikit-learn's copy comes from the original StatLib file,
 * which has every `total_bedrooms`; the census CSV lacks 207 of them. Those
 * rows get the median AveBedrms of the other rows (a per-household number,
 * not the median block's bedroom count divided by this block's households),
 * and the report's `imputed` lists them under `AveBedrms`. Every other value
 * matches scikit-learn's to float32 precision.
 */
export function toSklearnCaliforniaHousing(census: CsvTable<Float32Array>): CsvTable<Float32Array> {
  const column = (name: string): number => {
    const index = census.featureNames.indexOf(name);
    if (index < 0) throw new DataError(`${census.report.source}: California housing needs a column "${name}", received columns ${census.featureNames.join(', ')}`);
    return index;
  };
  const [income, age, rooms, bedrooms, population, households, latitude, longitude] = [
    'median_income', 'housing_median_age', 'total_rooms', 'total_bedrooms', 'population', 'households', 'latitude', 'longitude',
  ].map(column);
  const rows = census.x.shape[0];
  const width = census.x.shape[1];
  const source = census.x.data;
  const missing = census.report.imputed.find((entry) => entry.column === 'total_bedrooms')?.rows ?? new Int32Array(0);
  const isMissing = new Uint8Array(rows);
  for (const row of missing) isMissing[row] = 1;

  const features = SKLEARN_CALIFORNIA_FEATURES.length;
  const x = new Float32Array(rows * features);
  const knownBedrooms = new Float64Array(rows - missing.length);
  let known = 0;
  for (let r = 0; r < rows; r++) {
    const cell = (c: number): number => source[r * width + c];
    const perHousehold = cell(households);
    const averageBedrooms = cell(bedrooms) / perHousehold;
    if (!isMissing[r]) knownBedrooms[known++] = averageBedrooms;
    x.set([cell(income), cell(age), cell(rooms) / perHousehold, averageBedrooms, cell(population), cell(population) / perHousehold, cell(latitude), cell(longitude)], r * features);
  }
  const imputed: CsvTable['report']['imputed'] = [];
  if (missing.length > 0) {
    const fill = medianOf(knownBedrooms);
    for (const row of missing) x[row * features + 3] = fill;
    imputed.push({ column: 'AveBedrms', count: missing.length, strategy: 'median', value: fill, rows: missing });
  }
  const y = Float32Array.from(census.y.data, (value) => value / SKLEARN_TARGET_UNIT);
  const featureNames = [...SKLEARN_CALIFORNIA_FEATURES];
  const summary = [
    `${census.report.source}: ${rows} rows → ${features} features as scikit-learn's fetch_california_housing, target "${SKLEARN_CALIFORNIA_TARGET}" (median_house_value / ${SKLEARN_TARGET_UNIT}, regression)`,
    `numeric: ${featureNames.join(', ')}`,
    ...imputed.map((i) => `imputed: ${i.column}, ${i.count} rows without total_bedrooms → median ${i.value}`),
    'dropped: ocean_proximity',
  ].join('\n');
  return {
    x: new Tensor([rows, features], x),
    y: new Tensor([rows, 1], y),
    featureNames,
    report: {
      source: census.report.source, rows, columns: census.report.columns, target: SKLEARN_CALIFORNIA_TARGET, task: 'regression',
      numericColumns: featureNames, categoricalColumns: [], dropped: ['ocean_proximity'], tooManyCategories: [], imputed, features, summary,
    },
  };
}

/** numpy's median: the middle value, or the mean of the two middle ones (sorts `values` in place). */
function medianOf(values: Float64Array): number {
  values.sort();
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}
