/** A small line chart: training and validation curves of one metric over epochs. */
import { fitCanvas } from './palette.js';

export interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  points: { x: number; y: number }[];
}

export class LineChart {
  private readonly canvas: HTMLCanvasElement;
  private readonly title: string;
  private readonly fixedRange?: [number, number];

  constructor(canvas: HTMLCanvasElement, title: string, fixedRange?: [number, number]) {
    this.canvas = canvas;
    this.title = title;
    this.fixedRange = fixedRange;
  }

  draw(series: Series[]): void {
    const { width, height } = fitCanvas(this.canvas, 0.5);
    const context = this.canvas.getContext('2d');
    if (!context) return;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    const left = 40;
    const right = 8;
    const top = 20;
    const bottom = 20;
    const all = series.flatMap((s) => s.points);
    const xMax = Math.max(1, ...all.map((p) => p.x));
    let [yMin, yMax] = this.fixedRange ?? [Infinity, -Infinity];
    if (!this.fixedRange) {
      for (const p of all) {
        if (Number.isFinite(p.y)) {
          yMin = Math.min(yMin, p.y);
          yMax = Math.max(yMax, p.y);
        }
      }
      if (!Number.isFinite(yMin)) [yMin, yMax] = [0, 1];
      yMin = Math.min(0, yMin);
      if (yMax - yMin < 1e-9) yMax = yMin + 1;
    }
    const sx = (x: number): number => left + (x / xMax) * (width - left - right);
    const sy = (y: number): number => top + (1 - (y - yMin) / (yMax - yMin)) * (height - top - bottom);
    context.strokeStyle = '#ccc';
    context.lineWidth = 1;
    context.strokeRect(left, top, width - left - right, height - top - bottom);
    context.fillStyle = '#333';
    context.font = '12px system-ui, sans-serif';
    context.fillText(this.title, left, 14);
    context.font = '10px system-ui, sans-serif';
    context.fillText(formatTick(yMax), 2, top + 8);
    context.fillText(formatTick(yMin), 2, height - bottom);
    context.fillText('0', left, height - 5);
    const last = `epoch ${Math.round(xMax)}`;
    context.fillText(last, width - right - context.measureText(last).width, height - 5);
    let legendX = left + context.measureText(this.title).width + 16;
    for (const s of series) {
      context.strokeStyle = s.color;
      context.lineWidth = 2;
      context.setLineDash(s.dashed ? [5, 3] : []);
      context.beginPath();
      // Thin very long histories to about two points per pixel.
      const stride = Math.max(1, Math.floor(s.points.length / ((width - left) * 2)));
      let started = false;
      for (let i = 0; i < s.points.length; i += stride) {
        const p = s.points[i];
        if (!Number.isFinite(p.y)) continue;
        if (!started) context.moveTo(sx(p.x), sy(p.y));
        else context.lineTo(sx(p.x), sy(p.y));
        started = true;
      }
      const last = s.points[s.points.length - 1];
      if (last && Number.isFinite(last.y) && started) context.lineTo(sx(last.x), sy(last.y));
      context.stroke();
      context.setLineDash([]);
      if (s.points.length > 0) {
        context.fillStyle = s.color;
        context.fillRect(legendX, 6, 10, 3);
        context.fillStyle = '#333';
        context.fillText(s.label, legendX + 13, 11);
        legendX += context.measureText(s.label).width + 26;
      }
    }
  }
}

function formatTick(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) >= 100 || Math.abs(value) < 0.01 ? value.toExponential(1) : value.toPrecision(2);
}
