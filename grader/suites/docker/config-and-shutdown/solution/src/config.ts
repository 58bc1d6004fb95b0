export interface Config {
  port: number
  greeting: string
}

/** A setting that is missing or invalid; `variable` names it. */
export class ConfigError extends Error {
  // Node runs .ts files by stripping types: no parameter properties, enums or namespaces.
  readonly variable: string

  constructor(variable: string, message: string) {
    super(message)
    this.variable = variable
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim()
  if (!value) throw new ConfigError(name, `missing required environment variable ${name}`)
  return value
}

/** Reads the configuration from the environment; a missing or invalid setting is a ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', `PORT must be a port number, got "${env.PORT}"`)
  }
  return { port, greeting: required(env, 'GREETING') }
}
