// Test support: whether the git-server tests run here, and a started workspace of the lab.
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  connectDocker,
  detectDockerRuntime,
  IMAGE_CATALOG,
  imagePresence,
  LABEL,
} from '@backend-labs/containers'
import { stageRepo } from '@backend-labs/git-kit'
import { LearnerSteps } from '../../../suites/git/remote-upstream/learner-steps.ts'
import type { Lab } from '../../engine/lab.ts'
import { LabCatalog } from '../../engine/lab-catalog.ts'
import { ProjectPaths } from '../../engine/project-paths.ts'
import { materializeStarter } from '../../engine/starter.ts'

async function whyNot(): Promise<string | undefined> {
  if (process.env.LABS_SKIP_DOCKER === '1') return 'LABS_SKIP_DOCKER=1 is set'
  const facts = await detectDockerRuntime()
  if (!facts.reachable) return `no Docker engine reachable: ${facts.notes.join('; ')}`
  const { presence } = await imagePresence(await connectDocker(), IMAGE_CATALOG.gitServer.ref)
  if (presence === 'missing')
    return `${IMAGE_CATALOG.gitServer.ref} is missing (run \`pnpm labs images seed\`)`
  return undefined
}

/** Why the Docker tests skip, or undefined when they run. */
export const gitServerSkipReason = await whyNot()

if (gitServerSkipReason && process.env.CI === 'true' && process.env.LABS_SKIP_DOCKER !== '1')
  throw new Error(`CI=true but ${gitServerSkipReason}; the git-server tests must run in CI.`)

/** The suite title, saying why it is skipped. */
export function gitServerSuite(title: string): string {
  return gitServerSkipReason ? `${title} (skipped: ${gitServerSkipReason})` : title
}

export const paths = new ProjectPaths()

export function remoteUpstreamLab(): Promise<Lab> {
  return new LabCatalog(paths).load('git/remote-upstream')
}

/**
 * A fresh workspace of git/remote-upstream in a temp folder, edited by `steps`, and a staged
 * (sanitised) copy of it, as the grader stages one.
 */
export async function stagedWorkspace(steps: (l: LearnerSteps) => Promise<void>) {
  const tmp = await mkdtemp(join(tmpdir(), 'git-server-test-'))
  const cleanup = () => rm(tmp, { recursive: true, force: true })
  try {
    const workspace = join(tmp, 'workspace')
    await materializeStarter(await remoteUpstreamLab(), paths, join(tmp, 'starter'))
    // Copied, as `labs start` renames and `labs verify` copies: origin must survive the move.
    await cp(join(tmp, 'starter'), workspace, { recursive: true })
    await steps(new LearnerSteps(workspace))
    const staged = join(tmp, 'staged')
    await stageRepo(workspace, staged)
    return { tmp, workspace, staged, cleanup }
  } catch (error) {
    await cleanup()
    throw error
  }
}

/** Containers and networks that carry `runId`'s label, as `kind id` lines. */
export async function labelledWith(runId: string): Promise<string[]> {
  const docker = await connectDocker()
  const filters = JSON.stringify({ label: [`${LABEL.run}=${runId}`] })
  const containers = await docker.listContainers({ all: true, filters })
  const networks = await docker.listNetworks({ filters })
  return [...containers.map((c) => `container ${c.Id}`), ...networks.map((n) => `network ${n.Id}`)]
}
