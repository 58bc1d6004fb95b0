import type { Command } from 'commander'
import type { AppContext } from './app-context.ts'

export interface OptionSpec {
  flags: string
  description: string
  default?: string | boolean
}

/** A CLI command described as data; main.ts turns each into a commander command. */
export interface CommandSpec {
  name: string
  /** Positional arguments in commander syntax, e.g. `<lab>` or `[labs...]`. */
  args?: string
  summary: string
  options?: OptionSpec[]
  /** Returns the process exit code. */
  run(app: AppContext, args: string[], options: Record<string, unknown>, command: Command): Promise<number>
}
