import { existsSync } from 'node:fs'
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { SubmissionRecipe } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LabCatalog } from '../src/engine/lab-catalog.ts'
import { loadSuite } from '../src/engine/lab-modules.ts'
import { mapPool } from '../src/engine/pool.ts'
import { ProjectPaths } from '../src/engine/project-paths.ts'
import { materializeStarter } from '../src/engine/starter.ts'
import { CliSandbox, normalise } from './cli-harness.ts'

// Golden transcripts: `labs grade --submission` run as a subprocess on every reference solution,
// alternative and fixture of the labs that need no containers, normalised (timings, temp paths)
// and compared with test/transcripts/. Regenerate with UPDATE_TRANSCRIPTS=1 after a deliberate change.
const paths = new ProjectPaths()
const catalog = new LabCatalog(paths)
const ids: string[] = []
for (const id of await catalog.ids()) {
  const lab = await catalog.load(id)
  if (lab.manifest.services.every((s) => s === 'git')) ids.push(id)
}
const update = process.env.UPDATE_TRANSCRIPTS === '1'
let sb: CliSandbox

beforeAll(async () => {
  sb = await CliSandbox.create()
})
afterAll(() => sb.dispose())

async function caseDir(id: string, name: string, recipe?: SubmissionRecipe): Promise<string> {
  const dir = join(sb.dir, id, name)
  await materializeStarter(await catalog.load(id), paths, dir)
  if (recipe?.dir) await cp(join(paths.suiteDir(id), recipe.dir), dir, { recursive: true, force: true })
  await recipe?.apply?.(dir)
  return dir
}

describe('grade transcripts', () => {
  it.each(ids)('%s', async (id) => {
    const suite = (await loadSuite(await catalog.load(id), paths))!
    const cases: [string, SubmissionRecipe | undefined][] = [
      ['solution', suite.solution],
      ['starter', undefined],
      ...(suite.alternatives ?? []).map((a): [string, SubmissionRecipe] => [`alternative ${a.id}`, a]),
      ...suite.fixtures.map((f): [string, SubmissionRecipe] => [`fixture ${f.id}`, f]),
    ]
    const parts = await mapPool(cases, 2, async ([name, recipe]) => {
      const dir = await caseDir(id, name.replace(/\W+/g, '-'), recipe)
      const r = await sb.run(['grade', id, '--submission', dir])
      return `$ labs grade ${id} --submission <${name}>\n${normalise(r.stdout + r.stderr, sb).replaceAll(dir, '<submission>')}exit ${r.code}\n`
    })
    const transcript = parts.join('\n')
    const file = join(import.meta.dirname, 'transcripts', `${id}.txt`)
    if (update || (!existsSync(file) && !process.env.CI)) {
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, transcript)
    }
    expect(transcript).toBe(await readFile(file, 'utf8'))
    expect(transcript).toMatch(/<solution>\n[\s\S]*?exit 0\n/)
  })
})
