/**
 * The network diagram: a column of neurons per layer width, an edge per
 * weight coloured by sign and drawn thicker and darker for larger |w|,
 * neurons shaded by the selected sample's activations.
 */
import type { LayerView, Snapshot } from '../protocol.js';
import { fitCanvas } from './palette.js';

/** More neurons than this in a column are drawn as the first ones and a "+n" note. */
const MAX_DRAWN = 16;
/** Strength levels of the edges, per sign (opacity and width step with |w| / max |w|). */
const EDGE_LEVELS = 12;
/** Edge colours as RGB: positive weights blue, negative orange. */
const EDGE_COLORS = ['0, 114, 178', '213, 94, 0'] as const;

export class NetworkView {
  private readonly canvas: HTMLCanvasElement;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
  }

  draw(snapshot: Snapshot | undefined, inputNames: string[]): void {
    const { width, height } = fitCanvas(this.canvas, 0.55);
    const context = this.canvas.getContext('2d');
    if (!context) return;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    if (!snapshot) return;
    const dense = snapshot.layers
      .map((layer, index) => ({ layer, index }))
      .filter((entry): entry is { layer: Required<LayerView>; index: number } => entry.layer.weights !== undefined);
    if (dense.length === 0) return;
    // Activation values per column: the input, then the output of the activation following each Dense.
    const columns: number[] = [dense[0].layer.inputs, ...dense.map((d) => d.layer.units)];
    const values: (Float32Array | undefined)[] = [snapshot.forward.input];
    for (const d of dense) {
      const next = snapshot.layers[d.index + 1];
      const outputIndex = next && next.weights === undefined ? d.index + 1 : d.index;
      values.push(snapshot.forward.outputs[outputIndex]);
    }
    const margin = 24;
    const columnX = (c: number): number => margin + (c / (columns.length - 1)) * (width - 2 * margin);
    const drawn = columns.map((n) => Math.min(n, MAX_DRAWN));
    const neuronY = (c: number, i: number): number => {
      const n = drawn[c];
      const span = height - 2 * margin;
      return margin + (n === 1 ? span / 2 : (i / (n - 1)) * span);
    };
    let maxAbs = 1e-12;
    for (const d of dense) for (const w of d.layer.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
    // Edges are sorted into a few strength levels per sign and each level is stroked as one path:
    // hundreds of separately stroked edges made every redraw slow, and the eye cannot tell more levels apart.
    const buckets = EDGE_COLORS.map(() => Array.from({ length: EDGE_LEVELS }, (): number[] => []));
    for (let c = 0; c < dense.length; c++) {
      const { weights, units } = dense[c].layer;
      for (let i = 0; i < drawn[c]; i++) {
        for (let j = 0; j < drawn[c + 1]; j++) {
          const w = weights[i * units + j];
          const level = Math.min(EDGE_LEVELS - 1, Math.floor((Math.abs(w) / maxAbs) * EDGE_LEVELS));
          buckets[w >= 0 ? 0 : 1][level].push(columnX(c), neuronY(c, i), columnX(c + 1), neuronY(c + 1, j));
        }
      }
    }
    // Weakest first, so the strong edges lie on top.
    for (let level = 0; level < EDGE_LEVELS; level++) {
      const strength = (level + 0.5) / EDGE_LEVELS;
      context.lineWidth = 0.4 + 2.6 * strength;
      EDGE_COLORS.forEach((rgb, sign) => {
        const segments = buckets[sign][level];
        if (segments.length === 0) return;
        context.strokeStyle = `rgba(${rgb}, ${0.08 + 0.8 * strength})`;
        context.beginPath();
        for (let k = 0; k < segments.length; k += 4) {
          context.moveTo(segments[k], segments[k + 1]);
          context.lineTo(segments[k + 2], segments[k + 3]);
        }
        context.stroke();
      });
    }
    context.font = '10px system-ui, sans-serif';
    for (let c = 0; c < columns.length; c++) {
      const activations = values[c];
      let peak = 1e-12;
      if (activations) for (const v of activations) peak = Math.max(peak, Math.abs(v));
      for (let i = 0; i < drawn[c]; i++) {
        const a = activations ? activations[i] / peak : 0;
        context.beginPath();
        context.arc(columnX(c), neuronY(c, i), 5, 0, Math.PI * 2);
        const shade = Math.round(255 - 200 * Math.min(1, Math.abs(a)));
        context.fillStyle = a >= 0 ? `rgb(${shade}, ${shade}, 255)` : `rgb(255, ${shade}, ${shade})`;
        context.fill();
        context.strokeStyle = '#333';
        context.lineWidth = 1;
        context.stroke();
      }
      context.fillStyle = '#333';
      const label = c === 0 ? inputNames.join(', ') : `${columns[c]}`;
      const extra = columns[c] > MAX_DRAWN ? ` (+${columns[c] - MAX_DRAWN})` : '';
      const text = label + extra;
      const textWidth = context.measureText(text).width;
      context.fillText(text, Math.min(width - textWidth - 2, Math.max(2, columnX(c) - textWidth / 2)), height - 6);
    }
  }
}
