/** The window's screens, in tab order. */
export const SCREENS = [
  { id: 'process', title: 'Process' },
  { id: 'download', title: 'Download' },
  { id: 'run', title: 'Live run' },
  { id: 'history', title: 'History' },
  { id: 'compare', title: 'Compare' },
  { id: 'results', title: 'Results' },
] as const;

/** A screen's id. */
export type ScreenId = (typeof SCREENS)[number]['id'];

/** A comparison to show: runs in order and the baseline the figures are relative to. */
export interface CompareSelection {
  runIds: number[];
  baseline: number | null;
}
