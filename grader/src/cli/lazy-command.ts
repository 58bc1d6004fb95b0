import type { CommandSpec } from './command-spec.ts'

/**
 * A command whose module is imported only when it runs (or for `labs --help`): `labs grade` then
 * never loads what `labs verify` or `labs images` need.
 */
export interface LazyCommand {
  name: string
  load(): Promise<CommandSpec>
}

/** An entry of main.ts's COMMANDS list: a spec, or a lazily loaded one. */
export type CommandEntry = CommandSpec | LazyCommand

/**
 * `lazyCommand('grade', () => import('./commands/grade-command.ts'))`: the module's exported
 * CommandSpec named `grade` is loaded when needed.
 */
export function lazyCommand(name: string, importer: () => Promise<Record<string, unknown>>): LazyCommand {
  return {
    name,
    async load() {
      const mod = await importer()
      const spec = Object.values(mod).find(
        (v): v is CommandSpec => typeof v === 'object' && v !== null && (v as CommandSpec).name === name,
      )
      if (!spec) throw new Error(`the module of command "${name}" exports no CommandSpec named "${name}"`)
      return spec
    },
  }
}

const isLazy = (entry: CommandEntry): entry is LazyCommand => !('run' in entry)

/**
 * The specs commander needs for `argv`: only the named command's when argv names one (the fast path),
 * every command's otherwise (help, a typo to suggest a fix for).
 */
export async function specsFor(entries: CommandEntry[], argv: string[]): Promise<CommandSpec[]> {
  const named = entries.filter((e) => e.name === argv[0])
  const chosen = named.length > 0 ? named : entries
  return Promise.all(chosen.map((e) => (isLazy(e) ? e.load() : e)))
}
