// Option parsing: node:util parseArgs for the shape, small strict parsers for the values. Every
// failure is a UsageError naming the option and what it accepts.
import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'
import { UsageError } from './errors'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export function parseCommandArgs(
  command: string,
  args: string[],
  options: OptionSpec
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: true })
    return {
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals
    }
  } catch (error) {
    const code = (error as { code?: string }).code
    const message = error instanceof Error ? error.message : String(error)
    const option = /'(-[-\w]*)/.exec(message)?.[1] ?? 'an option'
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(
        `unknown option ${option} for "${command}" (see nn-lab ${command} --help).`
      )
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      if (/does not take an argument/.test(message)) {
        throw new UsageError(`option ${option} takes no value.`)
      }
      if (/ambiguous/.test(message)) {
        throw new UsageError(
          `option ${option} needs a value; write ${option}=-X for a value starting with "-".`
        )
      }
      throw new UsageError(`option ${option} needs a value.`)
    }
    throw new UsageError(message)
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** A finite decimal number (no hex, no empty string, no "Infinity"). */
export function parseNumber(option: string, text: string): number {
  const value = Number(text)
  if (!NUMBER.test(text.trim()) || !Number.isFinite(value)) {
    throw new UsageError(`--${option} must be a number, not "${text}".`)
  }
  return value
}

export function parseWholeNumber(option: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!/^\+?\d+$/.test(text.trim()) || value < min || value > max) {
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, not "${text}".`)
  }
  return value
}

/** A number above 0 and at most `max`. */
export function parsePositiveNumber(option: string, text: string, max: number): number {
  const value = parseNumber(option, text)
  if (!(value > 0 && value <= max)) {
    throw new UsageError(`--${option} must be greater than 0 and at most ${max}, not ${text}.`)
  }
  return value
}

export function parseChoice<T extends string>(
  option: string,
  text: string,
  choices: readonly T[]
): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${option} must be one of ${choices.join(', ')}; "${text}" is not.`)
  }
  return text as T
}

/** `2,16,8,1` → [2, 16, 8, 1]; the engine then checks the sizes themselves. */
export function parseLayers(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.length < 2 || parts.some((p) => !/^\d+$/.test(p))) {
    throw new UsageError(
      `--layers must be whole numbers separated by commas, like 2,16,8,1, not "${text}".`
    )
  }
  return parts.map(Number)
}
