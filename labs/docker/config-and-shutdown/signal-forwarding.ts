import type { BuiltImage } from '@backend-labs/http-kit'

/** Programs that, as the container's main process, do not hand SIGTERM on to node and wait for it. */
const LAUNCHERS = new Set(['npm', 'npx', 'yarn', 'pnpm'])
const SHELLS = new Set(['/bin/sh', 'sh', '/bin/bash', 'bash', '/bin/dash', 'dash'])

/** Why `docker stop`'s SIGTERM would not reach node, read from the image's ENTRYPOINT and CMD. */
export interface SignalForwardingProblem {
  /** What the image starts, as one command line. */
  command: string
  found: string
  hint: string
}

/**
 * Finds a main process that does not forward SIGTERM: a shell-form CMD/ENTRYPOINT (`CMD node
 * src/server.ts` runs `/bin/sh -c …`, and the shell neither forwards the signal nor waits) or npm
 * and friends (`CMD ["npm", "start"]`). An `exec` at the start of a shell command is fine.
 */
export function signalForwardingProblem(
  image: Pick<BuiltImage, 'entrypoint' | 'cmd'>,
): SignalForwardingProblem | undefined {
  const argv = [...(image.entrypoint ?? []), ...(image.cmd ?? [])]
  const command = argv.join(' ')
  const [first = '', second = '', script = ''] = argv
  if (SHELLS.has(first) && second === '-c') {
    const words = script.trim().split(/\s+/)
    if (words[0] === 'exec') return undefined
    return {
      command,
      found: `the image starts \`${command}\` (shell form): the shell receives SIGTERM and does not pass it on to ${words[0] || 'your app'}`,
      hint: `Use the exec form, e.g. \`CMD ${JSON.stringify(LAUNCHERS.has(words[0] ?? '') ? ['node', 'src/server.ts'] : words)}\`, so node itself is the process that receives SIGTERM.`,
    }
  }
  const program = first.split('/').at(-1) ?? ''
  if (LAUNCHERS.has(program))
    return {
      command,
      found: `the image starts \`${command}\`: ${program} receives SIGTERM and exits without waiting for node to finish its requests`,
      hint: 'Start node directly: `CMD ["node", "src/server.ts"]`.',
    }
  return undefined
}
