import { EnvironmentError, type ServiceName } from '@backend-labs/lab-kit'
import { gitService } from './git-service.ts'
import type { ServiceProvider } from './service-provider.ts'

type LoadProvider = () => Promise<ServiceProvider>

/**
 * Providers by service name, loaded on first use: the container-based ones pull in the container
 * layer, which labs without containers never need to load.
 */
const providers = new Map<ServiceName, LoadProvider>([
  ['git', async () => gitService],
  ['git-server', async () => (await import('./git-server-service.ts')).gitServerService],
  ['sql', async () => (await import('./sql-service.ts')).sqlService],
  ['docker', async () => (await import('./docker-service.ts')).dockerService],
])

/** Adds a provider (a new track adds its service provider here, and nothing else). */
export function registerService(name: ServiceName, load: LoadProvider): void {
  providers.set(name, load)
}

export async function serviceProvider(name: ServiceName): Promise<ServiceProvider> {
  const load = providers.get(name)
  if (!load) {
    throw new EnvironmentError(`the "${name}" service is not available in this version of the grader`)
  }
  return load()
}
