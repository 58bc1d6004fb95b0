import type { StandInRecipe } from './stand-in-recipe.ts'

/**
 * `backend-labs/git-server:1`: Debian's git, serving bare repositories under /srv/git with
 * `git daemon --enable=receive-pack` on 9418 (see scripts/git-server-entrypoint.sh). Repositories
 * copied in with `docker cp` are owned by whoever made them, so `safe.directory` trusts them all.
 */
export const gitServerRecipe: StandInRecipe = {
  name: 'git-server',
  catalogKey: 'gitServer',
  rootfs: {},
  files: [new URL('./scripts/git-server-entrypoint.sh', import.meta.url)],
  versionLabels: (pins) => ({ 'org.backend-labs.stand-in.git-version': pins.debian.git ?? '' }),
  dockerfile: (baseRef) => `FROM ${baseRef}
RUN git config --system safe.directory '*' \\
 && git config --system init.defaultBranch main \\
 && git config --system receive.denyNonFastForwards false \\
 && mkdir -p /srv/git
COPY git-server-entrypoint.sh /usr/local/bin/
RUN chmod 755 /usr/local/bin/git-server-entrypoint.sh
WORKDIR /srv/git
EXPOSE 9418
ENTRYPOINT ["git-server-entrypoint.sh"]
`,
}
