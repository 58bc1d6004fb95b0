import { BadInputError } from '@backend-labs/lab-kit'
import { beforeAll, describe, expect, it } from 'vitest'
import { IMAGE_CATALOG } from '../image-catalog.ts'
import { describeWithStandIn, docker } from './docker-test-support.ts'
import { formatSeedResult } from './format-seed-result.ts'
import { type SeedResult, seedImages, selectImages } from './seed-images.ts'

describe('selectImages', () => {
  it('takes catalog keys, refs and recipe names, in catalog order', () => {
    expect(selectImages(['git-server', 'node:22-bookworm-slim', 'POSTGRES']).map((i) => i.key)).toEqual([
      'node',
      'postgres',
      'gitServer',
    ])
    expect(selectImages().map((i) => i.key)).toEqual(['node', 'postgres', 'gitServer', 'tester', 'mssql'])
  })

  it('names the unknown image and lists the known ones', () => {
    expect(() => selectImages(['nod'])).toThrow(BadInputError)
    expect(() => selectImages(['nod'])).toThrow('Unknown image "nod".')
    try {
      selectImages(['nod'])
    } catch (error) {
      expect((error as BadInputError).hint).toContain('node (node:22-bookworm-slim)')
    }
  })
})

describe('formatSeedResult', () => {
  it('prints the ref, what happened and the duration on one line', () => {
    const result: SeedResult = {
      key: 'node',
      ref: 'node:22-bookworm-slim',
      outcome: 'seeded',
      detail: 'offline stand-in, recipe node',
      durationMs: 41_234,
    }
    expect(formatSeedResult(result)).toBe(
      'node:22-bookworm-slim               seeded (offline stand-in, recipe node)  41.2 s',
    )
  })
})

const NODE = IMAGE_CATALOG.node.ref

describeWithStandIn('seedImages (real Docker)', NODE, () => {
  beforeAll(async () => {
    const [result] = await seedImages({ only: ['node'] })
    expect(result?.outcome, result?.detail).toMatch(/^(seeded|present)$/)
  }, 600_000)

  it('leaves a present image alone, quickly', async () => {
    const before = await docker(['image', 'inspect', '--format', '{{.Id}}', NODE])
    const [result] = await seedImages({ only: ['node'] })
    expect(result?.outcome).toBe('present')
    expect(result?.durationMs).toBeLessThan(5000)
    expect(await docker(['image', 'inspect', '--format', '{{.Id}}', NODE])).toBe(before)
  }, 60_000)

  it('reports that mssql cannot be made offline, naming the image', async () => {
    const present = await docker(['image', 'inspect', IMAGE_CATALOG.mssql.ref]).then(
      () => true,
      () => false,
    )
    const [result] = await seedImages({ only: ['mssql'] })
    expect(result?.ref).toBe('mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04')
    if (present) expect(result?.outcome).toBe('present')
    else {
      expect(result?.outcome).toBe('unavailable')
      expect(formatSeedResult(result!, 0)).toMatch(
        /^mcr\.microsoft\.com\/mssql\/server:2022-CU16-ubuntu-22\.04 {2}unavailable \(cannot be made offline: .+\) {2}\d+\.\d s$/,
      )
    }
  }, 60_000)
})
