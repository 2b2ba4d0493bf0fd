/**
 * Output names from a template (`--name`, the window's "Output names"): `{name}-{w}x{h}` makes
 * `IMG_0042-1000x750.jpg`. The template names the file only: the folder tree is still mirrored,
 * and the output format's extension is added unless the name already ends in one that fits.
 *
 * Tokens: {name} the input's name without its picture extension; {ext} that extension as spelled,
 * without the dot (`JPG`, `heic`; empty when there is none); {w} and {h} the output's width and
 * height; {index} the photo's place in the run (1, 2, …; `{index:3}` pads it to 001); {date} the
 * capture date (EXIF DateTimeOriginal, else the file's modification date) as YYYY-MM-DD. `{{` and
 * `}}` write a brace.
 *
 * A template is checked whole before anything runs (parseNameTemplate), so the CLI can exit 2 and
 * the window can say why under the field; the same check guards every process boundary.
 */

/** The tokens a template may use, each with what it stands for (usage text, the window's hint). */
export const NAME_TOKENS = {
  name: "the input's name without its extension",
  ext: "the input's extension, without the dot",
  w: "the output's width",
  h: "the output's height",
  index: "the photo's number in the run (from 1; {index:3} pads to 001)",
  date: 'the capture date, else the file date (YYYY-MM-DD)',
} as const;

/** A token's name. */
export type NameToken = keyof typeof NAME_TOKENS;

/** One piece of a parsed template: literal text or a token (an index may carry a pad width). */
export type TemplatePart =
  { text: string } | { token: Exclude<NameToken, 'index'> } | { token: 'index'; pad: number };

/** A checked template. */
export interface NameTemplate {
  source: string;
  parts: readonly TemplatePart[];
}

/** What the tokens stand for, for one output. */
export interface NameValues {
  name: string;
  ext: string;
  w: number;
  h: number;
  index: number;
  date: string;
}

/** The longest template accepted (a file name is at most 255 bytes anyway). */
export const MAX_TEMPLATE_LENGTH = 200;

const TOKEN_LIST = Object.keys(NAME_TOKENS)
  .map((t) => `{${t}}`)
  .join(', ');

/**
 * Parses and checks a template, or returns why it cannot be used, in words naming the problem:
 * an unknown token, an unmatched brace, a separator or `..` (a name that would leave its folder),
 * or no {name} and no {index} (every photo of a folder would get the same name).
 */
export function parseNameTemplate(source: string): NameTemplate | string {
  if (source.trim() === '') return 'the name template is empty: use {name} to keep the names';
  if (source.length > MAX_TEMPLATE_LENGTH)
    return `the name template is longer than ${MAX_TEMPLATE_LENGTH} characters`;
  if (/[/\\]/.test(source))
    return `the name template "${source}" holds a / or \\: it names the file, and outputs stay in their mirrored folders`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(source))
    return 'the name template holds a control character (a newline or tab, say)';
  const parts: TemplatePart[] = [];
  let text = '';
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if ((c === '{' || c === '}') && source[i + 1] === c) {
      text += c;
      i += 1;
      continue;
    }
    if (c === '}')
      return `the name template "${source}" has a } without its { (write }} for a brace)`;
    if (c !== '{') {
      text += c;
      continue;
    }
    const end = source.indexOf('}', i);
    if (end < 0)
      return `the name template "${source}" has a { without its } (write {{ for a brace)`;
    const part = tokenPart(source.slice(i + 1, end));
    if (typeof part === 'string') return part;
    if (text) parts.push({ text });
    text = '';
    parts.push(part);
    i = end;
  }
  if (text) parts.push({ text });
  const tokens = new Set(parts.flatMap((p) => ('token' in p ? [p.token] : [])));
  if (!tokens.has('name') && !tokens.has('index'))
    return `the name template "${source}" has neither {name} nor {index}, so photos in one folder would get the same name`;
  return { source, parts };
}

function tokenPart(inside: string): TemplatePart | string {
  const [token, pad, ...rest] = inside.split(':');
  if (token === 'index' && pad !== undefined && rest.length === 0) {
    if (!/^[1-9]$/.test(pad))
      return `{index:${pad}} pads to a width from 1 to 9 digits, e.g. {index:3} for 001`;
    return { token: 'index', pad: Number(pad) };
  }
  if (pad === undefined && token !== undefined && token in NAME_TOKENS)
    return token === 'index'
      ? { token: 'index', pad: 0 }
      : { token: token as Exclude<NameToken, 'index'> };
  return `unknown token {${inside}} in the name template: use ${TOKEN_LIST}`;
}

/** Which tokens the template uses (the planner reads sizes or dates only when it must). */
export function tokensOf(template: NameTemplate): ReadonlySet<NameToken> {
  return new Set(template.parts.flatMap((p) => ('token' in p ? [p.token] : [])));
}

/** The file name the template makes from `values` (the output's extension not yet added). */
export function fillNameTemplate(template: NameTemplate, values: NameValues): string {
  return template.parts
    .map((p) => {
      if ('text' in p) return p.text;
      if (p.token === 'index') return String(values.index).padStart(p.pad, '0');
      return String(values[p.token]);
    })
    .join('');
}

/**
 * The name a filled template gives, or why it cannot be a file name: `.`, `..`, or a name a
 * template made of only tokens left empty (`{ext}` of a file without one).
 */
export function filledNameProblem(filled: string): string | null {
  if (filled === '' || filled === '.' || filled === '..')
    return `the name template makes "${filled}", which is not a file name`;
  return null;
}

/** A date as YYYY-MM-DD in the local time zone (EXIF dates carry no zone: they are local). */
export function calendarDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}
