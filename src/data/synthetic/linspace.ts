/**
 * `np.linspace(start, stop, num)` in float64, computed the way numpy does
 * (start + i·step, the last value set to `stop` exactly), so the datasets built
 * on it match numpy to the bit.
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const values = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) values[i] = i * step + start;
  if (num > 1) values[num - 1] = stop;
  else if (num === 1) values[0] = start;
  return values;
}
