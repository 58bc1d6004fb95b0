import type { Check, CheckContext } from './check.ts'

/** How to produce a submission from a fresh starter workspace. */
export interface SubmissionRecipe {
  /** A folder (relative to the suite) whose files are copied over the starter. */
  dir?: string
  /** Or a function that edits the workspace in place (for git labs: runs git commands). */
  apply?: (workspaceDir: string) => Promise<void>
}

/** Another correct way to do the task; it must score full marks too. */
export interface Alternative extends SubmissionRecipe {
  id: string
  title: string
}

export interface Fixture extends SubmissionRecipe {
  /** Stable kebab-case slug. */
  id: string
  /** What is wrong with this submission, for the author. */
  title: string
  /** Exactly the checks this submission must fail; every other check must pass or be skipped. */
  fails: string[]
  /** The engines under which it is expected to be caught (others report it as skipped). */
  engines?: string[]
}

/** The hidden half of a lab: hidden checks, the reference solution and known-bad fixtures. */
export interface Suite<Ctx extends CheckContext = CheckContext> {
  checks: Check<Ctx>[]
  solution: SubmissionRecipe
  /** Other correct solutions (a different merge message, squash order…): each must score full marks. */
  alternatives?: Alternative[]
  fixtures: Fixture[]
}

export function defineSuite<Ctx extends CheckContext = CheckContext>(suite: Suite<Ctx>): Suite<Ctx> {
  const ids = new Set<string>()
  for (const a of suite.alternatives ?? []) {
    if (ids.has(a.id)) throw new TypeError(`alternative "${a.id}" is declared twice`)
    ids.add(a.id)
  }
  for (const f of suite.fixtures) {
    if (ids.has(f.id)) throw new TypeError(`fixture "${f.id}" is declared twice`)
    ids.add(f.id)
    if (!f.dir && !f.apply) throw new TypeError(`fixture "${f.id}" needs \`dir\` or \`apply\``)
    if (f.fails.length === 0) throw new TypeError(`fixture "${f.id}" must fail at least one check`)
  }
  return suite
}
