// Recharts props that make the charts follow the theme's CSS variables (light and dark).
import type { CSSProperties } from 'react';

/** Axis ticks in the muted text colour. */
export const AXIS_TICK = { fill: 'var(--fg-muted)', fontSize: 12 } as const;

/** Tooltips on the surface colour, with the theme's border. */
export const TOOLTIP_STYLE: CSSProperties = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 6,
  color: 'var(--fg)',
  fontSize: 12,
};

/** A run's series colour by its position. */
export function seriesColor(index: number): string {
  return `var(--series-${(index % 6) + 1})`;
}
