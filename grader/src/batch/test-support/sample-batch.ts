import { cp, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { HardenedGit } from '@backend-labs/git-kit'
import { LabCatalog } from '../../engine/lab-catalog.ts'
import { loadSuite } from '../../engine/lab-modules.ts'
import { ProjectPaths } from '../../engine/project-paths.ts'
import { materializeStarter } from '../../engine/starter.ts'
import { csvRow } from '../csv.ts'

/** What a generated learner handed in. */
export type SampleKind = 'correct' | 'alternative' | 'partial' | 'starter' | 'broken' | 'missing'

/** How it was handed in: a bundle, a clone, or a clone of the course repository with its bundle. */
export type SampleForm = 'bundle' | 'clone' | 'course-repo'

export interface SampleLearner {
  learner: string
  kind: SampleKind
  form: SampleForm
}

const KINDS: SampleKind[] = [
  'correct',
  'partial',
  'correct',
  'starter',
  'alternative',
  'partial',
  'broken',
  'correct',
]
const FORMS: SampleForm[] = ['bundle', 'clone', 'course-repo']

/** The plan of a generated class of `count` learners: a fixed mix of kinds and forms, no randomness. */
export function samplePlan(count: number, options: { missing?: boolean } = {}): SampleLearner[] {
  return Array.from({ length: count }, (_, i) => ({
    learner: `learner-${String(i + 1).padStart(3, '0')}`,
    kind: options.missing && i === count - 1 ? 'missing' : KINDS[i % KINDS.length]!,
    form: FORMS[i % FORMS.length]!,
  }))
}

async function bundle(repo: string, file: string): Promise<void> {
  await new HardenedGit(repo).run(['bundle', 'create', '-q', file, '--all'])
}

/**
 * Writes a class's submissions of one git lab into `dir/submissions` and its roster into
 * `dir/roster.csv`, from the lab's own solution, alternatives and fixtures (each built once, then
 * copied). `broken` is a file that is not a bundle; `missing` has no entry at all.
 */
export async function writeSampleBatch(
  dir: string,
  labId: string,
  plan: SampleLearner[],
  paths = new ProjectPaths(),
): Promise<{ submissions: string; roster: string }> {
  const lab = await new LabCatalog(paths).load(labId)
  const suite = await loadSuite(lab, paths)
  if (!suite) throw new Error(`${labId} has no hidden suite to take solutions from`)
  const recipes = {
    correct: suite.solution,
    alternative: suite.alternatives?.[0] ?? suite.solution,
    partial: suite.fixtures[0],
    starter: undefined,
  }
  const repos = join(dir, 'repos')
  const built = new Map<string, string>()
  for (const kind of new Set(plan.map((p) => p.kind))) {
    if (!(kind in recipes)) continue
    const repo = join(repos, kind)
    await materializeStarter(lab, paths, repo)
    await recipes[kind as keyof typeof recipes]?.apply?.(repo)
    await bundle(repo, `${repo}.bundle`)
    built.set(kind, repo)
  }
  const submissions = join(dir, 'submissions')
  await mkdir(submissions, { recursive: true })
  for (const { learner, kind, form } of plan) {
    const entry = join(submissions, learner)
    if (kind === 'missing') continue
    if (kind === 'broken') {
      await writeFile(entry, 'this is not a git bundle\n')
      continue
    }
    const repo = built.get(kind)!
    if (form === 'bundle') await cp(`${repo}.bundle`, entry)
    else if (form === 'clone') await cp(repo, entry, { recursive: true, verbatimSymlinks: true })
    else {
      const target = join(entry, 'labs', lab.track, lab.slug)
      await mkdir(target, { recursive: true })
      await cp(
        `${repo}.bundle`,
        join(target, lab.manifest.submission.type === 'git' ? lab.manifest.submission.bundle : 'x'),
      )
    }
  }
  const roster = join(dir, 'roster.csv')
  await writeFile(
    roster,
    `${[csvRow(['learner', 'submission']), ...plan.map((p) => csvRow([p.learner, p.learner]))].join('\n')}\n`,
  )
  return { submissions, roster }
}
