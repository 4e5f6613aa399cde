/**
 * The trend page's small charts, drawn as SVG when the page is rendered: a few lines or bars over
 * the window need no charting library, no script, and no more than a kilobyte or two each.
 */

export interface LineSeries {
  /** A CSS class that colours the line (`p50`, `p95`). */
  className: string;
  label: string;
  /** One per night, oldest first; undefined leaves a gap. */
  values: readonly (number | undefined)[];
}

const PAD = 3;
/** Whole units: at 220 × 48 a tenth of a unit is not seen, and every digit counts at 50 charts. */
const round = (value: number) => Math.round(value);

/** A sparkline of one or more series over the nights, scaled to its largest value, with that value written at its top. */
export function lineChart(series: readonly LineSeries[], { title, unit, width = 220, height = 48 }: ChartOptions): string {
  const nights = Math.max(0, ...series.map((s) => s.values.length));
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== undefined)));
  const x = (night: number) => round(PAD + (nights <= 1 ? 0 : (night * (width - 2 * PAD)) / (nights - 1)));
  const y = (value: number) => round(height - PAD - (max === 0 ? 0 : (value / max) * (height - 2 * PAD - 10)));
  const drawn = series.flatMap((s) => {
    const runs: string[][] = [[]];
    s.values.forEach((value, night) => {
      if (value === undefined) runs.push([]);
      else runs.at(-1)?.push(`${x(night)},${y(value)}`);
    });
    return runs
      .filter((points) => points.length > 0)
      .map((points) =>
        points.length === 1
          ? `<circle class="${s.className}" cx="${points[0]?.split(',')[0] ?? 0}" cy="${points[0]?.split(',')[1] ?? 0}" r="1.5"/>`
          : `<polyline class="${s.className}" points="${points.join(' ')}"/>`,
      );
  });
  const legend = series.map((s) => s.label).join(', ');
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`${title}: ${legend}, peak ${formatNumber(max)} ${unit}`)}">` +
    `<title>${escapeHtml(title)}</title><text x="${width - PAD}" y="9" text-anchor="end">${escapeHtml(`${formatNumber(max)} ${unit}`)}</text>` +
    drawn.join('') +
    '</svg>'
  );
}

export interface ChartOptions {
  title: string;
  unit: string;
  width?: number;
  height?: number;
}

/** A bar per night, each with its own tooltip (`2026-05-01: 2 leftovers`). */
export function barChart(
  values: readonly number[],
  labels: readonly string[],
  { title, unit, width = 220, height = 36, className }: ChartOptions & { className: string },
): string {
  const max = Math.max(0, ...values);
  const slot = (width - 2 * PAD) / Math.max(1, values.length);
  const bars = values.map((value, night) => {
    if (value === 0) return '';
    const tall = max === 0 ? 0 : round((value / max) * (height - 2 * PAD - 10));
    return `<rect x="${round(PAD + night * slot)}" y="${round(height - PAD - tall)}" width="${round(Math.max(1, slot - 1))}" height="${tall}"><title>${escapeHtml(`${labels[night] ?? ''}: ${value} ${unit}`)}</title></rect>`;
  });
  return (
    `<svg class="chart ${className}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`${title}: at most ${max} ${unit} a night`)}">` +
    `<title>${escapeHtml(title)}</title><text x="${width - PAD}" y="9" text-anchor="end">${escapeHtml(`${max} ${unit}`)}</text>` +
    bars.join('') +
    '</svg>'
  );
}

/** `1.2`, `14`, `0.35`: a number as a chart's label shows it. */
export function formatNumber(value: number): string {
  if (value >= 10) return String(Math.round(value));
  return String(Math.round(value * 100) / 100);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
