import { GradescopeReporter } from './gradescope-reporter.ts'
import { JsonReporter } from './json-reporter.ts'
import { JunitReporter } from './junit-reporter.ts'
import type { Reporter } from './reporter.ts'

/** File reporters keyed by their CLI flag (`--json FILE`, `--junit FILE`, `--gradescope FILE`). */
export const FILE_REPORTERS: Record<string, (file: string) => Reporter> = {
  json: (file) => new JsonReporter(file),
  junit: (file) => new JunitReporter(file),
  gradescope: (file) => new GradescopeReporter(file),
}
