import type { TokenCursor } from './token-cursor.ts'

// biome-ignore format: a word list reads best packed
const STATEMENT_STARTS = new Set([
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE', 'ALTER', 'DROP', 'IF', 'BEGIN', 'END', 'ELSE',
  'SET', 'PRINT', 'EXEC', 'EXECUTE', 'DECLARE', 'USE', 'GRANT', 'REVOKE', 'DENY', 'TRUNCATE', 'WHILE',
  'RETURN', 'GOTO', 'WAITFOR', 'RAISERROR', 'THROW', 'COMMIT', 'ROLLBACK', 'SAVE', 'BACKUP', 'RESTORE',
  'SHUTDOWN', 'KILL', 'DBCC', 'RECONFIGURE', 'BREAK', 'CONTINUE', 'OPEN', 'CLOSE', 'FETCH', 'DEALLOCATE',
  'BULK', 'ENABLE', 'DISABLE', 'CHECKPOINT',
])

/** Whether the cursor is at a word that begins a new statement (T-SQL does not require `;`). */
export function isStatementStart(cur: TokenCursor, offset = 0): boolean {
  const t = cur.peek(offset)
  return t?.kind === 'word' && STATEMENT_STARTS.has(t.upper)
}

/** Skips an IF/WHILE condition: everything up to the first statement keyword outside parentheses. */
export function skipCondition(cur: TokenCursor, keyword: string) {
  const from = cur.pos
  while (!cur.atEnd() && !isStatementStart(cur)) {
    if (cur.isSymbol('(')) cur.group(`in the ${keyword} condition`)
    else cur.next()
  }
  if (from === cur.pos) cur.fail(`a condition after ${keyword}`)
  if (cur.atEnd()) cur.fail(`a statement after the ${keyword} condition`)
  return cur.tokens.slice(from, cur.pos)
}

/**
 * Skips the rest of a statement the model does not need: up to `;` or the next statement keyword
 * outside parentheses and CASE … END.
 */
export function skipStatement(cur: TokenCursor, started = false): void {
  if (!started) cur.next()
  let cases = 0
  while (!cur.atEnd() && !cur.isSymbol(';')) {
    if (cur.isSymbol('(')) {
      cur.group('')
      continue
    }
    if (cur.isWord('CASE')) cases++
    else if (cur.isWord('END') && cases > 0) cases--
    else if (cases === 0 && isStatementStart(cur)) return
    cur.next()
  }
}
