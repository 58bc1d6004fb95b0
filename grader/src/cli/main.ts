import { BadInputError, EnvironmentError, ExitCode } from '@backend-labs/lab-kit'
import { Command, CommanderError } from 'commander'
import pc from 'picocolors'
import { releaseProcessResources } from '../engine/process-resources.ts'
import { sweepTempDirs } from '../engine/temp-dirs.ts'
import { AppContext } from './app-context.ts'
import type { CommandSpec } from './command-spec.ts'
import { type CommandEntry, lazyCommand, specsFor } from './lazy-command.ts'
import { applyTestcontainersDefaults } from './testcontainers-env.ts'
import { TOOL } from './tool-info.ts'

/**
 * Every command, in `labs --help` order: a CommandSpec, or `lazyCommand(name, () => import(…))` so that
 * running one command loads only its own modules (the built CLI starts faster).
 */
export const COMMANDS: CommandEntry[] = [
  lazyCommand('list', () => import('./commands/list-command.ts')),
  lazyCommand('start', () => import('./commands/start-command.ts')),
  lazyCommand('grade', () => import('./commands/grade-command.ts')),
  lazyCommand('watch', () => import('./commands/watch-command.ts')),
  lazyCommand('dashboard', () => import('./commands/dashboard-command.ts')),
  lazyCommand('report', () => import('./commands/report-command.ts')),
  lazyCommand('submit', () => import('./commands/submit-command.ts')),
  lazyCommand('reset', () => import('./commands/reset-command.ts')),
  lazyCommand('verify', () => import('./commands/verify-command.ts')),
  lazyCommand('conformance', () => import('./commands/conformance-command.ts')),
  lazyCommand('doctor', () => import('./commands/doctor-command.ts')),
  lazyCommand('images', () => import('./commands/images-command.ts')),
  lazyCommand('clean', () => import('./commands/clean-command.ts')),
  lazyCommand('grade-batch', () => import('./commands/grade-batch-command.ts')),
  lazyCommand('merge-results', () => import('./commands/merge-results-command.ts')),
  lazyCommand('regrade', () => import('./commands/regrade-command.ts')),
  lazyCommand('seal', () => import('./commands/seal-command.ts')),
  lazyCommand('export-template', () => import('./commands/export-template-command.ts')),
]

/** Reports an error for a person and returns its exit code. */
export function reportError(app: AppContext, error: unknown): number {
  if (error instanceof BadInputError || error instanceof EnvironmentError) {
    app.err(`${pc.red('error:')} ${error.message}\n`)
    if (error.hint) app.err(`${pc.cyan('what to do:')} ${error.hint}\n`)
    return error.exitCode
  }
  app.err(`${pc.red('internal error:')} ${(error as Error)?.message ?? String(error)}\n`)
  app.err('This is a bug in the grader, not in your work. Please report it with the command you ran.\n')
  if (process.env.LABS_DEBUG) app.err(`${(error as Error)?.stack}\n`)
  return ExitCode.internal
}

export async function runCli(argv: string[], app = new AppContext()): Promise<number> {
  let exitCode = 0
  const addCommand = (program: Command, spec: CommandSpec) => {
    const cmd = program.command(spec.args ? `${spec.name} ${spec.args}` : spec.name).description(spec.summary)
    for (const o of spec.options ?? []) cmd.option(o.flags, o.description, o.default as string)
    cmd.action(async (...params: unknown[]) => {
      const command = params.at(-1) as Command
      const options = command.opts()
      const args = params
        .slice(0, -2)
        .flatMap((p) => (Array.isArray(p) ? p : p === undefined ? [] : [String(p)]))
      exitCode = await spec.run(app, args, options, command)
    })
  }
  const program = new Command('labs')
    .description('Backend Labs: hands-on labs for back-end developers, graded locally')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => app.out(s),
      writeErr: (s) => app.err(s),
      outputError: (s, write) => write(`${pc.red(s.trim())}\nRun \`labs --help\` for usage.\n`),
    })
    .showSuggestionAfterError()
  try {
    for (const spec of await specsFor(COMMANDS, argv)) addCommand(program, spec)
    await sweepTempDirs()
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0
      return ExitCode.badInput
    }
    return reportError(app, error)
  }
}

const isMain =
  process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\/grader\//, '/grader/'))
/**
 * Releases shared resources (containers, servers) when interrupted, then exits 130 / 143.
 * The handlers stay installed (`on`, not `once`): libraries that use signal-exit re-raise a signal
 * when they see no other listener, which would kill the process before the clean-up ends.
 */
export function installSignalHandlers(): void {
  let exiting = false
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (exiting) return
      exiting = true
      process.stderr.write(`\n${signal}: cleaning up…\n`)
      void releaseProcessResources().finally(() => process.exit(code))
    })
  }
}

/** `labs list | head` closes the pipe early: stop quietly instead of crashing with EPIPE. */
export function exitQuietlyOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      void releaseProcessResources().finally(() => process.exit(process.exitCode ?? 0))
    })
  }
}

if (isMain) {
  applyTestcontainersDefaults()
  installSignalHandlers()
  exitQuietlyOnBrokenPipe()
  runCli(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code
    })
    .finally(() => releaseProcessResources())
}
