import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml'

/**
 * A track folder holding `DRAFT.md` is work in progress. Without front matter, the whole track is
 * a draft; with front matter naming `drafts:` (a list of the track's lab folders), only those labs
 * are. Drafts are not yet proven by `labs verify`, so they stay out of the catalog (list, grade,
 * verify, batches) unless LABS_DRAFTS=1. The marker sits in the track folder, not the lab's, so
 * that releasing a lab leaves its verification record current.
 */
export const DRAFT_TRACK_FILE = 'DRAFT.md'

/** Which labs of a track are drafts: all of them, some by folder name, or none. */
export type TrackDrafts = { kind: 'none' } | { kind: 'whole-track' } | { kind: 'labs'; slugs: Set<string> }

/**
 * Reads `<trackDir>/DRAFT.md`. `slugs` are the track's lab folders: a name in `drafts:` that is not
 * one of them is bad input (file:line), since a misspelt name would release the lab it meant.
 */
export function readTrackDrafts(trackDir: string, shownPath: string, slugs: string[]): TrackDrafts {
  const file = join(trackDir, DRAFT_TRACK_FILE)
  if (!existsSync(file)) return { kind: 'none' }
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  const fix =
    'Write the front matter as `drafts: [<lab folder>, …]` between two `---` lines at the top, or remove it to keep the whole track a draft.'
  const front = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text)
  if (!front) {
    const stray = /^drafts:/m.exec(text)
    if (stray)
      throw new BadInputError(
        `${shownPath}:${text.slice(0, stray.index).split('\n').length}: \`drafts:\` outside front matter`,
        fix,
      )
    return { kind: 'whole-track' }
  }
  const lines = new LineCounter()
  const doc = parseDocument(front[1]!, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  // the front matter starts on line 2 of the file
  const at = (offset: number | undefined) =>
    `${shownPath}:${offset === undefined ? 1 : lines.linePos(offset).line + 1}`
  const first = doc.errors[0]
  if (first)
    throw new BadInputError(
      `${at(first.pos[0])}: ${first.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`,
      fix,
    )
  const root = doc.contents
  const list = isMap(root) ? root.get('drafts', true) : undefined
  if (!isSeq(list) || list.items.length === 0)
    throw new BadInputError(
      `${at(root?.range?.[0])}: the front matter has no \`drafts:\` list of labs`,
      `${fix} (A track with no draft lab needs no DRAFT.md.)`,
    )
  const drafts = new Set<string>()
  for (const item of list.items) {
    const value = (item as { value?: unknown }).value
    const where = at((item as { range?: [number] }).range?.[0])
    if (typeof value !== 'string' || !slugs.includes(value))
      throw new BadInputError(
        `${where}: \`${String(value)}\` is not a lab of this track`,
        `The track's labs: ${slugs.join(', ')}.`,
      )
    if (drafts.has(value)) throw new BadInputError(`${where}: \`${value}\` is listed twice`, fix)
    drafts.add(value)
  }
  return { kind: 'labs', slugs: drafts }
}

/** Whether the lab `slug` of a track with these drafts is a draft. */
export function isDraft(drafts: TrackDrafts, slug: string): boolean {
  return drafts.kind === 'whole-track' || (drafts.kind === 'labs' && drafts.slugs.has(slug))
}
