// Types of scripts/electron-native.mjs, for the tests that import it.
export declare const PROJECT_ROOT: string;
export declare function nativeFolder(base: string, abi: string): string;
export declare function electronTarget(root?: string): Promise<{ version: string; abi: string }>;
export interface NativeManifest {
  electron: string;
  abi: string;
  module: string;
  moduleVersion: string;
  platform: string;
  arch: string;
}
export declare function expectedManifest(root?: string): Promise<NativeManifest>;
export declare function staleReason(root?: string): Promise<string | null>;
export declare function stageModule(root: string, stage: string): Promise<string>;
export declare function buildForElectron(root?: string): Promise<string>;
