/**
 * Reads a pasted URL list the way the engine's downloader does (one URL a line, whitespace
 * trimmed, blank lines and `#` comments ignored, only http and https, duplicates fetched once),
 * so the window can say before starting how many lines are good and which are not.
 */

/** A line that will not be downloaded, with its 1-based line number and the reason in words. */
export interface BadUrlLine {
  line: number;
  text: string;
  reason: string;
}

/** What a pasted list holds. */
export interface UrlListCheck {
  /** Distinct good URLs: what the run will fetch. */
  valid: number;
  /** Good lines that repeat an earlier URL (fetched once). */
  duplicates: number;
  /** Blank lines and `#` comments. */
  ignored: number;
  bad: BadUrlLine[];
}

/** Why one trimmed, non-empty, non-comment line is not a downloadable URL; null when it is. */
export function urlLineProblem(text: string): string | null {
  if (/\s/.test(text)) return 'contains spaces; put one address on each line';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return /^[a-z][a-z0-9+.-]*:/i.test(text)
      ? 'is not a valid web address'
      : 'is not a web address (it should start with http:// or https://)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `uses ${url.protocol.slice(0, -1)}:, but only http and https addresses can be downloaded`;
  }
  if (!url.hostname) return 'has no host name';
  return null;
}

/** Checks every line of a pasted list. */
export function checkUrlList(text: string): UrlListCheck {
  const seen = new Set<string>();
  const bad: BadUrlLine[] = [];
  let duplicates = 0;
  let ignored = 0;
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i += 1) {
    const trimmed = lines[i]!.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      ignored += 1;
      continue;
    }
    const problem = urlLineProblem(trimmed);
    if (problem !== null) {
      bad.push({ line: i + 1, text: trimmed, reason: problem });
      continue;
    }
    // Same normalisation as a browser would send: `HTTP://Example.com/a` and `http://example.com/a` are one.
    const key = new URL(trimmed).href;
    if (seen.has(key)) duplicates += 1;
    else seen.add(key);
  }
  // A trailing newline is not a line anyone wrote.
  if (lines.length > 0 && lines[lines.length - 1]!.trim() === '') ignored -= 1;
  return { valid: seen.size, duplicates, ignored: Math.max(0, ignored), bad };
}
