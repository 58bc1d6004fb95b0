import { execFile } from 'node:child_process'

export interface DoctorFact {
  name: string
  status: 'ok' | 'warn' | 'fail'
  detail: string
  fix?: string
  /** A failure of a required fact makes `labs doctor` exit 3. */
  required: boolean
}

function versionAtLeast(version: string, min: [number, number]): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number)
  return major > min[0] || (major === min[0] && minor >= min[1])
}

/** A tool's version output, or undefined when it is missing or fails. */
function tool(cmd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5000, encoding: 'utf8' }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim()),
    )
  })
}

/** Facts about this machine, each with what to do when it is not right. */
export async function doctorFacts(): Promise<DoctorFact[]> {
  const facts: DoctorFact[] = []
  const node = process.version
  facts.push(
    versionAtLeast(node, [20, 19])
      ? { name: 'node', status: 'ok', detail: node, required: true }
      : {
          name: 'node',
          status: 'fail',
          detail: `${node} is too old`,
          fix: 'install Node.js 20.19 or newer (22 or 24 recommended)',
          required: true,
        },
  )
  const pnpm = await tool('pnpm', ['--version'])
  facts.push(
    pnpm?.startsWith('10.')
      ? { name: 'pnpm', status: 'ok', detail: pnpm, required: false }
      : {
          name: 'pnpm',
          status: 'warn',
          detail: pnpm ? `${pnpm} (this project pins pnpm 10)` : 'not found',
          fix: 'npm i -g pnpm@10',
          required: false,
        },
  )
  const git = (await tool('git', ['--version']))?.replace('git version ', '')
  facts.push(
    git && versionAtLeast(git, [2, 30])
      ? { name: 'git', status: 'ok', detail: git, required: true }
      : {
          name: 'git',
          status: 'fail',
          detail: git ? `${git} is too old` : 'not found',
          fix: 'install git 2.30 or newer',
          required: true,
        },
  )
  facts.push(...(await dockerFacts()))
  return facts
}

/** Docker is optional: labs that need no containers grade without it, so its absence is a warning. */
async function dockerFacts(): Promise<DoctorFact[]> {
  const { detectDockerRuntime, dockerClient, imageStatus } = await import('@backend-labs/containers')
  const docker = await detectDockerRuntime()
  if (!docker.reachable || !docker.endpoint) {
    return [
      {
        name: 'docker',
        status: 'warn',
        detail: `not reachable: ${docker.notes.join('; ')}`,
        fix: 'the docker and sqlserver labs need an engine: install Docker (or Podman/Colima), start it, or set DOCKER_HOST',
        required: false,
      },
    ]
  }
  const how = `${docker.serverVersion} (${docker.os}/${docker.arch}) via ${docker.endpoint.address}${docker.buildkit ? ', BuildKit' : ''}`
  const facts: DoctorFact[] = [{ name: 'docker', status: 'ok', detail: how, required: false }]
  for (const note of docker.notes)
    facts.push({ name: 'docker', status: 'warn', detail: note, required: false })
  for (const s of await imageStatus(dockerClient(docker.endpoint, 5000))) {
    const ref = s.image.ref
    if (s.presence === 'present') facts.push({ name: 'image', status: 'ok', detail: ref, required: false })
    else if (s.presence === 'stand-in') {
      facts.push({
        name: 'image',
        status: 'ok',
        detail: `${ref} (offline stand-in, built by labs images seed)`,
        required: false,
      })
    } else {
      const fix =
        s.image.offline === 'none'
          ? `cannot be built offline: pull it where a registry is reachable (docker pull ${ref}); until then its track uses its fallback`
          : 'run `pnpm labs images seed`'
      facts.push({ name: 'image', status: 'warn', detail: `${ref} is missing`, fix, required: false })
    }
  }
  return facts
}
