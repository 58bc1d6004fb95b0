/** One thing `pnpm bench` measures. */
export interface BenchScenario {
  name: string
  /** Target for the median, in ms, from the issue that asked for it. */
  targetMs?: number
  runs: number
  /**
   * Scenarios of one group are measured in turns (a run of each, then again), so that the machine's
   * load hits all of them alike and their ratios hold on a noisy machine.
   */
  group?: string
  /** Returns a reason to skip (e.g. no Docker), or undefined to run. */
  unavailable?(): Promise<string | undefined>
  setup?(): Promise<void>
  /** One timed run; a number it returns is the measure (a latency it observed itself), in ms. */
  run(): Promise<unknown>
  /** Untimed clean-up after each run. */
  afterEach?(): Promise<void>
  teardown?(): Promise<void>
  /** Further figures for the report, computed after the runs from the median (e.g. a speed-up). */
  figures?(medianMs: number): Record<string, number>
}

/** A ratio of two scenarios' medians, with its target. */
export interface BenchRatio {
  name: string
  numerator: string
  denominator: string
  target: number
}
