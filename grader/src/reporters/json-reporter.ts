import { writeFile } from 'node:fs/promises'
import type { ResultsDocument } from '@backend-labs/lab-kit'
import type { Reporter } from './reporter.ts'

export function renderJson(doc: ResultsDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** `--json FILE`: the versioned results document (docs/results.md). */
export class JsonReporter implements Reporter {
  constructor(private readonly file: string) {}

  async onFinish(doc: ResultsDocument): Promise<void> {
    await writeFile(this.file, renderJson(doc))
  }
}
