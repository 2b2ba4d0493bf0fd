// State for values that change faster than the screen refreshes (upload progress, pointer
// positions): many sets within a frame cost one render.
import { useCallback, useEffect, useRef, useState } from 'react';

/** Like useState, but `set` commits at most once per animation frame (the last value wins). */
export function useRafState<T>(initial: T): [T, (value: T) => void, (value: T) => void] {
  const [value, setValue] = useState(initial);
  const latest = useRef(value);
  const frame = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );
  const set = useCallback((next: T) => {
    latest.current = next;
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      setValue(latest.current);
    });
  }, []);
  /** Commits now, dropping any pending frame (for the final value). */
  const setNow = useCallback((next: T) => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    latest.current = next;
    setValue(next);
  }, []);
  return [value, set, setNow];
}
