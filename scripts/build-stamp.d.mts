// Types for build-stamp.mjs, for its unit test and the tests that build the server first.
export type TargetName = 'server' | 'web' | 'crowd';

export declare const ROOT: string;
export declare const TARGETS: Record<
  TargetName,
  { inputs: string[]; output: string; command: string[] }
>;
export declare function fingerprint(inputs: string[], root?: string): string;
export declare function staleTargets(options: {
  names: TargetName[];
  fingerprints: Partial<Record<TargetName, string>>;
  stamp: Partial<Record<TargetName, string>> | undefined;
  outputExists: (name: TargetName) => boolean;
}): TargetName[];
export declare function buildStale(
  names: TargetName[],
  options?: { force?: boolean },
): TargetName[];
