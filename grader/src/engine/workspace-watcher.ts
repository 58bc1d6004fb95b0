import { type FSWatcher, watch } from 'node:fs'
import { sep } from 'node:path'

/**
 * Whether a change at `path` (relative to the workspace) should trigger a re-grade: any file the
 * learner saves, and for a repository only what a commit, checkout or reset moves (its refs and HEAD),
 * never git's other internals (objects, index, logs), which change on every git command.
 */
export function isGradeTrigger(path: string): boolean {
  const parts = path.split(sep)
  if (parts.includes('node_modules')) return false
  if (parts[0] !== '.git') return true
  const inside = parts.slice(1).join('/')
  return inside === 'HEAD' || inside === 'packed-refs' || inside.startsWith('refs/')
}

/**
 * Watches a workspace (Node's recursive fs.watch: inotify on Linux, FSEvents on macOS) and calls
 * `onChange` once per burst of triggering changes, `quietMs` after the last one: an editor's
 * write-then-rename, or the several refs one git command moves, make one re-grade.
 */
export class WorkspaceWatcher {
  private readonly watcher: FSWatcher
  private timer?: NodeJS.Timeout
  private changed = new Set<string>()

  constructor(
    readonly dir: string,
    private readonly onChange: (paths: string[]) => void,
    private readonly quietMs = 25,
  ) {
    this.watcher = watch(dir, { recursive: true }, (_event, file) => {
      if (file === null || !isGradeTrigger(String(file))) return
      this.changed.add(String(file))
      clearTimeout(this.timer)
      this.timer = setTimeout(() => this.flush(), this.quietMs)
    })
  }

  private flush(): void {
    const paths = [...this.changed].sort()
    this.changed.clear()
    this.onChange(paths)
  }

  close(): void {
    clearTimeout(this.timer)
    this.watcher.close()
  }
}
