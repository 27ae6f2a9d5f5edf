/** A value the report's tables can show. */
export type ReportValue = string | number | boolean | null;

/** What {@link reportHtml} shows. */
export interface ReportContent {
  title: string;
  /** The run's configuration: dataset, architecture, optimizer, epochs… */
  configuration: Record<string, ReportValue>;
  /** Final metrics: test accuracy, loss… */
  metrics: Record<string, ReportValue>;
  /** Chart file stems (`loss` → loss.svg and loss.png beside the report). */
  charts: readonly { stem: string; title: string }[];
  /** More tables after the metrics (per-class accuracy, misclassified samples…). */
  tables?: readonly ReportTable[];
}

/** A titled table with a header row. */
export interface ReportTable {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly ReportValue[])[];
}

/**
 * A small self-contained HTML page that shows the charts (the SVG files, each
 * linked to its PNG) with the run's configuration and final metrics.
 *
 *     await writeFileAtomic('out/report.html', reportHtml({ title: 'spiral', configuration, metrics, charts }));
 */
export function reportHtml(content: ReportContent): string {
  const table = (rows: Record<string, ReportValue>): string =>
    Object.entries(rows)
      .map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(formatValue(value))}</td></tr>`)
      .join('\n');
  const tables = (content.tables ?? [])
    .map(
      ({ title, columns, rows }) =>
        `<h2>${escapeHtml(title)}</h2>\n<table>\n<tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>\n` +
        rows.map((row) => `<tr>${row.map((v) => `<td>${escapeHtml(formatValue(v))}</td>`).join('')}</tr>`).join('\n') +
        '\n</table>',
    )
    .join('\n');
  const charts = content.charts
    .map(
      ({ stem, title }) =>
        `<figure><a href="${stem}.png"><img src="${stem}.svg" alt="${escapeHtml(title)}"></a>` +
        `<figcaption>${escapeHtml(title)} (<a href="${stem}.svg">SVG</a>, <a href="${stem}.png">PNG</a>)</figcaption></figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(content.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin-bottom: 1.5rem; }
th, td { text-align: left; padding: 0.2rem 0.8rem; border-bottom: 1px solid #ddd; }
th { font-weight: 600; }
figure { display: inline-block; margin: 0 1rem 1rem 0; }
img { max-width: 100%; }
</style>
</head>
<body>
<h1>${escapeHtml(content.title)}</h1>
<h2>Final metrics</h2>
<table>
${table(content.metrics)}
</table>
${tables}
<h2>Configuration</h2>
<table>
${table(content.configuration)}
</table>
<h2>Charts</h2>
${charts}
</body>
</html>
`;
}

function formatValue(value: ReportValue): string {
  if (typeof value === 'number' && !Number.isInteger(value)) return value.toPrecision(6);
  return String(value);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
