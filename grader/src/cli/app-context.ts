import { LabCatalog } from '../engine/lab-catalog.ts'
import { ProgressStore } from '../engine/progress-store.ts'
import { ProjectPaths } from '../engine/project-paths.ts'
import { WorkspaceManager } from '../engine/workspace-manager.ts'

/** What every command needs, built once per process. */
export class AppContext {
  readonly paths: ProjectPaths
  readonly catalog: LabCatalog
  readonly workspaces: WorkspaceManager
  readonly progress: ProgressStore

  constructor(
    readonly out: (text: string) => void = (t) => process.stdout.write(t),
    readonly err: (text: string) => void = (t) => process.stderr.write(t),
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.paths = new ProjectPaths(env)
    this.catalog = new LabCatalog(this.paths)
    this.workspaces = new WorkspaceManager(this.paths)
    this.progress = new ProgressStore(this.paths.stateDir)
  }
}
