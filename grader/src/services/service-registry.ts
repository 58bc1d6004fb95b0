import { EnvironmentError, type ServiceName } from '@backend-labs/lab-kit'
import { gitService } from './git-service.ts'
import type { ServiceProvider } from './service-provider.ts'

const providers = new Map<ServiceName, ServiceProvider>([[gitService.name, gitService]])

/** Adds a provider (a new track adds its service provider here, and nothing else). */
export function registerService(provider: ServiceProvider): void {
  providers.set(provider.name, provider)
}

export function serviceProvider(name: ServiceName): ServiceProvider {
  const provider = providers.get(name)
  if (!provider) {
    throw new EnvironmentError(`the "${name}" service is not available in this version of the grader`)
  }
  return provider
}
