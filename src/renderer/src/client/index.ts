/**
 * The window's one way to the engine: Electron's preload client when the page runs in the desktop
 * app, the web shell's socket client in a browser. Either way, every event is validated against
 * the contract's schemas before a component sees it.
 */
import type { AppEvent, PhotobatchClient } from '../../../shared/contract.js';
import { parseAppEvent } from '../../../shared/event-schemas.js';
import { createWebClient } from './web-client.js';

let client: PhotobatchClient | null = null;

/** Wraps the preload's client so its events are checked like the socket's. */
function validatingEvents(inner: PhotobatchClient): PhotobatchClient {
  return {
    invoke: (name, input) => inner.invoke(name, input),
    onEvent(listener: (event: AppEvent) => void) {
      return inner.onEvent((event) => {
        const parsed = parseAppEvent(event);
        if (parsed.ok) listener(parsed.event);
        else console.warn(`photobatch: ignored an event: ${parsed.error}`);
      });
    },
    pathsForDroppedFiles: (files) => inner.pathsForDroppedFiles(files),
    uploadFiles: (files, onProgress) => inner.uploadFiles(files, onProgress),
    pictureUrl: (request) => inner.pictureUrl(request),
    ...(inner.pickFolder ? { pickFolder: () => inner.pickFolder!() } : {}),
    canOpenFolders: inner.canOpenFolders,
  };
}

/** The contract client of this page (created once). */
export function getClient(): PhotobatchClient {
  client ??= window.photobatch ? validatingEvents(window.photobatch) : createWebClient();
  return client;
}
