import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DockerEndpoint } from '../docker-endpoint.ts'

/** A Docker API stand-in on a unix socket, and how to stop it. */
export interface StandInEngine {
  endpoint: DockerEndpoint
  socketPath: string
  close(): Promise<void>
}

/**
 * An engine that accepts connections and answers as `handle` says. A wedged dockerd accepts and
 * never answers, which is what the default `handle` (doing nothing) stands for.
 */
export async function standInEngine(
  handle: (path: string, res: ServerResponse) => void = () => {},
): Promise<StandInEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'stand-in-engine-'))
  const socketPath = join(dir, 'docker.sock')
  const server = createServer((req, res) => handle(req.url ?? '', res))
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  return {
    endpoint: { source: 'socket', address: `unix://${socketPath}`, socketPath, flavour: 'docker' },
    socketPath,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
