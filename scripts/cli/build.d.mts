// Types of build.mjs, for the TypeScript that calls it (tests and benchmarks).
export declare const OUT_DIR: string;

export interface BuiltCli {
  /** dist/cli/huntboard.cjs */
  bundle: string;
  /** dist/cli/kusto.blob, when Node could make a startup snapshot of the Kusto parser. */
  snapshot: string | undefined;
}

export declare function ensureCliBuilt(options?: {
  force?: boolean;
  log?: (line: string) => void;
}): Promise<BuiltCli>;
