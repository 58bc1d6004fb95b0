// Creates a network and a container through a RunRegistry, prints their ids, then hangs until killed.

import { hardenedCreateOptions } from '../hardened-run-options.ts'
import { RunRegistry } from '../run-registry.ts'
import { TEST_BASE_IMAGE, testDocker } from './docker-test-env.ts'

const registry = new RunRegistry(testDocker(), process.argv[2])
const network = await registry.createNetwork()
const container = await registry.createContainer(
  hardenedCreateOptions({
    image: TEST_BASE_IMAGE,
    cmd: ['sleep', '1000'],
    networkName: `backend-labs-${registry.runId}-net`,
  }),
)
await container.start()
process.stdout.write(`${JSON.stringify({ network: network.id, container: container.id })}\n`)
setInterval(() => {}, 1000)
