// Types for scripts/security-check.mjs.
export interface SecurityIssue {
  id: string
  severity: string
  severityValue: number
  confidence: string
  file: string
  line: number
  column: number
  description: string
  manualReview: boolean
  url: string
}
export declare const EXCLUDED_CHECKS: string[]
export declare const FAILING_SEVERITY: number
export declare function scan(input: string): Promise<{
  checks: number
  errors: { file: string; message: string; tolerable: boolean }[]
  issues: SecurityIssue[]
}>
export declare function formatTable(issues: SecurityIssue[]): string
