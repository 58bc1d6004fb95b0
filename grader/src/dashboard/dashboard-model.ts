/**
 * What the dashboard page renders, as plain JSON: the server (or `labs report --html`) builds it, the
 * page (page/, bundled for the browser) draws it. Types only, so the page can import them.
 */

export type LabProgressStatus = 'not started' | 'in progress' | 'passed'

export interface AttemptPoint {
  /** 1 for the lab's first attempt, counting attempts folded into the summary. */
  n: number
  at: string
  score: number
  max: number
  status: string
  failed: string[]
}

export interface LearnerLab {
  id: string
  track: string
  title: string
  prerequisites: string[]
  status: LabProgressStatus
  /** Attempts kept in full, oldest first. */
  attempts: AttemptPoint[]
  /** Older attempts folded into counts (not drawn point by point). */
  foldedAttempts: number
  totalAttempts: number
  bestScore?: number
  maxScore?: number
  firstAttemptAt?: string
  firstPassAt?: string
  /** From the first attempt to the first pass. */
  timeToPassMs?: number
  /** Check id → attempts it failed in, most first. */
  failedChecks: { check: string; count: number }[]
}

export interface LearnerModel {
  kind: 'learner'
  generatedAt: string
  labs: LearnerLab[]
  /** The checks failed most across labs, most first (at most 10). */
  failedMost: { lab: string; check: string; count: number }[]
  next?: { id: string; title: string; why: string }
  notices: string[]
}

export interface ClassLab {
  id: string
  title: string
  maxScore: number
  /** One per learner whose lab was graded (not "nothing submitted"). */
  scores: { learner: string; score: number; status: string }[]
  passed: number
}

export interface HeatCell {
  lab: string
  check: string
  failed: number
  graded: number
  /** failed / graded, 0..1. */
  rate: number
}

export interface StuckLearner {
  learner: string
  lab: string
  score: number
  maxScore: number
  failing: string[]
}

export interface RegradeRow {
  learner: string
  lab: string
  before: string
  after: string
  checks: string[]
}

export interface ClassModel {
  kind: 'class'
  generatedAt: string
  learners: number
  labs: ClassLab[]
  heatmap: HeatCell[]
  stuck: StuckLearner[]
  /** Rows the grader could not grade at all. */
  ungraded: { learner: string; error: string }[]
  /** With `--compare PREVIOUS`: whose scores moved, and why. */
  changes?: RegradeRow[]
  notices: string[]
}

export type DashboardModel = LearnerModel | ClassModel
