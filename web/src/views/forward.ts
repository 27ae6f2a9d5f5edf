/**
 * One sample's forward pass as text: its input, each layer's output row and,
 * at the end, the softmax probabilities (or the regression prediction).
 */
import type { DatasetView, Snapshot } from '../protocol.js';
import { classColor } from './palette.js';

const SHOWN = 12;

export class ForwardView {
  private readonly root: HTMLElement;

  constructor(root: HTMLElement) {
    this.root = root;
  }

  draw(snapshot: Snapshot | undefined, data: DatasetView | undefined, layerNames: string[]): void {
    this.root.replaceChildren();
    if (!snapshot || !data) return;
    const { forward } = snapshot;
    const table = document.createElement('table');
    const caption = document.createElement('caption');
    const target = data.kind === 'classification' ? `class ${forward.target}` : `y = ${forward.target.toFixed(3)}`;
    caption.textContent = `Sample #${forward.index} (${target})`;
    table.append(caption);
    const head = document.createElement('thead');
    head.innerHTML = '<tr><th scope="col">step</th><th scope="col">values</th></tr>';
    table.append(head);
    const body = document.createElement('tbody');
    body.append(row('input', forward.input, false));
    forward.outputs.forEach((values, i) => {
      const last = i === forward.outputs.length - 1;
      body.append(row(layerNames[i] ?? `layer ${i}`, values, last && data.kind === 'classification'));
    });
    table.append(body);
    this.root.append(table);
    const final = forward.outputs[forward.outputs.length - 1];
    const verdict = document.createElement('p');
    if (data.kind === 'classification' && final) {
      let best = 0;
      for (let k = 1; k < final.length; k++) if (final[k] > final[best]) best = k;
      verdict.textContent = `Predicted class ${best} (p = ${final[best].toFixed(3)}); true class ${forward.target}: ${best === forward.target ? 'correct' : 'wrong'}.`;
    } else if (final) {
      verdict.textContent = `Predicted ${final[0].toFixed(4)}, target ${forward.target.toFixed(4)}.`;
    }
    this.root.append(verdict);
  }
}

function row(name: string, values: Float32Array, probabilities: boolean): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = name;
  const td = document.createElement('td');
  const shown = Array.from(values.subarray(0, SHOWN));
  if (probabilities) {
    for (let k = 0; k < shown.length; k++) {
      const bar = document.createElement('span');
      bar.className = 'prob';
      bar.style.setProperty('--p', String(shown[k]));
      bar.style.setProperty('--c', classColor(k, 0.45));
      bar.textContent = `${k}: ${shown[k].toFixed(3)}`;
      td.append(bar);
    }
  } else {
    td.textContent = shown.map((v) => formatValue(v)).join('  ') + (values.length > SHOWN ? `  … (${values.length} values)` : '');
  }
  tr.append(th, td);
  return tr;
}

function formatValue(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 1000 || Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toFixed(3);
}
