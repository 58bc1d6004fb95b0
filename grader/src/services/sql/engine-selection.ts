import { IMAGE_CATALOG } from '@backend-labs/containers'
import { BadInputError } from '@backend-labs/lab-kit'
import { chooseEngine, type DockerFacts, detectDockerFacts, type EngineName } from '@backend-labs/sql-kit'

/** The pinned SQL Server image the live engine runs. */
export const SQL_SERVER_IMAGE = IMAGE_CATALOG.mssql.ref

export interface SqlEngineSelection {
  engine: EngineName
  /** The banner when the static engine grades: why, and what it means. */
  notice?: string
}

const ENGINES: readonly string[] = ['live', 'static']

// One look at Docker per grading process: `labs verify` grades many submissions in a row.
let facts: Promise<DockerFacts> | undefined

/** Whether Docker answers and the SQL Server image is here, asked once per process. */
export function sqlDockerFacts(): Promise<DockerFacts> {
  facts ??= detectDockerFacts(SQL_SERVER_IMAGE, { timeoutMs: 3_000 })
  return facts
}

/**
 * `--engine live|static` forces an engine (live on a machine that cannot run it is an
 * EnvironmentError, exit 3, saying why and what to do); otherwise live when Docker answers and the
 * image is present, else static with a banner.
 */
export async function selectSqlEngine(
  requested: string | undefined,
  facts: DockerFacts | (() => Promise<DockerFacts>) = sqlDockerFacts,
): Promise<SqlEngineSelection> {
  if (requested !== undefined && !ENGINES.includes(requested))
    throw new BadInputError(
      `--engine ${requested} is not an engine of the SQL Server labs`,
      'use --engine live (a real SQL Server in Docker) or --engine static (the schema read without a server)',
    )
  const override = requested as EngineName | undefined
  // Forcing static needs no Docker at all.
  const known: DockerFacts =
    override === 'static'
      ? { reachable: false, imagePresent: false, architecture: process.arch }
      : typeof facts === 'function'
        ? await facts()
        : facts
  const choice = chooseEngine({
    image: SQL_SERVER_IMAGE,
    facts: known,
    amd64Emulation: process.env.LABS_AMD64_EMULATION === '1',
    ...(override ? { override } : {}),
  })
  return choice.reason ? { engine: choice.engine, notice: choice.reason } : { engine: choice.engine }
}
