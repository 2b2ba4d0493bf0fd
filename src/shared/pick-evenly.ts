/** Choosing a sample spread evenly over a list, so a sample of a folder is not just its first files. */

/**
 * At most `count` elements of `items`, spread evenly (the first always included, then every
 * `items.length / count`-th), in their original order. All of them when there are no more.
 */
export function pickEvenly<T>(items: readonly T[], count: number): T[] {
  if (count <= 0) return [];
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!);
}
