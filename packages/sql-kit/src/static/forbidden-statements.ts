import type { TokenCursor } from './token-cursor.ts'

const WHY = 'the grader runs your script in a database of its own, with no server-level rights'

const SERVER_PROCEDURES = new Set([
  'xp_cmdshell',
  'sp_configure',
  'sp_addsrvrolemember',
  'sp_addlogin',
  'sp_droplogin',
  'sp_password',
  'sp_addlinkedserver',
  'sp_detach_db',
  'sp_attach_db',
])

/**
 * Statements a lab script may not contain, because they reach outside the learner's own database.
 * Returns the learner-facing reason, or undefined if the statement at the cursor is fine.
 */
export function forbiddenStatement(cur: TokenCursor): string | undefined {
  const word = (offset: number) => {
    const t = cur.peek(offset)
    return t?.kind === 'word' ? t.upper : ''
  }
  const first = word(0)
  const second = word(1)
  const secondIsCreateOrAlter = first === 'CREATE' && second === 'OR' ? word(3) : second
  const statement = `${first} ${secondIsCreateOrAlter}`.trim()
  if (first === 'USE') {
    const db = cur.peek(1)?.value ?? ''
    return `"USE ${db}" is not allowed: ${WHY}; remove this line and create your objects where the script runs`
  }
  if (['SHUTDOWN', 'KILL', 'RECONFIGURE', 'BACKUP', 'RESTORE', 'DBCC'].includes(first))
    return `"${first}" is not allowed in a lab script: ${WHY}; remove this statement`
  if (['CREATE', 'ALTER', 'DROP'].includes(first)) {
    if (['DATABASE', 'LOGIN', 'SERVER', 'ENDPOINT', 'CREDENTIAL'].includes(secondIsCreateOrAlter))
      return `"${statement}" is not allowed in a lab script: ${WHY}; remove this statement`
  }
  if (first === 'EXEC' || first === 'EXECUTE') {
    const name = procedureName(cur)
    if (name && (SERVER_PROCEDURES.has(name) || name.startsWith('xp_')))
      return `calling ${name} is not allowed in a lab script: ${WHY}; remove this statement`
  }
  return undefined
}

/** The last part of the procedure name after EXEC (`master.dbo.xp_cmdshell` → `xp_cmdshell`). */
function procedureName(cur: TokenCursor): string | undefined {
  let i = 1
  if (cur.peek(i)?.kind === 'variable' && cur.isSymbol('=', i + 1)) i += 2
  let name: string | undefined
  for (;;) {
    const t = cur.peek(i)
    if (t?.kind !== 'word' && t?.kind !== 'ident') break
    name = t.value.toLowerCase()
    if (!cur.isSymbol('.', i + 1)) break
    i += 2
    while (cur.isSymbol('.', i)) i++
  }
  return name
}
