/** What sqlcmd does before SQL Server sees a script: `:setvar` lines and `$(name)` substitution. */
export interface SqlcmdResult {
  text: string
  issues: { kind: 'syntax' | 'unsupported'; line: number; message: string }[]
}

const SETVAR = /^[ \t]*:setvar[ \t]+([A-Za-z_][\w]*)(?:[ \t]+("(?:[^"]|"")*"|\S+))?[ \t]*$/i
const COMMAND = /^[ \t]*:([A-Za-z]+)\b/
const VARIABLE = /\$\(([A-Za-z_][\w]*)\)/g

/**
 * Applies sqlcmd's `:setvar name value` and `$(name)` (as SSMS in SQLCMD mode and database projects
 * do). Each command line becomes an empty line, so line numbers stay those of the learner's file.
 * Other sqlcmd commands (`:r`, `:connect`…) are reported as unsupported; an undefined variable is a
 * syntax error, as sqlcmd reports it.
 */
export function applySqlcmd(script: string): SqlcmdResult {
  if (!script.includes(':') && !script.includes('$(')) return { text: script, issues: [] }
  const vars = new Map<string, string>()
  const issues: SqlcmdResult['issues'] = []
  const lines = script.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const setvar = SETVAR.exec(line)
    if (setvar) {
      const raw = setvar[2] ?? ''
      vars.set(setvar[1]!.toLowerCase(), raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw)
      lines[i] = ''
      continue
    }
    const command = COMMAND.exec(line)
    if (command && !/^[ \t]*::/.test(line)) {
      const name = command[1]!.toLowerCase()
      if (name === 'on' || name === 'error') lines[i] = ''
      else {
        issues.push({
          kind: 'unsupported',
          line: i + 1,
          message: `the sqlcmd command :${command[1]}: valid in sqlcmd, but the static grader does not run it`,
        })
        lines[i] = ''
      }
      continue
    }
    if (line.includes('$('))
      lines[i] = line.replace(VARIABLE, (match, name: string) => {
        const value = vars.get(name.toLowerCase())
        if (value !== undefined) return value
        issues.push({
          kind: 'syntax',
          line: i + 1,
          message: `'${name}' scripting variable not defined: add :setvar ${name} <value> before its first use`,
        })
        return match
      })
  }
  return { text: lines.join('\n'), issues }
}
