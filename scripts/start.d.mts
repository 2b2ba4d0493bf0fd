// Types of scripts/start.mjs, for the tests that import it.
export declare function installedElectron(dir?: string): string | null;
