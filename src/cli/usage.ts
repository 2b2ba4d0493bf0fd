/**
 * Usage texts of the command line, in one place: `photobatch --help` shows them all, each command
 * its own; loading them loads nothing else.
 */

/** Usage text of `process`. */
export const PROCESS_USAGE = `photobatch process <input>... --out DIR [--blur SIGMA]
    [--fit WxH | --fill WxH [--position centre|attention|entropy] | --long-edge N | --scale P%]
    [--crop WxH+X+Y] [--rotate 90|180|270] [--flip] [--flop] [--sharpen [SIGMA]] [--only-smaller]
    [--format keep|jpeg|png|webp|avif] [--quality Q] [--workers N] [--threads T]
    [--pipeline exact|fast] [--existing overwrite|skip|rename] [--max-pixels N]
    [--timeout-per-image SECONDS] [--metadata keep-no-gps|keep|strip] [--name TEMPLATE]
    [--preset NAME] [--label TEXT] [--json]
    [--db PATH] [--queue redis://[user:pass@]host:port[/db] [--local-workers N]]
  --metadata (default keep-no-gps): capture date, camera, lens, copyright and the colour
    profile are kept, GPS location removed, colours converted to sRGB; keep: all EXIF (GPS
    too) and the input's own colour profile; strip: no metadata, colours converted to sRGB.
    Orientation is always applied to the pixels (and reset to 1).
  Operations apply in one order: orientation, crop, flip/flop, rotate, blur, size, sharpen.
  --only-smaller: when the output would be larger than its input, the input's bytes are copied
    instead (under its own extension) and the item notes "kept original (output was N% larger)".
  --name TEMPLATE names each output (the folder tree is still mirrored; the format's extension
    is added): {name} input name without extension, {ext} its extension, {w} {h} output size,
    {index} number in the run ({index:3} gives 001), {date} capture date else file date
    (YYYY-MM-DD); {{ and }} write a brace. Example: --name "{date}-{name}-{w}x{h}".
  --preset NAME starts from a preset (photobatch presets lists them: Web, Thumbnails, Tutorial,
    Share and yours); the options given change it, and a size option replaces its size.`;

/** Usage text of `presets`. */
export const PRESETS_USAGE = `photobatch presets [list] [--json]
  photobatch presets save NAME [--preset NAME] [process options] [--replace]
  photobatch presets rename OLD NEW | delete NAME
  photobatch presets export [NAME...] [--out FILE [--force]] | import FILE|- [--replace]
  A preset holds what the outputs are (size, edits, format, quality, metadata, names), not how
  the run goes (workers, threads, pipeline, limits). Export writes your presets (or those named)
  as JSON; import adds them, keeping yours of the same name unless --replace.`;

/** Usage text of `download`. */
export const DOWNLOAD_USAGE = `photobatch download <urls-file|-> --out DIR [--concurrency N] [--retries N]
    [--timeout SECONDS] [--max-time SECONDS] [--min-speed RATE] [--max-bytes N[K|M|G]]
    [--max-redirects N] [--existing rename|overwrite|skip] [--label TEXT] [--json] [--db PATH]
    [--process [--blur SIGMA] [--fit WxH] [--format F] [--quality Q] [--workers N] … any process option]
  One URL a line (blank lines and # comments ignored); "-" reads the list from standard input.
  --timeout (default 30): per attempt, for connecting, the answer and any pause in the data.
  --max-time (default 300): per file, every attempt and wait included.
  --min-speed (default 1K, i.e. 1 KiB/s; 0 for none): a transfer slower than that for 10 s (or
    --timeout, if longer) is stopped and tried once more.
  --existing (default rename): a name already in DIR gets a number (photo-1.jpg); overwrite
    replaces the file; skip keeps it (no request when the URL gives the name).
  With --process each file is processed as soon as it is saved, into DIR/processed.`;

/** Usage line of `resume`. */
export const RESUME_USAGE = `photobatch resume <run-id> [--workers N] [--queue URL [--local-workers N]] [--json] [--db PATH]
  --queue: the images not yet done go through that queue (as process --queue); without it, this computer.
  A download run: fetches only the URLs not saved, into the same folder (and, if it processed
  its files, processes only those not processed).`;

/** Usage line of `serve`. */
export const SERVE_USAGE = 'photobatch serve [--port N] [--db PATH] [--json]';

/** Usage text of `worker`. */
export const WORKER_USAGE = `photobatch worker --redis redis://[user:pass@]host:port[/db] [--concurrency N]
    [--threads T] [--name NAME] [--map FROM=TO]...
  Takes image tasks from the queue that \`process --queue\` fills, until Ctrl-C.
  --map FROM=TO: the coordinator's FROM folder is TO on this machine (repeatable).`;

/** Usage text of `sweep`. */
export const SWEEP_USAGE = `photobatch sweep <input>... [--workers 1,2,4] [--threads 1,2] [--sample N] [process options] [--json]
photobatch sweep --urls <file|-> [--concurrency 1,4,16,64] [--sample N] [download options] [--json]
  Runs a sample (12 images or 30 URLs, spread evenly) once per combination (at most 8) as stored
  runs grouped under one sweep, into a temp folder removed afterwards, and says which was fastest.`;

/** Usage line of `estimate`. */
export const ESTIMATE_USAGE = 'photobatch estimate <input>... [process options] [--json]';

/** Usage line of `compare`. */
export const COMPARE_USAGE =
  'photobatch compare <run-id> <run-id>... [--json | --csv | --markdown | --html FILE [--force]]';

/** The whole command line, for `photobatch --help`. */
export const USAGE = `Usage:
  ${PROCESS_USAGE}
  ${DOWNLOAD_USAGE}
  ${RESUME_USAGE}
  photobatch runs [--limit N] [--kind process|download] [--status S] [--json]
  photobatch show <run-id> [--json]
  ${COMPARE_USAGE}
  ${SWEEP_USAGE.replace(/\n/g, '\n  ')}
  ${ESTIMATE_USAGE}
  ${PRESETS_USAGE.replace(/\n/g, '\n  ')}
  ${SERVE_USAGE}
  ${WORKER_USAGE}
  photobatch --version
Global: --db PATH (or PHOTOBATCH_DB); PHOTOBATCH_DEBUG=1 adds developers' detail to errors.
Exit status: 0 all ok, 1 some items failed or the run failed, 2 bad usage, 130 cancelled.
`;
