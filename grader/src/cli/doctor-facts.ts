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
  return facts
}
