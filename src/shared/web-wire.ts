/**
 * How the contract travels between the browser and the web shell: one WebSocket for commands and
 * events, plain HTTP for uploads. Both ends import this file, so the paths and message shapes
 * cannot drift apart. Command inputs inside `invoke` are validated separately, per command.
 */
import * as z from 'zod';
import type { AppEvent, CommandError, CommandName, CommandResults } from './contract.js';

/** Paths the web shell serves besides the built window. Relative to the page's origin. */
export const WEB_PATHS = {
  /** WebSocket: commands and events. */
  socket: '/api/socket',
  /** POST: start an upload (answers `UploadStarted`). */
  uploads: '/api/uploads',
} as const;

/** `PUT` here with a file's bytes as the body; `relativePath` keeps the dropped folder's tree. */
export function uploadFileUrl(uploadId: string, relativePath: string): string {
  return `${WEB_PATHS.uploads}/${encodeURIComponent(uploadId)}?path=${encodeURIComponent(relativePath)}`;
}

/** `DELETE` here to abandon an upload: its folder is removed. */
export function uploadUrl(uploadId: string): string {
  return `${WEB_PATHS.uploads}/${encodeURIComponent(uploadId)}`;
}

/** Answer to `POST /api/uploads`. */
export interface UploadStarted {
  uploadId: string;
  /** The folder the files land in; pass it to `process:start`. */
  inputDir: string;
}

/** Answer to each file's `PUT`. */
export interface UploadFileSaved {
  /** Where it was saved, relative to the input folder, after sanitising. */
  path: string;
  bytes: number;
}

/** Browser → web shell: run a command. `id` pairs the answer with its request. */
export const clientMessageSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown().optional(),
});
/** Browser → web shell. */
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Web shell → browser: a command's answer, or an event. */
export type ServerMessage =
  | { type: 'result'; id: number; ok: true; value: CommandResults[CommandName] }
  | { type: 'result'; id: number; ok: false; error: CommandError }
  | { type: 'event'; event: AppEvent };

/** Runtime shape of `ServerMessage`; an event's payload is then checked with `parseAppEvent`. */
export const serverMessageSchema = z.union([
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(false),
    error: z.object({ message: z.string() }),
  }),
  z.object({ type: z.literal('event'), event: z.unknown() }),
]);
