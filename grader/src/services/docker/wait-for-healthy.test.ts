import { ContainerFailure } from '@backend-labs/containers'
import type { RunningApp } from '@backend-labs/http-kit'
import { describe, expect, it } from 'vitest'
import { waitForHealthy } from '../../../../labs/docker/api-with-database/notes-api.ts'

/** An app whose container has stopped: nothing answers on its URL (port 1 on loopback refuses). */
function stoppedApp(exitCode: number): RunningApp {
  return {
    url: 'http://127.0.0.1:1',
    networkUrl: 'http://fake:3000',
    containerId: 'fake',
    logs: async () => '',
    stop: async () => ({ durationMs: 0, exitCode, killed: false }),
    restart: async () => {},
    pause: async () => {},
    unpause: async () => {},
    health: async () => 'none',
    exec: async () => ({ exitCode: 0, stdout: '', stderr: '' }),
    exitState: async () => ({
      exitCode,
      oomKilled: false,
      logs: ['Error: Connection terminated unexpectedly'],
    }),
  }
}

describe('waitForHealthy', () => {
  it('reports a crashed app as stopped, with its exit code, not as slow', async () => {
    const error = await waitForHealthy(stoppedApp(1), 20_000, 'after the database restarted').catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ContainerFailure)
    const failure = error as ContainerFailure
    expect(failure.kind).toBe('crashed')
    expect(failure.message).toBe(
      'expected the app to keep running after the database restarted, but found it stopped with exit code 1 (it crashed)',
    )
    expect(failure.details.hint).toContain("pool.on('error'")
    expect(failure.logs).toEqual(['Error: Connection terminated unexpectedly'])
  })
})
