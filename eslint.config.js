// Lint, including the layering rule: the folder a file is in says what it may import
// (VS Code's `local/code-layering`, done with no-restricted-imports per folder).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electron = {
  name: 'electron',
  message: 'Only src/main and src/preload may import electron.',
};
// The image library runs only in worker processes: never in Electron main, the web shell's event
// loop or the engine (their versions travel in the worker's `ready` message).
const sharp = {
  name: 'sharp',
  message: 'Only src/worker may import sharp (image work runs in worker processes).',
};
// The queue's libraries stay behind the queue dispatcher (one folder knows Redis exists).
const queueLibraries = ['bullmq', 'ioredis'].map((name) => ({
  name,
  message: `Only src/engine/queue may import ${name} (the queue is one dispatcher among others).`,
}));
const folders = (...names) =>
  names.flatMap((n) => [`**/${n}/**`, `../${n}/*`, `../../${n}/*`, `../${n}`, `../../${n}`]);
const layer = (files, forbiddenFolders, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [electron, sharp, ...queueLibraries, ...extra],
        patterns: forbiddenFolders.length
          ? [
              {
                group: folders(...forbiddenFolders),
                message: `This folder may not import from ${forbiddenFolders.join(', ')}.`,
              },
            ]
          : [],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.bench-data/**',
      'test-results/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // src/shared: pure TypeScript, imports no other project folder and no Node built-ins.
  {
    ...layer(
      ['src/shared/**'],
      ['engine', 'worker', 'media', 'db', 'cli', 'web', 'main', 'preload', 'renderer'],
    ),
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, sharp, ...queueLibraries],
          patterns: [
            {
              group: ['node:*'],
              message: 'src/shared runs everywhere, including the renderer: no Node built-ins.',
            },
            {
              group: folders(
                'engine',
                'worker',
                'media',
                'db',
                'cli',
                'web',
                'main',
                'preload',
                'renderer',
              ),
              message: 'src/shared imports no other project folder.',
            },
          ],
        },
      ],
    },
  },
  // src/media: pure rules about image bytes and names, shared by the engine and the worker.
  layer(['src/media/**'], ['engine', 'worker', 'db', 'cli', 'web', 'main', 'preload', 'renderer']),
  // src/worker: the only folder that may import sharp.
  {
    files: ['src/worker/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...queueLibraries],
          patterns: [
            {
              group: folders('engine', 'db', 'cli', 'web', 'main', 'preload', 'renderer'),
              message:
                'This folder may not import from engine, db, cli, web, main, preload, renderer.',
            },
          ],
        },
      ],
    },
  },
  layer(['src/db/**'], ['engine', 'worker', 'cli', 'web', 'main', 'preload', 'renderer']),
  layer(['src/engine/**'], ['worker', 'cli', 'web', 'main', 'preload', 'renderer']),
  // src/engine/queue: the engine's rules, but BullMQ and ioredis allowed.
  {
    files: ['src/engine/queue/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, sharp],
          patterns: [
            {
              group: folders('worker', 'cli', 'web', 'main', 'preload', 'renderer'),
              message: 'This folder may not import from worker, cli, web, main, preload, renderer.',
            },
          ],
        },
      ],
    },
  },
  // The CLI hosts the web shell (`photobatch serve`), so it may import src/web; never the reverse.
  layer(['src/cli/**'], ['main', 'preload', 'renderer', 'worker']),
  layer(['src/web/**'], ['cli', 'main', 'preload', 'renderer', 'worker']),
  // The Electron shell: may import electron, never the renderer.
  {
    files: ['src/main/**', 'src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [sharp, ...queueLibraries],
          patterns: [
            {
              group: folders('renderer', 'cli', 'web'),
              message: 'The Electron shell does not import the renderer or other shells.',
            },
          ],
        },
      ],
    },
  },
  // The renderer: DOM only; talks to the engine through the contract client alone.
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, sharp, ...queueLibraries],
          patterns: [
            {
              group: ['node:*'],
              message: 'The renderer runs in a sandboxed page: no Node built-ins.',
            },
            {
              group: folders('engine', 'worker', 'db', 'cli', 'web', 'main', 'preload'),
              message: 'The renderer only knows src/shared and its own client.',
            },
          ],
        },
      ],
    },
  },
);
