import type Docker from 'dockerode'
import { DockerEngineSilentError } from './engine-answer-deadline.ts'
import type { TrackedResource } from './run-registry.ts'

/**
 * Removes one resource; containers are killed and removed with their anonymous volumes. An image is
 * removed alone (`noprune`): its untagged parents may be layers a running build just took from the
 * cache.
 */
export async function removeResource(
  docker: Docker,
  resource: TrackedResource,
  endpointNames: readonly string[] = [],
  /** The names are guesses (a sweep's, up to {@link RUN_CONTAINER_NAMES}): disconnect them once, not on every try. */
  namesOnce = false,
): Promise<void> {
  switch (resource.kind) {
    case 'container':
      return removeContainer(docker, resource.id)
    case 'network':
      return removeNetwork(docker, resource.id, endpointNames, namesOnce)
    case 'volume':
      return docker.getVolume(resource.id).remove()
    case 'image':
      return docker.getImage(resource.id).remove({ force: true, noprune: true })
  }
}

const REMOVAL_TRIES = 5

/**
 * Removes a container, forcefully. A busy engine can fail a removal for a while (a kill it did not
 * see end yet, a removal already under way): it is tried again, with a growing pause. Gone is done.
 */
async function removeContainer(docker: Docker, id: string): Promise<void> {
  const container = docker.getContainer(id)
  for (let attempt = 1; ; attempt++) {
    try {
      await container.remove({ force: true, v: true })
      return
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return
      // an engine that stopped answering will not answer a retry either
      if (attempt >= REMOVAL_TRIES || error instanceof DockerEngineSilentError) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt))
  }
}

const NETWORK_REMOVAL_TRIES = 8
const DISCONNECTS_AT_ONCE = 16

/**
 * Removes a network. The engine can still count an endpoint of a container it has just removed
 * ("has active endpoints", a known moby race), so the removal disconnects whatever the network still
 * lists, forcefully, and tries again, with a growing pause, before it gives up. A stale endpoint is
 * not listed at all (`network inspect` shows no container); a forced disconnect by the name of a
 * container the engine no longer has deletes the endpoint of that name, so every name in
 * `endpointNames` (the containers the run made) is disconnected too.
 */
async function removeNetwork(
  docker: Docker,
  id: string,
  endpointNames: readonly string[],
  namesOnce: boolean,
): Promise<void> {
  const network = docker.getNetwork(id)
  for (let attempt = 1; ; attempt++) {
    try {
      await network.remove()
      return
    } catch (error) {
      const message = (error as Error).message ?? ''
      if (attempt >= NETWORK_REMOVAL_TRIES || !/active endpoints/i.test(message)) throw error
    }
    const info = (await network.inspect().catch(() => undefined)) as
      | { Containers?: Record<string, unknown> }
      | undefined
    const holders = [
      ...Object.keys(info?.Containers ?? {}),
      ...(attempt === 1 || !namesOnce ? endpointNames : []),
    ]
    for (let i = 0; i < holders.length; i += DISCONNECTS_AT_ONCE)
      await Promise.all(
        holders
          .slice(i, i + DISCONNECTS_AT_ONCE)
          .map((container) => network.disconnect({ Container: container, Force: true }).catch(() => {})),
      )
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
  }
}
