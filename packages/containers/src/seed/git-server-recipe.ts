import { copyFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { StandInRecipe } from './stand-in-recipe.ts'

/**
 * `backend-labs/git-server:1`: Debian's git, serving bare repositories under /srv/git with
 * `git daemon --enable=receive-pack` on 9418 (see scripts/git-server-entrypoint.sh). Repositories
 * copied in with `docker cp` are owned by whoever made them, so `safe.directory` trusts them all.
 */
export const gitServerRecipe: StandInRecipe = {
  name: 'git-server',
  catalogKey: 'gitServer',
  rootfs: { packages: ['git'] },
  async prepare({ baseRef, contextDir }) {
    await copyFile(
      new URL('./scripts/git-server-entrypoint.sh', import.meta.url),
      join(contextDir, 'git-server-entrypoint.sh'),
    )
    await writeFile(join(contextDir, 'Dockerfile'), dockerfile(baseRef))
    return {}
  },
}

function dockerfile(baseRef: string): string {
  return `FROM ${baseRef}
RUN git config --system safe.directory '*' \\
 && git config --system init.defaultBranch main \\
 && git config --system receive.denyNonFastForwards false \\
 && mkdir -p /srv/git
COPY git-server-entrypoint.sh /usr/local/bin/
RUN chmod 755 /usr/local/bin/git-server-entrypoint.sh
WORKDIR /srv/git
EXPOSE 9418
ENTRYPOINT ["git-server-entrypoint.sh"]
`
}
