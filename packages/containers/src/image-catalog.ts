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
  /**
   * The exact versions that go into the offline stand-in. `labs images seed` builds exactly these or
   * fails naming the one it cannot get; changing a pin is a one-line change here, and makes every
   * image built from the old pins stale (see `recipeHash`).
   */
  pins?: ImagePins
}

/** Exact versions a stand-in carries; never a range, never "the newest". */
export interface ImagePins {
  /** The Debian suite of the root file system (`debootstrap SUITE`). */
  debianSuite: string
  /** Debian packages installed on top of minbase, with dpkg's exact `Version`. */
  debian: Readonly<Record<string, string>>
  /** The official Node binary (npm package `node-linux-<arch>`), exact version. */
  node?: string
  /** npm itself (npm package `npm`), exact version. */
  npm?: string
}

const NODE_PINS = { debianSuite: 'bookworm', debian: {}, node: '22.23.5', npm: '10.9.9' } as const

export const IMAGE_CATALOG = {
  node: {
    key: 'node',
    ref: 'node:22-bookworm-slim',
    purpose: 'base image of the learner APIs (FROM node:22-bookworm-slim)',
    offline: 'seed',
    pins: NODE_PINS,
  },
  postgres: {
    key: 'postgres',
    ref: 'postgres:15-bookworm',
    purpose: 'database of the API + database lab',
    offline: 'seed',
    pins: { debianSuite: 'bookworm', debian: { 'postgresql-15': '15.18-0+deb12u1' } },
  },
  gitServer: {
    key: 'gitServer',
    ref: 'backend-labs/git-server:1',
    purpose: 'git server for the remote workflow lab (git daemon, from the Debian git package)',
    offline: 'build',
    pins: { debianSuite: 'bookworm', debian: { git: '1:2.39.5-0+deb12u3' } },
  },
  tester: {
    key: 'tester',
    ref: 'backend-labs/tester:1',
    purpose:
      "the grader's traffic client: bots and users of the production labs, one container (and address) each",
    offline: 'build',
    // built FROM the node image above: the same pins
    pins: NODE_PINS,
  },
  mssql: {
    key: 'mssql',
    ref: 'mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04',
    purpose: 'SQL Server for the live engine of the sqlserver track',
    offline: 'none',
  },
} as const satisfies Record<string, CatalogImage>

export type CatalogKey = keyof typeof IMAGE_CATALOG
