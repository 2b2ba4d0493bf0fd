/**
 * Tables for the terminal. The figures in them are formatted by src/shared/format-figures.ts,
 * the same as in the window.
 */

/** Left-aligned first column, right-aligned others (figures), or all left-aligned (words). */
export function formatTable(
  header: string[],
  rows: string[][],
  align: 'figures' | 'words' = 'figures',
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || align === 'words' ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return (
    [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n'
  );
}
