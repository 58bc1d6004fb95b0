import type { RemoteView } from '@backend-labs/git-kit'
import { GitServerSession } from './git-server/git-server-session.ts'
import type { ServiceProvider } from './service-provider.ts'

/**
 * `git-server`: the lab's shared remote, served by a containerised git server that refuses force
 * pushes and deletions, with the learner's pushes replayed onto it. Nothing starts until a check
 * calls `ctx.remote()`.
 */
export const gitServerService: ServiceProvider = {
  name: 'git-server',
  async create(lab, staged) {
    let session: Promise<GitServerSession> | undefined
    return {
      context: {
        remote: async (): Promise<RemoteView> => {
          session ??= GitServerSession.open(lab, staged.dir)
          return (await session).view
        },
      },
      async dispose() {
        const started = await session?.catch(() => undefined)
        await started?.dispose()
      },
    }
  },
}
