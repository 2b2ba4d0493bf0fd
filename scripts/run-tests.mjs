#!/usr/bin/env node
// Runs the test files under tests/ (unit, integration, e2e) with node's test runner and tsx.
// Node 20's runner takes no globs, so the files are listed here. Usage: node scripts/run-tests.mjs [folder…]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const kinds = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['tests/unit', 'tests/integration', 'tests/e2e'];
const files = kinds.flatMap((dir) => {
  try {
    return readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
});
files.sort();
if (files.length === 0) {
  console.error(`no test files under ${kinds.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=2',
    '--test-timeout=180000',
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
