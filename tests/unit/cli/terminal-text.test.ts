import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { terminalText } from '../../../src/cli/terminal-text.js';
import { tempDir } from '../../helpers/real-photos.js';

// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;

test('harmless text is shown as it is', () => {
  assert.equal(terminalText('/photos/été 2024/IMG_1.jpg'), '/photos/été 2024/IMG_1.jpg');
  assert.equal(terminalText("it's.jpg"), "it's.jpg");
});

test('a name with control characters is quoted exactly as GNU ls quotes it', async () => {
  const name = "a\nb\x1bc\td\x7fe\u009bf'g";
  const dir = await tempDir();
  writeFileSync(path.join(dir, name), '');
  const ls = execFileSync('ls', ['--quoting-style=shell-escape', dir], { encoding: 'utf8' });
  assert.equal(terminalText(name), ls.trimEnd());
  assert.doesNotMatch(terminalText(name), RAW_CONTROLS);
});

test('a forged line and a bidi override stay on one inert line', () => {
  const shown = terminalText('x.jpg\nrun 1 completed: 99 ok\u202e');
  assert.equal(shown, `'x.jpg'$'\\n''run 1 completed: 99 ok'$'\\342\\200\\256'`);
  assert.doesNotMatch(shown, RAW_CONTROLS);
});
