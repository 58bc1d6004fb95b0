import { existsSync } from 'node:fs'
import { appendFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type AttemptRecord, historyLineSchema, type LabSummary } from './attempt-record.ts'
import { compactHistory, mergeSummaries } from './compact-history.ts'

/** What the history file holds, read and checked line by line. */
export interface HistoryState {
  /** Attempts kept in full, oldest first. */
  attempts: AttemptRecord[]
  /** Per-lab counts of the attempts folded away by compaction. */
  summaries: Map<string, LabSummary>
  /** For a person: lines that could not be read (one notice for them all). */
  notices: string[]
}

export interface HistoryLimits {
  /** Attempts kept in full per lab when the file is compacted. */
  keepPerLab: number
  /** Compaction runs after an append that leaves the file larger than this. */
  compactAboveBytes: number
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { keepPerLab: 50, compactAboveBytes: 1024 * 1024 }

/** Parses history.jsonl text: bad lines are skipped and named in one notice, never fatal. */
export function parseHistory(text: string, fileName = 'history.jsonl'): HistoryState {
  const attempts: AttemptRecord[] = []
  const summaries = new Map<string, LabSummary>()
  const bad: number[] = []
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return
    let parsed: ReturnType<typeof historyLineSchema.safeParse>
    try {
      parsed = historyLineSchema.safeParse(JSON.parse(line))
    } catch {
      bad.push(i + 1)
      return
    }
    if (!parsed.success) bad.push(i + 1)
    else if (parsed.data.kind === 'attempt') attempts.push(parsed.data)
    else {
      const old = summaries.get(parsed.data.lab)
      summaries.set(parsed.data.lab, old ? mergeSummaries(old, parsed.data) : parsed.data)
    }
  })
  const notices: string[] = []
  if (bad.length > 0) {
    const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? `, … (${bad.length} in all)` : '')
    notices.push(
      `${fileName}: ${bad.length === 1 ? 'line' : 'lines'} ${shown} could not be read and ${bad.length === 1 ? 'was' : 'were'} skipped; your other attempts are intact`,
    )
  }
  return { attempts, summaries, notices }
}

const toLines = (records: object[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('')

/**
 * Every grade of every lab, append-only JSON lines in the state folder (beside progress.json).
 * Bounded: past `compactAboveBytes` the older attempts of each lab are folded into a summary line.
 */
export class AttemptHistory {
  readonly file: string

  constructor(
    stateDir: string,
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  ) {
    this.file = join(stateDir, 'history.jsonl')
  }

  async read(): Promise<HistoryState> {
    if (!existsSync(this.file)) return { attempts: [], summaries: new Map(), notices: [] }
    return parseHistory(await readFile(this.file, 'utf8'))
  }

  async append(record: AttemptRecord): Promise<void> {
    await mkdir(join(this.file, '..'), { recursive: true })
    // One write of one short line with O_APPEND: concurrent grades do not interleave lines.
    await appendFile(this.file, toLines([record]))
    if ((await stat(this.file)).size > this.limits.compactAboveBytes) await this.compact()
  }

  /**
   * Rewrites the file with the newest attempts per lab in full, the rest as summaries; unreadable lines
   * are dropped. Known limit: a grade appended by another process between the read and the rename is
   * lost (one learner rarely grades twice in that millisecond; the last grade is in progress.json too).
   */
  async compact(): Promise<void> {
    const state = await this.read()
    const { attempts, summaries } = compactHistory(state.attempts, state.summaries, this.limits.keepPerLab)
    const tmp = `${this.file}.${process.pid}.tmp`
    await writeFile(tmp, toLines([...summaries.values(), ...attempts]))
    await rename(tmp, this.file)
  }
}
