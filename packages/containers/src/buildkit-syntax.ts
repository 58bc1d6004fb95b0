import { CheckFailure } from '@backend-labs/lab-kit'
import { parseDockerfile } from './dockerfile-text.ts'

/** Why BuildKit-only syntax is rewritten, or refused, before a build; shown when it is refused. */
export const CLASSIC_BUILDER_REASON =
  "the grader builds with Docker's classic builder, because only that one can be held to a process, memory and time limit per build on Docker 20.10 (BuildKit ignores a per-build cgroup)"

/**
 * BuildKit syntax the classic builder does not know, made to work where its meaning can be kept:
 * `RUN --mount=type=cache,target=DIR cmd` becomes `cmd` run with DIR fresh and removed afterwards
 * (a cache mount never ends up in the image either). Other BuildKit-only flags and heredocs are a
 * learner-facing failure that names the cause and the fix. Line numbers are kept (an instruction
 * rewritten onto one line is padded with blank lines), so `Dockerfile:N` stays the learner's.
 */
export function rewriteBuildKitSyntax(source: string, dockerfileName: string): string {
  const lines = source.split(/\r?\n/)
  for (const ins of parseDockerfile(source)) {
    const words = ins.text.split(' ')
    if (/<<-?["']?[A-Za-z_]/.test(ins.text) && ['RUN', 'COPY'].includes(ins.keyword))
      throw refused(
        dockerfileName,
        ins.line,
        'a heredoc (`<<EOF`)',
        'Write the commands on the RUN line, joined with `&&`.',
      )
    const firstArg = words.slice(1).findIndex((w) => !w.startsWith('--'))
    const flags = words.slice(1, firstArg < 0 ? undefined : 1 + firstArg)
    if (ins.keyword === 'COPY' && flags.some((f) => f.startsWith('--link')))
      throw refused(
        dockerfileName,
        ins.line,
        '`COPY --link`',
        'Leave out `--link`; the copy works the same without it.',
      )
    if (ins.keyword !== 'RUN' || flags.length === 0) continue
    const targets: string[] = []
    for (const flag of flags) {
      const mount = /^--mount=(.*)$/.exec(flag)
      const fields = new Map(
        (mount?.[1] ?? '').split(',').map((kv) => [kv.split('=')[0] ?? '', kv.split('=').slice(1).join('=')]),
      )
      const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination')
      if (mount && (fields.get('type') ?? 'bind') === 'cache' && target) targets.push(target)
      else
        throw refused(
          dockerfileName,
          ins.line,
          mount ? `\`RUN --mount=type=${fields.get('type') ?? 'bind'}\`` : `\`RUN ${flag.split('=')[0]}\``,
          'Only `--mount=type=cache,target=...` is supported here: COPY the files you need instead of a bind mount, and pass no secrets to the build.',
        )
    }
    const command = words.slice(1 + flags.length).join(' ')
    const shellCommand = command.startsWith('[') ? execFormToShell(command) : command
    const quoted = targets.map((t) => `'${t.replace(/'/g, `'\\''`)}'`).join(' ')
    const rewritten = `RUN mkdir -p ${quoted} && { ${shellCommand} ; }; status=$?; rm -rf ${quoted}; exit $status`
    const span = lastLine(lines, ins.line) - ins.line + 1
    lines.splice(ins.line - 1, span, rewritten, ...Array<string>(span - 1).fill(''))
  }
  return lines.join('\n')
}

function execFormToShell(json: string): string {
  try {
    const argv = JSON.parse(json) as unknown
    if (Array.isArray(argv) && argv.every((a) => typeof a === 'string'))
      return argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  } catch {}
  return json
}

function lastLine(lines: string[], first: number): number {
  let n = first
  while ((lines[n - 1] ?? '').trim().endsWith('\\') && n < lines.length) n++
  return n
}

function refused(dockerfileName: string, line: number, what: string, fix: string): CheckFailure {
  return new CheckFailure({
    expected: 'Dockerfile instructions the classic builder understands',
    found: `${what}, which needs BuildKit: ${CLASSIC_BUILDER_REASON}`,
    where: `${dockerfileName}:${line}`,
    hint: fix,
  })
}
