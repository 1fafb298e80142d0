// Types of ensure-browser.mjs (plain JavaScript, so that Node runs it before anything is built).
export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface BrowserSystem {
  env: Record<string, string | undefined>;
  isRoot: boolean;
  isExecutable(file: string): boolean;
  run(command: string, args: string[]): RunResult;
  out(line: string): void;
  err(line: string): void;
}

export declare const DEBIAN_CHROMIUM: readonly string[];
export declare const APT_STEPS: readonly (readonly string[])[];
export declare function isExecutableFile(file: string): boolean;
export declare function findChromium(
  env?: Record<string, string | undefined>,
  isExecutable?: (file: string) => boolean,
): { path: string } | { path: null; problem: string };
export declare function chromiumPath(env?: Record<string, string | undefined>, isExecutable?: (file: string) => boolean): string;
export declare function ensureBrowser(system: BrowserSystem): number;
export declare function processSystem(): BrowserSystem;
