// What the preload puts on `window` in the desktop app (absent in a browser). The preload's object
// is written `satisfies PhotobatchClient`, so this declaration and the bridge cannot disagree.
import type { PhotobatchClient } from '../../../shared/contract.js';

declare global {
  interface Window {
    /** The contract client exposed by Electron's preload; undefined in a browser. */
    readonly photobatch?: PhotobatchClient;
  }
}

export {};
