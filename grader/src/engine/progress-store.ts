import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LabResult } from '@backend-labs/lab-kit'
import { attemptFromResult } from '../history/attempt-from-result.ts'
import { AttemptHistory } from '../history/attempt-history.ts'

export interface LabProgress {
  status: LabResult['status']
  score: number
  maxScore: number
  gradedAt: string
}

/**
 * The learner's last grade per lab (progress.json, what `labs list` shows) and every attempt
 * (history.jsonl, what `labs dashboard` shows), kept outside the workspace so grading never writes there.
 */
export class ProgressStore {
  private readonly file: string
  readonly history: AttemptHistory

  constructor(stateDir: string) {
    this.file = join(stateDir, 'progress.json')
    this.history = new AttemptHistory(stateDir)
  }

  async read(): Promise<Record<string, LabProgress>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8'))
    } catch {
      return {}
    }
  }

  /** A grade that could not be made (status `error`) is no attempt: neither file changes. */
  async record(result: LabResult): Promise<void> {
    if (result.status === 'error') return
    await this.history.append(attemptFromResult(result))
    const all = await this.read()
    all[result.id] = {
      status: result.status,
      score: result.score,
      maxScore: result.maxScore,
      gradedAt: new Date().toISOString(),
    }
    await mkdir(join(this.file, '..'), { recursive: true })
    const tmp = `${this.file}.${process.pid}.tmp`
    await writeFile(tmp, `${JSON.stringify(all, null, 2)}\n`)
    await rename(tmp, this.file)
  }
}
