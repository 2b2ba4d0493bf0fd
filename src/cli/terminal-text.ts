/**
 * The one quoting of text from files and users before it reaches a terminal or a log. File names
 * may hold escape sequences that retitle or clear a terminal, or a newline that forges a line
 * ("run 1 completed: 99 ok"); such text is quoted as GNU `ls` quotes names (its shell-escape
 * style: `'bad'$'\033''name.jpg'`), so what is shown is exact, pasteable into a shell, and inert.
 * Text without such characters is shown as it is. `--json` output is never quoted: JSON escapes
 * control characters itself and scripts need the exact names.
 */

// C0 and C1 controls, DEL, and the bidirectional overrides that can make a line read as another.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** `text` as a terminal may show it: unchanged when harmless, else quoted as `ls` does. */
export function terminalText(text: string): string {
  // A fresh search each time: a /g regex carries `lastIndex` from one call (and `test`) to the next.
  const runs = [...text.matchAll(new RegExp(UNSAFE))];
  if (runs.length === 0) return text;
  let quoted = '';
  let at = 0;
  for (const match of runs) {
    if (match.index > at) quoted += singleQuoted(text.slice(at, match.index));
    quoted += `$'${octalEscapes(match[0])}'`;
    at = match.index + match[0].length;
  }
  if (at < text.length) quoted += singleQuoted(text.slice(at));
  return quoted;
}

function singleQuoted(part: string): string {
  return `'${part.replace(/'/g, `'\\''`)}'`;
}

/** ls's named escapes; every other byte is written as three octal digits (`\033`). */
const NAMED: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

/** The characters' UTF-8 bytes as `ls` escapes them inside `$'…'`. */
function octalEscapes(chars: string): string {
  return [...Buffer.from(chars, 'utf8')]
    .map((byte) => NAMED[byte] ?? `\\${byte.toString(8).padStart(3, '0')}`)
    .join('');
}
