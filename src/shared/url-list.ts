/**
 * The URL list rules: one URL a line, whitespace trimmed, blank lines and `#` comments ignored,
 * only http and https, the same URL (after normalising) fetched once. A bad line never stops the
 * rest: it becomes a failure that names its line number.
 *
 * The engine fetches what `parseUrlList` returns, and the Download screen counts with the same
 * function as the user types, so the number on its button is the number that will be fetched.
 * Pure TypeScript on the WHATWG `URL` (no node: imports): it runs in the window too.
 */

/** One line of the list, classified. `source` is the line as written (trimmed). */
export type UrlListLine =
  | { kind: 'url'; line: number; source: string; url: string }
  | {
      kind: 'bad';
      line: number;
      source: string;
      /** What is wrong, in words, without the line number ("only http and https …"). */
      reason: string;
      /** The reason with its line number, as stored with the failed item: "line 3: …". */
      error: string;
    }
  | { kind: 'duplicate'; line: number; source: string; url: string; firstLine: number };

/** The list, in order, with every non-blank, non-comment line accounted for. */
export interface ParsedUrlList {
  lines: UrlListLine[];
  /** Lines to fetch (first occurrence of each URL). */
  urls: number;
  bad: number;
  duplicates: number;
}

/**
 * A bad line. The item's source is the line as written, and shells print `source: error`, so the
 * error starts with the line number rather than repeating the text.
 */
function badLine(line: number, source: string, what: string): UrlListLine {
  return { kind: 'bad', line, source, reason: what, error: `line ${line}: ${what}` };
}

/** Something that starts like a URL: a scheme and a colon ("https:", "ftp:", "mailto:"). */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Checks one trimmed line. Returns the URL to fetch, normalised, or what is wrong with it.
 * The fragment is dropped: it never reaches the server, so `a.jpg#1` and `a.jpg#2` are one file.
 */
export function checkUrl(text: string): { url: string } | { error: string } {
  // A space inside a URL is legal (it is sent as %20), but two addresses pasted on one line are
  // not one URL with a space in it: say so rather than fetch a path that cannot exist.
  if (
    /\s/.test(text) &&
    text
      .split(/\s+/)
      .slice(1)
      .some((part) => SCHEME.test(part))
  ) {
    return { error: 'this line holds more than one address; put one URL on each line' };
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return {
      error: SCHEME.test(text)
        ? 'this is not a URL (expected something like https://example.com/photo.jpg)'
        : 'this is not a URL: it should start with http:// or https://, like https://example.com/photo.jpg',
    };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      error: `only http and https URLs can be downloaded, not ${parsed.protocol.replace(/:$/, '')}`,
    };
  }
  if (parsed.hostname === '') return { error: 'the URL has no host name' };
  // fetch() refuses URLs carrying credentials; say so up front rather than per attempt.
  if (parsed.username !== '' || parsed.password !== '') {
    return { error: 'URLs with a user name or password in them are not supported' };
  }
  parsed.hash = '';
  return { url: parsed.href };
}

/**
 * Parses the list text (a file's content or standard input). Line numbers are 1-based and count
 * every line, blank or not, so they match what an editor shows. Duplicates (same URL after
 * normalisation) are kept as lines of their own so the run can show they were not fetched twice.
 */
export function parseUrlList(text: string): ParsedUrlList {
  const lines: UrlListLine[] = [];
  const firstLineOf = new Map<string, number>();
  let urls = 0;
  let bad = 0;
  let duplicates = 0;
  // A byte-order mark from Windows editors would otherwise make the first URL invalid.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  body.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const source = raw.trim();
    if (source === '' || source.startsWith('#')) return;
    const checked = checkUrl(source);
    if ('error' in checked) {
      lines.push(badLine(line, source, checked.error));
      bad += 1;
      return;
    }
    const firstLine = firstLineOf.get(checked.url);
    if (firstLine !== undefined) {
      lines.push({ kind: 'duplicate', line, source, url: checked.url, firstLine });
      duplicates += 1;
      return;
    }
    firstLineOf.set(checked.url, line);
    lines.push({ kind: 'url', line, source, url: checked.url });
    urls += 1;
  });
  return { lines, urls, bad, duplicates };
}
