import { describe, expect, it } from 'vitest'
import { signalForwardingProblem } from '../../../../labs/docker/config-and-shutdown/signal-forwarding.ts'

describe('signalForwardingProblem', () => {
  it('names a shell-form CMD and the exec form that fixes it', () => {
    const problem = signalForwardingProblem({ entrypoint: [], cmd: ['/bin/sh', '-c', 'node src/server.ts'] })
    expect(problem?.found).toBe(
      'the image starts `/bin/sh -c node src/server.ts` (shell form): the shell receives SIGTERM and does not pass it on to node',
    )
    expect(problem?.hint).toBe(
      'Use the exec form, e.g. `CMD ["node","src/server.ts"]`, so node itself is the process that receives SIGTERM.',
    )
  })

  it('names npm as the main process', () => {
    expect(signalForwardingProblem({ entrypoint: [], cmd: ['npm', 'start'] })?.found).toBe(
      'the image starts `npm start`: npm receives SIGTERM and exits without waiting for node to finish its requests',
    )
  })

  it('accepts the exec form, an exec in a shell command, and an entrypoint with node', () => {
    expect(signalForwardingProblem({ entrypoint: [], cmd: ['node', 'src/server.ts'] })).toBeUndefined()
    expect(
      signalForwardingProblem({ entrypoint: [], cmd: ['/bin/sh', '-c', 'exec node src/server.ts'] }),
    ).toBeUndefined()
    expect(signalForwardingProblem({ entrypoint: ['node'], cmd: ['src/server.ts'] })).toBeUndefined()
  })
})
