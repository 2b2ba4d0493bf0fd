// The window's bar: app name and the screens as tabs (arrow keys move between them, as in the
// WAI-ARIA tabs pattern; Ctrl/⌘ + 1…5 jumps from anywhere).
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { SCREENS, type ScreenId } from './screens.js';

export function TopBar({
  screen,
  onScreen,
  running,
}: {
  screen: ScreenId;
  onScreen: (s: ScreenId) => void;
  running: number;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  // A layout effect, so the shortcuts work from the first frame the tabs are shown.
  useLayoutEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= SCREENS.length) {
        e.preventDefault();
        onScreen(SCREENS[n - 1]!.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onScreen]);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % SCREENS.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + SCREENS.length) % SCREENS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = SCREENS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onScreen(SCREENS[next]!.id);
    refs.current[next]?.focus();
  };

  return (
    <header className="app-bar">
      <div className="brand">
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
          <rect
            x="2"
            y="4"
            width="13"
            height="11"
            rx="2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
          />
          <rect x="5" y="1.5" width="13" height="11" rx="2" fill="currentColor" opacity="0.25" />
          <circle cx="6.5" cy="8.5" r="1.4" fill="currentColor" />
          <path
            d="M3 14l4-3.5 3 2.5 2.5-2 2.5 3"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.4"
          />
        </svg>
        Photobatch
      </div>
      <nav className="tabs" role="tablist" aria-label="Screens">
        {SCREENS.map((s, i) => (
          <button
            key={s.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            id={`tab-${s.id}`}
            role="tab"
            className="tab"
            aria-selected={screen === s.id}
            aria-controls={`screen-${s.id}`}
            tabIndex={screen === s.id ? 0 : -1}
            title={`${s.title} (Ctrl+${i + 1})`}
            onClick={() => onScreen(s.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <span className="label" data-label={s.title}>
              {s.title}
            </span>
            {s.id === 'run' && running > 0 ? (
              <span className="badge" aria-label={`${running} running`}>
                {running}
              </span>
            ) : null}
          </button>
        ))}
      </nav>
      <div className="spacer" />
    </header>
  );
}
