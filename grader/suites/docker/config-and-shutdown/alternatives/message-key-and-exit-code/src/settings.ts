import { write } from './log.ts'

const REQUIRED = ['GREETING'] as const

/** Every required setting, or a fatal log line per missing one and exit code 78 (EX_CONFIG). */
export function settings(): { port: number; greeting: string } {
  const missing = REQUIRED.filter((name) => !process.env[name])
  for (const name of missing) write('fatal', `${name} is not set`, { setting: name })
  if (missing.length > 0) process.exit(78)
  return { port: Number(process.env.PORT) || 3000, greeting: process.env.GREETING ?? '' }
}
