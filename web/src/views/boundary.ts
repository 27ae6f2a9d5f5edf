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
  /**
   * The data points, drawn once per dataset and canvas size: they never move
   * while the network trains, so each frame copies them in one drawImage.
   */
  private readonly points = document.createElement('canvas');
  private pointsFor?: { data: DatasetView; width: number; pixels: number };
  private data?: DatasetView;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
  }

  setData(data: DatasetView): void {
    this.data = data;
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

  /** Draws the data with the snapshot's heatmap or curve and its inspected sample (none before the first). */
  draw(snapshot: Snapshot | undefined): void {
    const { width, height } = fitCanvas(this.canvas, 1);
    const context = this.canvas.getContext('2d');
    const data = this.data;
    if (!context || !data) return;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    if (data.kind === 'classification' && snapshot?.grid) this.drawHeat(context, snapshot.grid, data.classes, width, height);
    this.drawAxes(context, width, height);
    if (data.kind === 'regression' && snapshot?.curve) this.drawCurve(context, snapshot.curve, width, height);
    context.drawImage(this.pointsLayer(data, width, height), 0, 0, width, height);
    if (snapshot) this.drawSelected(context, snapshot.forward.index, width, height);
  }

  private drawHeat(
    context: CanvasRenderingContext2D,
    grid: NonNullable<Snapshot['grid']>,
    classes: number,
    width: number,
    height: number,
  ): void {
    const { size, probabilities } = grid;
    if (this.heat.width !== size) {
      this.heat.width = size;
      this.heat.height = size;
    }
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

  private drawCurve(context: CanvasRenderingContext2D, curve: NonNullable<Snapshot['curve']>, width: number, height: number): void {
    const [x0, x1, y0, y1] = (this.data as DatasetView).bounds;
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

  /** The points layer at the canvas's backing-store resolution, redrawn only when the data or the size changed. */
  private pointsLayer(data: DatasetView, width: number, height: number): HTMLCanvasElement {
    const cached = this.pointsFor;
    if (cached?.data === data && cached.width === width && cached.pixels === this.canvas.width) return this.points;
    this.points.width = this.canvas.width;
    this.points.height = this.canvas.height;
    this.pointsFor = { data, width, pixels: this.canvas.width };
    const context = this.points.getContext('2d');
    if (!context) return this.points;
    context.setTransform(this.canvas.width / width, 0, 0, this.canvas.height / height, 0, 0);
    const n = data.y.length;
    const regression = data.kind === 'regression';
    const radius = regression ? 1.5 : n > 1500 ? 2 : 3;
    context.lineWidth = 1;
    context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    // Point by point, each outlined right after its fill, so a dense cluster still shows separate dots.
    for (let i = 0; i < n; i++) {
      const [px, py] = this.toCanvas(i, width, height);
      context.beginPath();
      context.arc(px, py, radius, 0, Math.PI * 2);
      context.fillStyle = regression ? classColor(0, 0.6) : classColor(data.y[i]);
      context.fill();
      if (!regression) context.stroke();
    }
    return this.points;
  }

  private drawSelected(context: CanvasRenderingContext2D, index: number, width: number, height: number): void {
    if (index < 0 || index >= (this.data as DatasetView).y.length) return;
    const [px, py] = this.toCanvas(index, width, height);
    context.beginPath();
    context.arc(px, py, 8, 0, Math.PI * 2);
    context.strokeStyle = '#000';
    context.lineWidth = 2;
    context.stroke();
  }
}
