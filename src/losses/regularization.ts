import { getBackend } from '../backend/registry.js';
import type { TrainableLayer } from '../layers/layer.js';

/**
 * The L1/L2 penalty of trainable layers:
 * Σ_layers λw1·Σ|w| + λw2·Σw² + λb1·Σ|b| + λb2·Σb² (terms with λ = 0 are skipped).
 */
export function regularizationPenalty(layers: readonly TrainableLayer[]): number {
  const backend = getBackend();
  let total = 0;
  for (const l of layers) {
    if (l.weightRegularizerL1 > 0) total += l.weightRegularizerL1 * backend.sumAbs(l.weights.data);
    if (l.weightRegularizerL2 > 0) total += l.weightRegularizerL2 * backend.sumSquares(l.weights.data);
    if (l.biasRegularizerL1 > 0) total += l.biasRegularizerL1 * backend.sumAbs(l.biases.data);
    if (l.biasRegularizerL2 > 0) total += l.biasRegularizerL2 * backend.sumSquares(l.biases.data);
  }
  return total;
}
