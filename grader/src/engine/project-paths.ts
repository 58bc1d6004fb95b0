import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error('cannot find the repository root (pnpm-workspace.yaml)')
    dir = up
  }
  return dir
}

/**
 * Where things live. Environment variables move what a learner or CI may want elsewhere:
 * LABS_WORKSPACE_DIR (workspaces), LABS_STATE_DIR (progress), LABS_SUITES_DIR (hidden suites,
 * which a course can ship separately from the learner's copy).
 */
export class ProjectPaths {
  readonly root: string
  readonly labsDir: string
  readonly suitesDir: string
  readonly stateDir: string
  private readonly workspaceBase?: string

  constructor(env: NodeJS.ProcessEnv = process.env, root = findRoot()) {
    this.root = root
    this.labsDir = join(root, 'labs')
    this.suitesDir = env.LABS_SUITES_DIR ? resolve(env.LABS_SUITES_DIR) : join(root, 'grader', 'suites')
    this.stateDir = env.LABS_STATE_DIR ? resolve(env.LABS_STATE_DIR) : join(root, '.labs')
    if (env.LABS_WORKSPACE_DIR) this.workspaceBase = resolve(env.LABS_WORKSPACE_DIR)
  }

  labDir(id: string): string {
    return join(this.labsDir, id)
  }

  suiteDir(id: string): string {
    return join(this.suitesDir, id)
  }

  /** The learner's working folder for a lab. */
  workspace(id: string): string {
    return this.workspaceBase ? join(this.workspaceBase, id) : join(this.labDir(id), 'workspace')
  }

  /**
   * Where `labs submit` writes a git lab's bundle: in the lab folder, so it can be committed for CI
   * (or beside the workspace when LABS_WORKSPACE_DIR moves workspaces elsewhere).
   */
  bundle(id: string, fileName: string): string {
    return this.workspaceBase ? join(this.workspaceBase, `${id}.bundle`) : join(this.labDir(id), fileName)
  }

  /** Path relative to the root, for messages. */
  relative(path: string): string {
    return path.startsWith(`${this.root}/`) ? path.slice(this.root.length + 1) : path
  }
}
