import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import { closest, distance } from 'fastest-levenshtein'
import { DRAFT_TRACK_FILE, isDraft, readTrackDrafts, type TrackDrafts } from './draft-labs.ts'
import type { Lab } from './lab.ts'
import { loadManifest } from './manifest-loader.ts'
import type { ProjectPaths } from './project-paths.ts'

/** Finds and loads labs: every `labs/<track>/<slug>/lab.yaml` that is not a draft (draft-labs.ts). */
export class LabCatalog {
  private idsCache?: string[]
  private readonly draftIds = new Set<string>()
  private readonly draftProblems: BadInputError[] = []
  private readonly loaded = new Map<string, Promise<Lab>>()

  constructor(readonly paths: ProjectPaths) {}

  async ids(): Promise<string[]> {
    if (this.idsCache) return this.idsCache
    const ids: string[] = []
    for (const track of await readdir(this.paths.labsDir, { withFileTypes: true })) {
      if (!track.isDirectory() || track.name.startsWith('.') || track.name === 'node_modules') continue
      const trackDir = join(this.paths.labsDir, track.name)
      const slugs = (await readdir(trackDir, { withFileTypes: true }))
        .filter((slug) => slug.isDirectory() && existsSync(join(trackDir, slug.name, 'lab.yaml')))
        .map((slug) => slug.name)
      const drafts = this.trackDrafts(trackDir, slugs)
      for (const slug of slugs) {
        const id = `${track.name}/${slug}`
        if (isDraft(drafts, slug)) this.draftIds.add(id)
        if (!isDraft(drafts, slug) || process.env.LABS_DRAFTS === '1') ids.push(id)
      }
    }
    this.idsCache = ids.sort()
    return this.idsCache
  }

  /**
   * A track's drafts. A DRAFT.md the grader cannot read makes the whole track a draft rather than
   * stopping every command of every track; `labs verify` and `labs list` report it ({@link problems}).
   */
  private trackDrafts(trackDir: string, slugs: string[]): TrackDrafts {
    try {
      return readTrackDrafts(trackDir, this.paths.relative(join(trackDir, DRAFT_TRACK_FILE)), slugs)
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error
      this.draftProblems.push(error)
      return { kind: 'whole-track' }
    }
  }

  /** What was wrong with the tracks' DRAFT.md files (each track concerned is treated as a draft). */
  async problems(): Promise<BadInputError[]> {
    await this.ids()
    return this.draftProblems
  }

  /** Whether a lab is a draft (listed only with LABS_DRAFTS=1). */
  async isDraft(id: string): Promise<boolean> {
    await this.ids()
    return this.draftIds.has(id)
  }

  async tracks(): Promise<string[]> {
    return [...new Set((await this.ids()).map((id) => id.split('/')[0]!))]
  }

  /** Loads one lab; an unknown id is bad input with the nearest ids suggested. */
  async load(id: string): Promise<Lab> {
    const ids = await this.ids()
    if (!ids.includes(id)) {
      if (this.draftIds.has(id))
        throw new BadInputError(
          `lab "${id}" is a draft: it is not yet proven by \`labs verify\` (see labs/${id.split('/')[0]}/${DRAFT_TRACK_FILE})`,
          'Instructors: set LABS_DRAFTS=1 to work on it.',
        )
      throw new BadInputError(`unknown lab "${id}"`, await this.suggest(id))
    }
    let lab = this.loaded.get(id)
    if (!lab) {
      lab = this.read(id)
      this.loaded.set(id, lab)
    }
    return lab
  }

  private async read(id: string): Promise<Lab> {
    const [track, slug] = id.split('/') as [string, string]
    const dir = this.paths.labDir(id)
    const file = join(dir, 'lab.yaml')
    const manifest = await loadManifest(file, this.paths.relative(file))
    return { id, track, slug, dir, manifest }
  }

  /** Resolves the ids named on the command line, or every lab of a track, or all. */
  async select(options: { ids?: string[]; track?: string; all?: boolean }): Promise<string[]> {
    const ids = await this.ids()
    if (options.track) {
      const tracks = await this.tracks()
      if (!tracks.includes(options.track)) {
        throw new BadInputError(`unknown track "${options.track}"`, `tracks: ${tracks.join(', ')}`)
      }
      return ids.filter((id) => id.startsWith(`${options.track}/`))
    }
    if (options.all || !options.ids?.length) return ids
    for (const id of options.ids) await this.load(id)
    return options.ids
  }

  private async suggest(id: string): Promise<string> {
    const ids = await this.ids()
    if (ids.length === 0) return 'there are no labs in labs/'
    const slugMatches = ids.filter((known) => known.endsWith(`/${id}`))
    const near = slugMatches.length
      ? slugMatches
      : ids
          .map((known) => ({ known, d: distance(known, id) }))
          .filter(({ d }) => d <= Math.max(3, Math.floor(id.length / 3)))
          .sort((a, b) => a.d - b.d)
          .slice(0, 3)
          .map(({ known }) => known)
    const list = near.length ? near : [closest(id, ids)]
    return `did you mean ${list.map((l) => `"${l}"`).join(' or ')}? Run \`labs list\` to see every lab.`
  }
}
