/** Steps the grader added to the learner's Dockerfile, left out of the output and its numbering. */
export interface InjectedSteps {
  /** How many steps were added in all. */
  count: number
  isInjected(instruction: string): boolean
}

/**
 * The legacy builder's JSON stream, digested: current step, error, and a capped tail of text.
 * Injected steps are hidden, and `Step N/M` counts the learner's steps only.
 */
export class BuildOutput {
  /** `RUN npm ci` — the instruction of the last `Step N/M :` line. */
  currentStep: string | undefined
  error: string | undefined
  imageId: string | undefined
  truncated = false
  /** Bytes read from the stream so far (what the output limit is checked against). */
  totalBytes = 0
  private text = ''
  private pending = ''
  private keptBytes = 0
  private learnerSteps = 0
  private inInjectedStep = false
  /** Every image a step of this build made (not from the cache, not a FROM), injected steps too. */
  readonly madeImages: { instruction: string; id: string }[] = []
  private step: { instruction: string; made: boolean; id?: string } | undefined

  constructor(
    private readonly capBytes: number,
    private readonly injected: InjectedSteps = { count: 0, isInjected: () => false },
  ) {}

  /** Feeds raw bytes from the build response stream. */
  push(chunk: Buffer | string): void {
    this.totalBytes += chunk.length
    this.pending += chunk.toString()
    let newline = this.pending.indexOf('\n')
    while (newline >= 0) {
      const line = this.pending.slice(0, newline).trim()
      this.pending = this.pending.slice(newline + 1)
      if (line) this.event(line)
      newline = this.pending.indexOf('\n')
    }
  }

  /** Records an error that came outside the stream (an HTTP error of the build request). */
  fail(message: string): void {
    this.error = message.trim()
    this.append(`${this.error}\n`)
  }

  end(): void {
    if (this.pending.trim()) this.event(this.pending.trim())
    this.pending = ''
    this.endStep()
  }

  private endStep(): void {
    if (this.step?.made && this.step.id)
      this.madeImages.push({ instruction: this.step.instruction, id: this.step.id })
    this.step = undefined
  }

  /** Follows which image each step made, whether its text is shown or hidden. */
  private track(stream: string, instruction: string | undefined): void {
    if (instruction !== undefined) {
      this.endStep()
      this.step = { instruction, made: !/^FROM\b/i.test(instruction) }
    }
    if (!this.step) return
    if (/---> Using cache/.test(stream)) this.step.made = false
    const id = /---> ([0-9a-f]{12,64})\s*$/m.exec(stream)
    if (id?.[1]) this.step.id = id[1]
  }

  /** Everything kept (the tail, when the cap was hit). */
  get output(): string {
    return this.text
  }

  lastLines(count: number): string[] {
    return this.text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(-count)
  }

  private event(line: string): void {
    let event: { stream?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string } }
    try {
      event = JSON.parse(line)
    } catch {
      this.append(`${line}\n`)
      return
    }
    if (event.aux?.ID) this.imageId = event.aux.ID
    if (event.error) {
      this.error = event.errorDetail?.message ?? event.error
      this.append(`${this.error}\n`)
    }
    if (event.stream) {
      const step = /^Step \d+\/(\d+) : (.*)$/m.exec(event.stream)
      this.track(event.stream, step?.[2]?.trim())
      if (step?.[2]) {
        this.inInjectedStep = this.injected.isInjected(step[2].trim())
        if (this.inInjectedStep) return
        this.currentStep = step[2].trim()
        this.learnerSteps++
        const total = Number(step[1]) - this.injected.count
        this.append(event.stream.replace(/^Step \d+\/\d+ :/m, `Step ${this.learnerSteps}/${total} :`))
        return
      }
      if (!this.inInjectedStep) this.append(event.stream)
    }
  }

  private append(text: string): void {
    this.text += text
    this.keptBytes += text.length
    if (this.keptBytes > this.capBytes) {
      this.truncated = true
      this.text = this.text.slice(-Math.floor(this.capBytes / 2))
      this.keptBytes = this.text.length
    }
  }
}
