/**
 * The main view: the decision boundary (each class's probability over the
 * input plane, blended into one heatmap) with the data points on top, or for
 * regression the fitted curve over the data.
 */
import type { DatasetView, Snapshot } from '../protocol.js';
import { CLASS_COLORS, classColor, fitCanvas } from './palette.js';

export class BoundaryView {
  private readonly canvas: HTMLCanvasElement;
  private readonly heat = document.createElement('canvas');
  private data?: DatasetView;
  private snapshot?: Snapshot;
  private selected = -1;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
  }

  setData(data: DatasetView): void {
    this.data = data;
    this.snapshot = undefined;
    this.draw();
  }

  setSnapshot(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    this.selected = snapshot.forward.index;
    this.draw();
  }

  /** The data index nearest to a point on the canvas (CSS pixels), for click-to-inspect. */
  pick(offsetX: number, offsetY: number): number {
    const data = this.data;
    if (!data) return -1;
    const { width, height } = this.size();
    let best = -1;
    let bestDistance = Infinity;
    const n = data.y.length;
    for (let i = 0; i < n; i++) {
      const [px, py] = this.toCanvas(i, width, height);
      const distance = (px - offsetX) ** 2 + (py - offsetY) ** 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return best;
  }

  private size(): { width: number; height: number } {
    return { width: this.canvas.clientWidth || 400, height: this.canvas.clientWidth || 400 };
  }

  private toCanvas(i: number, width: number, height: number): [number, number] {
    const data = this.data as DatasetView;
    const [x0, x1, y0, y1] = data.bounds;
    const px = data.features === 2 ? data.x[i * 2] : data.x[i];
    const py = data.features === 2 ? data.x[i * 2 + 1] : data.y[i];
    return [((px - x0) / (x1 - x0)) * width, (1 - (py - y0) / (y1 - y0)) * height];
  }

  draw(): void {
    const { width, height } = fitCanvas(this.canvas, 1);
    const context = this.canvas.getContext('2d');
    const data = this.data;
    if (!context || !data) return;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    const grid = this.snapshot?.grid;
    if (data.kind === 'classification' && grid) this.drawHeat(context, grid, data.classes, width, height);
    this.drawAxes(context, width, height);
    if (data.kind === 'regression') this.drawCurve(context, width, height);
    this.drawPoints(context, width, height);
  }

  private drawHeat(
    context: CanvasRenderingContext2D,
    grid: NonNullable<Snapshot['grid']>,
    classes: number,
    width: number,
    height: number,
  ): void {
    const { size, probabilities } = grid;
    this.heat.width = size;
    this.heat.height = size;
    const heatContext = this.heat.getContext('2d');
    if (!heatContext) return;
    const image = heatContext.createImageData(size, size);
    for (let cell = 0; cell < size * size; cell++) {
      // Mix the class colours by probability, then wash towards white so points stay visible.
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < classes; k++) {
        const p = probabilities[cell * classes + k];
        const color = CLASS_COLORS[k % CLASS_COLORS.length];
        r += p * color[0];
        g += p * color[1];
        b += p * color[2];
      }
      image.data[cell * 4] = 255 - 0.55 * (255 - r);
      image.data[cell * 4 + 1] = 255 - 0.55 * (255 - g);
      image.data[cell * 4 + 2] = 255 - 0.55 * (255 - b);
      image.data[cell * 4 + 3] = 255;
    }
    heatContext.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(this.heat, 0, 0, width, height);
  }

  private drawAxes(context: CanvasRenderingContext2D, width: number, height: number): void {
    const data = this.data as DatasetView;
    const [x0, x1, y0, y1] = data.bounds;
    context.strokeStyle = 'rgba(0, 0, 0, 0.25)';
    context.lineWidth = 1;
    context.beginPath();
    if (x0 < 0 && x1 > 0) {
      const px = (-x0 / (x1 - x0)) * width;
      context.moveTo(px, 0);
      context.lineTo(px, height);
    }
    if (y0 < 0 && y1 > 0) {
      const py = (1 - -y0 / (y1 - y0)) * height;
      context.moveTo(0, py);
      context.lineTo(width, py);
    }
    context.stroke();
    context.fillStyle = 'rgba(0, 0, 0, 0.6)';
    context.font = '11px system-ui, sans-serif';
    context.fillText(`${x0.toFixed(1)}`, 3, height - 4);
    const right = `${x1.toFixed(1)}`;
    context.fillText(right, width - context.measureText(right).width - 3, height - 4);
    context.fillText(`${y1.toFixed(1)}`, 3, 12);
  }

  private drawCurve(context: CanvasRenderingContext2D, width: number, height: number): void {
    const curve = this.snapshot?.curve;
    const data = this.data as DatasetView;
    if (!curve) return;
    const [x0, x1, y0, y1] = data.bounds;
    context.strokeStyle = classColor(4);
    context.lineWidth = 2.5;
    context.beginPath();
    for (let i = 0; i < curve.x.length; i++) {
      const px = ((curve.x[i] - x0) / (x1 - x0)) * width;
      const py = (1 - (curve.y[i] - y0) / (y1 - y0)) * height;
      if (i === 0) context.moveTo(px, py);
      else context.lineTo(px, py);
    }
    context.stroke();
  }

  private drawPoints(context: CanvasRenderingContext2D, width: number, height: number): void {
    const data = this.data as DatasetView;
    const n = data.y.length;
    const regression = data.kind === 'regression';
    const radius = regression ? 1.5 : n > 1500 ? 2 : 3;
    context.lineWidth = 1;
    for (let i = 0; i < n; i++) {
      const [px, py] = this.toCanvas(i, width, height);
      context.beginPath();
      context.arc(px, py, radius, 0, Math.PI * 2);
      context.fillStyle = regression ? classColor(0, 0.6) : classColor(data.y[i]);
      context.fill();
      if (!regression) {
        context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
        context.stroke();
      }
    }
    if (this.selected >= 0 && this.selected < n) {
      const [px, py] = this.toCanvas(this.selected, width, height);
      context.beginPath();
      context.arc(px, py, 8, 0, Math.PI * 2);
      context.strokeStyle = '#000';
      context.lineWidth = 2;
      context.stroke();
    }
  }
}
