/** Class colours (colour-blind friendly, Okabe–Ito order), as RGB triples. */
export const CLASS_COLORS: readonly [number, number, number][] = [
  [0, 114, 178],
  [230, 159, 0],
  [0, 158, 115],
  [204, 121, 167],
  [213, 94, 0],
  [86, 180, 233],
  [240, 228, 66],
  [120, 120, 120],
  [0, 0, 0],
  [150, 80, 30],
];

export function classColor(k: number, alpha = 1): string {
  const [r, g, b] = CLASS_COLORS[k % CLASS_COLORS.length];
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Sizes a canvas's backing store to its CSS box times the device pixel ratio; returns the CSS size. */
export function fitCanvas(canvas: HTMLCanvasElement, aspect: number): { width: number; height: number } {
  const width = Math.max(160, Math.round(canvas.clientWidth || canvas.width));
  const height = Math.round(width * aspect);
  const ratio = Math.min(2, globalThis.devicePixelRatio || 1);
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext('2d');
  context?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { width, height };
}
