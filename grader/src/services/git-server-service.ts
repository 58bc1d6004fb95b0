import type { RemoteView } from '@backend-labs/git-kit'
import { chooseGitServerBackend } from './git-server/git-server-backend.ts'
import { GitServerSession } from './git-server/git-server-session.ts'
import type { ServiceProvider } from './service-provider.ts'

/**
 * `git-server`: the lab's shared remote, served by a git server that refuses force pushes and
 * deletions (in a container, or a local git daemon when no Docker engine is there), with the
 * learner's pushes replayed onto it. Only the choice of server is made up front (a quick probe of
 * the Docker engine, so the learner is told which one graded); nothing starts until a check calls
 * `ctx.remote()`.
 */
export const gitServerService: ServiceProvider = {
  name: 'git-server',
  async create(lab, staged) {
    const backend = await chooseGitServerBackend()
    let session: Promise<GitServerSession> | undefined
    return {
      context: {
        remote: async (): Promise<RemoteView> => {
          session ??= GitServerSession.open(lab, staged.dir, backend.kind)
          return (await session).view
        },
      },
      notices: [backend.notice],
      async dispose() {
        const started = await session?.catch(() => undefined)
        await started?.dispose()
      },
    }
  },
}
