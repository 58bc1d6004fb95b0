import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { isDraft, readTrackDrafts } from './draft-labs.ts'
import { LabCatalog } from './lab-catalog.ts'
import { ProjectPaths } from './project-paths.ts'

const root = mkdtempSync(join(tmpdir(), 'draft-labs-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function track(name: string, draft?: string): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  if (draft !== undefined) writeFileSync(join(dir, 'DRAFT.md'), draft)
  return dir
}
const slugs = ['many-users', 'metrics', 'rate-limit']

describe('draft labs', () => {
  it('makes nothing a draft without DRAFT.md, and the whole track without front matter', () => {
    expect(readTrackDrafts(track('none'), 'labs/none/DRAFT.md', slugs)).toEqual({ kind: 'none' })
    const whole = readTrackDrafts(track('whole', '# Draft\n\nEvery lab here is a draft.\n'), 'x', slugs)
    expect(whole).toEqual({ kind: 'whole-track' })
    expect(slugs.every((s) => isDraft(whole, s))).toBe(true)
  })

  it('makes only the labs named in the front matter drafts', () => {
    const drafts = readTrackDrafts(
      track('some', '---\ndrafts:\n  - many-users\n  - rate-limit\n---\n# Some labs are drafts\n'),
      'labs/some/DRAFT.md',
      slugs,
    )
    expect(slugs.filter((s) => isDraft(drafts, s))).toEqual(['many-users', 'rate-limit'])
  })

  it('refuses a name that is not a lab of the track, at its line, since it would release the lab it meant', () => {
    const error = (() => {
      try {
        readTrackDrafts(
          track('typo', '---\ndrafts:\n  - many-users\n  - rate-limits\n---\n'),
          'labs/typo/DRAFT.md',
          slugs,
        )
      } catch (e) {
        return e
      }
    })() as BadInputError
    expect(error).toBeInstanceOf(BadInputError)
    expect(error.message).toBe('labs/typo/DRAFT.md:4: `rate-limits` is not a lab of this track')
    expect(error.hint).toContain('many-users, metrics, rate-limit')
  })

  it('refuses front matter without a drafts list, an empty or repeated one, YAML errors and a stray list', () => {
    const read = (name: string, text: string) => () =>
      readTrackDrafts(track(name, text), `labs/${name}/DRAFT.md`, slugs)
    expect(read('nolist', '---\ntitle: x\n---\n')).toThrow(
      /^labs\/nolist\/DRAFT\.md:2: the front matter has no `drafts:` list/,
    )
    expect(read('empty', '---\ndrafts: []\n---\n')).toThrow(
      /^labs\/empty\/DRAFT\.md:2: the front matter has no `drafts:` list/,
    )
    expect(read('twice', '---\ndrafts:\n  - metrics\n  - metrics\n---\n')).toThrow(
      /^labs\/twice\/DRAFT\.md:4: `metrics` is listed twice$/,
    )
    // one position, the file's: not the YAML library's own, counted from the front matter
    expect(read('bad', '---\ndrafts: [metrics\n---\n')).toThrow(/^labs\/bad\/DRAFT\.md:\d+: [^\n]*$/)
    expect(read('bad', '---\ndrafts: [metrics\n---\n')).not.toThrow(/at line/)
    expect(read('stray', '# Draft\n\ndrafts: [metrics]\n')).toThrow(
      /^labs\/stray\/DRAFT\.md:3: `drafts:` outside front matter/,
    )
  })

  it('reads front matter after a byte-order mark, and with CRLF line ends', () => {
    const drafts = readTrackDrafts(
      track('bom', '\uFEFF---\r\ndrafts: [metrics]\r\n---\r\n# x\r\n'),
      'x',
      slugs,
    )
    expect(slugs.filter((s) => isDraft(drafts, s))).toEqual(['metrics'])
  })
})

describe('the catalog with draft labs', () => {
  const saved = process.env.LABS_DRAFTS
  afterEach(() => {
    if (saved === undefined) delete process.env.LABS_DRAFTS
    else process.env.LABS_DRAFTS = saved
  })
  const repo = join(root, 'repo')
  for (const slug of slugs) {
    mkdirSync(join(repo, 'labs', 'prod', slug), { recursive: true })
    writeFileSync(join(repo, 'labs', 'prod', slug, 'lab.yaml'), '')
  }
  writeFileSync(join(repo, 'labs', 'prod', 'DRAFT.md'), '---\ndrafts: [rate-limit]\n---\n')

  it('leaves draft labs out unless LABS_DRAFTS=1, and says which are drafts', async () => {
    delete process.env.LABS_DRAFTS
    expect(await new LabCatalog(new ProjectPaths({}, repo)).ids()).toEqual([
      'prod/many-users',
      'prod/metrics',
    ])
    process.env.LABS_DRAFTS = '1'
    const catalog = new LabCatalog(new ProjectPaths({}, repo))
    expect(await catalog.ids()).toEqual(['prod/many-users', 'prod/metrics', 'prod/rate-limit'])
    expect(await catalog.isDraft('prod/rate-limit')).toBe(true)
    expect(await catalog.isDraft('prod/metrics')).toBe(false)
    expect(await catalog.problems()).toEqual([])
  })

  it('says a draft is a draft when asked for it by name', async () => {
    delete process.env.LABS_DRAFTS
    await expect(new LabCatalog(new ProjectPaths({}, repo)).load('prod/rate-limit')).rejects.toThrow(
      /^lab "prod\/rate-limit" is a draft/,
    )
  })

  it('treats a track whose DRAFT.md it cannot read as a draft, and reports it, without stopping', async () => {
    delete process.env.LABS_DRAFTS
    const other = join(root, 'repo-bad')
    mkdirSync(join(other, 'labs', 'prod', 'metrics'), { recursive: true })
    writeFileSync(join(other, 'labs', 'prod', 'metrics', 'lab.yaml'), '')
    mkdirSync(join(other, 'labs', 'git', 'first'), { recursive: true })
    writeFileSync(join(other, 'labs', 'git', 'first', 'lab.yaml'), '')
    writeFileSync(join(other, 'labs', 'prod', 'DRAFT.md'), '---\ndrafts: [metrix]\n---\n')
    const catalog = new LabCatalog(new ProjectPaths({}, other))
    expect(await catalog.ids()).toEqual(['git/first'])
    expect((await catalog.problems()).map((p) => p.message)).toEqual([
      'labs/prod/DRAFT.md:2: `metrix` is not a lab of this track',
    ])
  })
})

describe("this repository's DRAFT.md files", () => {
  it('can all be read', async () => {
    expect(await new LabCatalog(new ProjectPaths()).problems()).toEqual([])
  })
})
