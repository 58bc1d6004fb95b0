export interface Config {
  port: number
  greeting: string
}

/** Reads the configuration from the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    // TODO: GREETING is required: a silent default hides a missing setting in production.
    greeting: env.GREETING ?? 'Hello',
  }
}
