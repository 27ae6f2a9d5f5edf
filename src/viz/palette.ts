/**
 * Class colors. The first three follow matplotlib's `brg` colormap as the
 * book's scatter plots use it (`c=y, cmap='brg'` with 3 classes: blue, red,
 * green); more classes continue with a categorical palette.
 */
const CLASS_COLORS = [
  '#0000ff', '#ff0000', '#00ff00', '#ff7f0e', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
];

/** `count` distinct colors, one per class id 0…count-1. */
export function classColors(count: number): string[] {
  return Array.from({ length: count }, (_, index) => CLASS_COLORS[index % CLASS_COLORS.length]);
}
