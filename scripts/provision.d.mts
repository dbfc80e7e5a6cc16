// Types for scripts/provision.mjs.
export type Tool = 'chromium' | 'numpy' | 'jupyter' | 'gcc'
export declare const TOOLS: Record<Tool, { apt: string[]; why: string }>
export declare function planProvisioning(state: {
  missing: Tool[]
  explicitChromiumMissing?: string | null
  canApt: boolean
  aptAvailable: boolean
}): { apt: string[]; playwrightInstall: boolean; stop: string | null }
export declare function manualLine(tools: Tool[], aptAvailable: boolean): string
export declare function provision(): number
