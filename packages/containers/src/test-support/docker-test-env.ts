import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { dockerClient } from '../docker-endpoint.ts'
import { detectDockerRuntime } from '../docker-runtime.ts'
import { packTar, type TarEntry } from '../tar-pack.ts'

/** A minimal base image of our own (busybox-static), so tests never depend on pulled or seeded images. */
export const TEST_BASE_IMAGE = 'backend-labs-test/busybox:1'

const skipAsked = process.env.LABS_SKIP_DOCKER === '1'
const facts = skipAsked
  ? { reachable: false, notes: ['LABS_SKIP_DOCKER=1 is set'] }
  : await detectDockerRuntime()
export const dockerAvailable = facts.reachable
const why = facts.notes.join('; ')
if (!dockerAvailable && !skipAsked && process.env.CI === 'true')
  throw new Error(`CI=true but no Docker engine is reachable (${why}); Docker tests must run in CI.`)

/** The suite title, saying why it is skipped when there is no engine. */
export function dockerSuite(title: string): string {
  return dockerAvailable
    ? title
    : `${title} (skipped: ${skipAsked ? why : `no Docker engine reachable: ${why}`})`
}

/** A client for the engine the tests use; `answerDeadlineMs` as in {@link dockerClient}. */
export function testDocker(answerDeadlineMs?: number): Docker {
  if (!facts.endpoint) throw new Error('no Docker endpoint')
  return dockerClient(facts.endpoint, undefined, process.env, answerDeadlineMs)
}

/** Imports a busybox-static rootfs as {@link TEST_BASE_IMAGE} unless it exists. */
export async function ensureTestBaseImage(docker: Docker): Promise<void> {
  try {
    await docker.getImage(TEST_BASE_IMAGE).inspect()
    return
  } catch {}
  const busybox = readFileSync('/bin/busybox')
  const applets = execFileSync('/bin/busybox', ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean)
  const entries: TarEntry[] = [
    ...['bin', 'etc', 'tmp', 'proc', 'sys', 'dev', 'root', 'app'].map(
      (name) => ({ name, type: 'directory', mode: name === 'tmp' ? 0o1777 : 0o755 }) as TarEntry,
    ),
    { name: 'bin/busybox', type: 'file', mode: 0o755, data: busybox },
    ...applets
      .filter((a) => a !== 'busybox')
      .map((a) => ({ name: `bin/${a}`, type: 'symlink', linkname: 'busybox' }) as TarEntry),
    {
      name: 'etc/passwd',
      type: 'file',
      data: Buffer.from('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n'),
    },
    { name: 'etc/group', type: 'file', data: Buffer.from('root:x:0:\nnogroup:x:65534:\n') },
  ]
  const [repo, tag] = TEST_BASE_IMAGE.split(':')
  const stream = await docker.importImage(Readable.from([packTar(entries)]), { repo, tag })
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (e) => (e ? reject(e) : resolve(null))),
  )
}

/** Everything test runs of this package created (all carry the run label prefix). */
export async function removeByLabel(docker: Docker, label: string): Promise<void> {
  const filters = JSON.stringify({ label: [label] })
  for (const c of await docker.listContainers({ all: true, filters }))
    await docker
      .getContainer(c.Id)
      .remove({ force: true, v: true })
      .catch(() => {})
  for (const n of await docker.listNetworks({ filters }))
    await docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => {})
  for (const i of await docker.listImages({ filters }))
    await docker
      .getImage(i.Id)
      .remove({ force: true })
      .catch(() => {})
}
