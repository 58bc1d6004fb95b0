export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** One JSON object per line on stdout: what log collectors parse without guessing. */
export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`)
}
