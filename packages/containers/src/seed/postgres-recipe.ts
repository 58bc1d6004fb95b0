import type { StandInRecipe } from './stand-in-recipe.ts'

const PG_MAJOR = '15'

/**
 * `postgres:15-bookworm`: Debian's postgresql-15 with an entrypoint that covers the official
 * image's basics (see scripts/postgres-entrypoint.sh). The postgres user gets uid/gid 999 as in
 * the official image, so a data volume moves between the real image and the stand-in.
 */
export const postgresRecipe: StandInRecipe = {
  name: 'postgres',
  catalogKey: 'postgres',
  rootfs: {
    // Debian's package creates a "main" cluster; the image initialises its own in $PGDATA.
    excludes: [`./var/lib/postgresql/${PG_MAJOR}`, `./etc/postgresql/${PG_MAJOR}`],
  },
  files: [new URL('./scripts/postgres-entrypoint.sh', import.meta.url)],
  versionLabels: (pins) => ({
    'org.backend-labs.stand-in.postgresql-version': pins.debian[`postgresql-${PG_MAJOR}`] ?? '',
  }),
  dockerfile: (baseRef) => `FROM ${baseRef}
RUN set -eux; old_uid="$(id -u postgres)"; old_gid="$(id -g postgres)"; \\
 groupmod -g 999 postgres; usermod -u 999 -g 999 postgres; \\
 find / -xdev -uid "$old_uid" -exec chown -h 999 {} +; \\
 find / -xdev -gid "$old_gid" -exec chgrp -h 999 {} +; \\
 sed -ri "s!^#?(listen_addresses)\\s*=\\s*\\S+.*!\\1 = '*'!" /usr/share/postgresql/${PG_MAJOR}/postgresql.conf.sample; \\
 grep -F "listen_addresses = '*'" /usr/share/postgresql/${PG_MAJOR}/postgresql.conf.sample; \\
 mkdir -p /var/run/postgresql /docker-entrypoint-initdb.d /var/lib/postgresql/data; \\
 chown -R postgres:postgres /var/run/postgresql /var/lib/postgresql; \\
 chmod 3777 /var/run/postgresql; chmod 1777 /var/lib/postgresql/data
ENV PG_MAJOR=${PG_MAJOR} \\
 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/${PG_MAJOR}/bin \\
 PGDATA=/var/lib/postgresql/data \\
 LANG=C.UTF-8
VOLUME /var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 755 /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]
`,
}
