// Types for scripts/start.mjs.
export declare function cannotStartLine(reason: string): string
export declare function ensureElectron(
  packageDir?: string,
  io?: { log(line: string): void; error(line: string): void }
): Promise<boolean>
