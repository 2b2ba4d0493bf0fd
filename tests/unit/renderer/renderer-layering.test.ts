// STYLE.md §7: features do not import each other (VS Code's `contrib` rule); shared pieces live in
// `common/`, and only `app/` (the composition root) puts features together. Lint cannot express
// "sibling folder" cheaply, so this test reads the imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const rendererSrc = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src/renderer/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ]
    .map((m) => m[1] ?? m[2]!)
    .filter((s) => s.startsWith('.'));
}

test('a feature imports only common/, client/, src/shared and itself', () => {
  const problems: string[] = [];
  for (const file of sourceFiles(join(rendererSrc, 'features'))) {
    const feature = relative(join(rendererSrc, 'features'), file).split(sep)[0]!;
    for (const spec of importsOf(file)) {
      const target = relative(rendererSrc, resolve(dirname(file), spec));
      const parts = target.split(sep);
      if (parts[0] === 'features' && parts[1] !== feature)
        problems.push(`${relative(rendererSrc, file)} imports ${spec}`);
      if (parts[0] === 'app')
        problems.push(`${relative(rendererSrc, file)} imports the app shell (${spec})`);
    }
  }
  assert.deepEqual(problems, []);
});

test('common/ imports no feature and not the app shell', () => {
  const problems: string[] = [];
  for (const file of sourceFiles(join(rendererSrc, 'common'))) {
    for (const spec of importsOf(file)) {
      const top = relative(rendererSrc, resolve(dirname(file), spec)).split(sep)[0];
      if (top === 'features' || top === 'app')
        problems.push(`${relative(rendererSrc, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(problems, []);
});
