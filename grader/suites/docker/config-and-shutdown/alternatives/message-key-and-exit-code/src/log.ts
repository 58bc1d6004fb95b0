type Level = 'info' | 'warn' | 'error' | 'fatal'

export function write(level: Level, message: string, extra?: object): void {
  console.log(JSON.stringify({ level, message, ...extra, ts: Date.now() }))
}
