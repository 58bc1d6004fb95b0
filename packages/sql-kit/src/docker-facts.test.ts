import { detectDockerRuntime, dockerClient, IMAGE_CATALOG, LABEL } from '@backend-labs/containers'
import { describe, expect, it } from 'vitest'
import { detectDockerFacts } from './docker-facts.ts'

const runtime = await detectDockerRuntime()
const images = runtime.reachable && runtime.endpoint ? await dockerClient(runtime.endpoint).listImages() : []
const tagOf = (standIn: boolean) =>
  images
    .filter((i) => (i.Labels?.[LABEL.standIn] === 'true') === standIn)
    .flatMap((i) => i.RepoTags ?? [])
    .find((t) => t !== '<none>:<none>')
const localImage = tagOf(false)
const standInImage = tagOf(true)

describe('detectDockerFacts', () => {
  it('says Docker is unreachable when DOCKER_HOST points at nothing', async () => {
    const facts = await detectDockerFacts('any:1', {
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    })
    expect(facts.reachable).toBe(false)
    expect(facts.imagePresent).toBe(false)
    expect(facts.unreachableReason).toMatch(/nonexistent\/docker\.sock did not answer/)
  })

  describe.skipIf(!runtime.reachable)(
    'against the local Docker engine (skipped: Docker is not reachable)',
    () => {
      it('finds the SQL Server image missing here', async () => {
        const facts = await detectDockerFacts(IMAGE_CATALOG.mssql.ref)
        expect(facts).toMatchObject({ reachable: true, imagePresent: false })
        expect(['amd64', 'arm64']).toContain(facts.architecture)
      })

      it.skipIf(!localImage)('finds a locally present image', async () => {
        expect((await detectDockerFacts(localImage!)).imagePresent).toBe(true)
      })

      it.skipIf(!standInImage)('does not count an offline stand-in as the image', async () => {
        expect((await detectDockerFacts(standInImage!)).imagePresent).toBe(false)
      })
    },
  )
})
