import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import { closest, distance } from 'fastest-levenshtein'
import type { Lab } from './lab.ts'
import { loadManifest } from './manifest-loader.ts'
import type { ProjectPaths } from './project-paths.ts'

/**
 * A track folder holding `DRAFT.md` is work in progress: its labs are not yet proven by `labs
 * verify`, so they stay out of the catalog (list, grade, verify, batches) unless LABS_DRAFTS=1.
 */
export const DRAFT_TRACK_FILE = 'DRAFT.md'

/** Finds and loads labs: every `labs/<track>/<slug>/lab.yaml` of a track that is not a draft. */
export class LabCatalog {
  private idsCache?: string[]
  private readonly loaded = new Map<string, Promise<Lab>>()

  constructor(readonly paths: ProjectPaths) {}

  async ids(): Promise<string[]> {
    if (this.idsCache) return this.idsCache
    const ids: string[] = []
    for (const track of await readdir(this.paths.labsDir, { withFileTypes: true })) {
      if (!track.isDirectory() || track.name.startsWith('.') || track.name === 'node_modules') continue
      const draft = existsSync(join(this.paths.labsDir, track.name, DRAFT_TRACK_FILE))
      if (draft && process.env.LABS_DRAFTS !== '1') continue
      for (const slug of await readdir(join(this.paths.labsDir, track.name), { withFileTypes: true })) {
        if (slug.isDirectory() && existsSync(join(this.paths.labsDir, track.name, slug.name, 'lab.yaml'))) {
          ids.push(`${track.name}/${slug.name}`)
        }
      }
    }
    this.idsCache = ids.sort()
    return this.idsCache
  }

  async tracks(): Promise<string[]> {
    return [...new Set((await this.ids()).map((id) => id.split('/')[0]!))]
  }

  /** Loads one lab; an unknown id is bad input with the nearest ids suggested. */
  async load(id: string): Promise<Lab> {
    const ids = await this.ids()
    if (!ids.includes(id)) throw new BadInputError(`unknown lab "${id}"`, await this.suggest(id))
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
