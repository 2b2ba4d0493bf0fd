/**
 * Usage texts of the command line, in one place: `photobatch --help` shows them all, each command
 * its own; loading them loads nothing else.
 */

/** Usage text of `process`. */
export const PROCESS_USAGE = `photobatch process <input>... --out DIR [--blur SIGMA] [--fit WxH]
    [--format keep|jpeg|png|webp|avif] [--quality Q] [--workers N] [--threads T]
    [--pipeline exact|fast] [--existing overwrite|skip|rename] [--max-pixels N]
    [--timeout-per-image SECONDS] [--label TEXT] [--json] [--db PATH]`;

/** Usage text of `download`. */
export const DOWNLOAD_USAGE = `photobatch download <urls-file|-> --out DIR [--concurrency N] [--retries N]
    [--timeout SECONDS] [--max-bytes N[K|M|G]] [--max-redirects N] [--label TEXT] [--json] [--db PATH]
    [--process [--blur SIGMA] [--fit WxH] [--format F] [--quality Q] [--workers N] … any process option]
  One URL a line (blank lines and # comments ignored); "-" reads the list from standard input.
  With --process each file is processed as soon as it is saved, into DIR/processed.`;

/** Usage line of `resume`. */
export const RESUME_USAGE = 'photobatch resume <run-id> [--workers N] [--json] [--db PATH]';

/** Usage line of `serve`. */
export const SERVE_USAGE = 'photobatch serve [--port N] [--db PATH] [--json]';

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
  ${SERVE_USAGE}
Global: --db PATH (or PHOTOBATCH_DB); PHOTOBATCH_DEBUG=1 adds developers' detail to errors.
Exit status: 0 all ok, 1 some items failed or the run failed, 2 bad usage, 130 cancelled.
`;
