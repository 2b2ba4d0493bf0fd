// After Start or Compare the screen changes under the keyboard: focus goes to the new screen's
// h1 (so a screen reader reads where it is, and Tab continues from there), not to the body.

/**
 * Focuses the first element matching `selector` once it exists (the live view's heading shows a
 * frame or two after the run is known); gives up quietly after `frames` animation frames.
 */
export function focusWhenShown(selector: string, frames = 60): void {
  const attempt = (left: number) => {
    const target = document.querySelector<HTMLElement>(selector);
    if (target) {
      // Headings are not focusable by nature; -1 lets a script focus them without a tab stop.
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
      return;
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  requestAnimationFrame(() => attempt(frames));
}
