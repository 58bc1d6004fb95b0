import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface Report {
  id: string
  title: string
  total: number
}

const SAMPLE: Report[] = [
  { id: 'q1', title: 'First quarter sales', total: 1250 },
  { id: 'q2', title: 'Second quarter sales', total: 1730 },
]

/** Renders the reports once at start into `cacheDir`; requests read the cached file. */
export class ReportCache {
  private readonly file: string

  constructor(cacheDir: string) {
    this.file = join(cacheDir, 'reports.json')
  }

  async warm(): Promise<void> {
    await mkdir(join(this.file, '..'), { recursive: true })
    await writeFile(this.file, JSON.stringify(SAMPLE))
  }

  async all(): Promise<Report[]> {
    return JSON.parse(await readFile(this.file, 'utf8')) as Report[]
  }
}
