/**
 * Every container image a lab or the grader uses, pinned in one place. Nothing else hard-codes an
 * image name: learner Dockerfiles name these in FROM, and the offline seeder builds stand-ins under
 * exactly these tags when the real image cannot be pulled.
 */
export interface CatalogImage {
  /** Catalog key. */
  key: string
  /** The full reference, `name:tag`. */
  ref: string
  /** Why the project needs it. */
  purpose: string
  /**
   * How an offline stand-in is made: `seed` (built from Debian packages by `labs images seed`),
   * `build` (always built locally from a Dockerfile of ours), or `none` (only the real image works).
   */
  offline: 'seed' | 'build' | 'none'
}

export const IMAGE_CATALOG = {
  node: {
    key: 'node',
    ref: 'node:22-bookworm-slim',
    purpose: 'base image of the learner APIs (FROM node:22-bookworm-slim)',
    offline: 'seed',
  },
  postgres: {
    key: 'postgres',
    ref: 'postgres:15-bookworm',
    purpose: 'database of the API + database lab',
    offline: 'seed',
  },
  gitServer: {
    key: 'gitServer',
    ref: 'backend-labs/git-server:1',
    purpose: 'git server for the remote workflow lab (git daemon, from the Debian git package)',
    offline: 'build',
  },
  mssql: {
    key: 'mssql',
    ref: 'mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04',
    purpose: 'SQL Server for the live engine of the sqlserver track',
    offline: 'none',
  },
} as const satisfies Record<string, CatalogImage>

export type CatalogKey = keyof typeof IMAGE_CATALOG
