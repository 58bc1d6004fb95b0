import { inspectRepo, RepoView } from '@backend-labs/git-kit'
import type { ServiceProvider } from './service-provider.ts'

/** `git`: a read-only view of the staged copy of the learner's repository. */
export const gitService: ServiceProvider = {
  name: 'git',
  async create(_lab, staged) {
    let view: Promise<RepoView> | undefined
    return {
      context: {
        repo: () => {
          view ??= (async () => new RepoView(staged.dir, staged.repo ?? (await inspectRepo(staged.dir))))()
          return view
        },
      },
      async dispose() {
        // Ends the view's long-lived `git cat-file --batch` (it would end by itself once idle).
        ;(await view?.catch(() => undefined))?.close()
      },
    }
  },
}
