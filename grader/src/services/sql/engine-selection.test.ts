import { EnvironmentError } from '@backend-labs/lab-kit'
import type { DockerFacts } from '@backend-labs/sql-kit'
import { describe, expect, it } from 'vitest'
import { SQL_SERVER_IMAGE, selectSqlEngine, sqlDockerFacts } from './engine-selection.ts'

const ready: DockerFacts = { reachable: true, imagePresent: true, architecture: 'amd64' }
const noImage: DockerFacts = { reachable: true, imagePresent: false, architecture: 'amd64' }
const noDocker: DockerFacts = {
  reachable: false,
  unreachableReason: 'no socket at /var/run/docker.sock',
  imagePresent: false,
  architecture: 'amd64',
}

describe('choosing the SQL engine for a grade', () => {
  it('is live when Docker answers and the image is here, with no banner', async () => {
    expect(await selectSqlEngine(undefined, ready)).toEqual({ engine: 'live' })
  })

  it('falls back to static with a banner naming the image and what is skipped', async () => {
    expect(await selectSqlEngine(undefined, noImage)).toEqual({
      engine: 'static',
      notice: `SQL Server image ${SQL_SERVER_IMAGE} is not available offline: grading with the static engine; behavioural checks are skipped`,
    })
    expect((await selectSqlEngine(undefined, noDocker)).notice).toBe(
      'Docker is not reachable (no socket at /var/run/docker.sock): grading with the static engine; behavioural checks are skipped',
    )
  })

  it('obeys --engine static without asking Docker', async () => {
    const never = () => Promise.reject(new Error('Docker must not be asked'))
    expect(await selectSqlEngine('static', never)).toEqual({
      engine: 'static',
      notice: '--engine static: grading with the static engine; behavioural checks are skipped',
    })
  })

  it('refuses --engine live where it cannot run, saying why and what to do (exit 3)', async () => {
    const error = await selectSqlEngine('live', noImage).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EnvironmentError)
    expect((error as EnvironmentError).message).toBe(
      `--engine live was asked for, but SQL Server image ${SQL_SERVER_IMAGE} is not available offline`,
    )
    expect((error as EnvironmentError).hint).toBe('grade with --engine static, or fix the cause above')
    expect((error as EnvironmentError).exitCode).toBe(3)
    expect(await selectSqlEngine('live', ready)).toEqual({ engine: 'live' })
  })

  it('rejects an engine it does not know as bad input (exit 2)', async () => {
    await expect(selectSqlEngine('postgres', ready)).rejects.toMatchObject({
      exitCode: 2,
      message: '--engine postgres is not an engine of the SQL Server labs',
    })
  })

  it('on this machine, agrees with what Docker reports', async () => {
    const facts = await sqlDockerFacts()
    const { engine } = await selectSqlEngine(undefined)
    expect(engine).toBe(facts.reachable && facts.imagePresent ? 'live' : 'static')
    expect(await sqlDockerFacts()).toBe(facts)
  })
})
