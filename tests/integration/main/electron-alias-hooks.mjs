// Module hooks for the main-process tests: `electron` resolves to the fake, never to the npm
// package (whose index.js would try to download Electron's binary).
const FAKE = new URL('./fake-electron.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: FAKE, shortCircuit: true };
  return nextResolve(specifier, context);
}
