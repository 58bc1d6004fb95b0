/** The legacy builder's JSON stream, digested: current step, error, and a capped tail of text. */
export class BuildOutput {
  /** `RUN npm ci` — the instruction of the last `Step N/M :` line. */
  currentStep: string | undefined
  error: string | undefined
  imageId: string | undefined
  truncated = false
  private text = ''
  private pending = ''
  private keptBytes = 0

  constructor(private readonly capBytes: number) {}

  /** Feeds raw bytes from the build response stream. */
  push(chunk: Buffer | string): void {
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
      const step = /^Step \d+\/\d+ : (.*)$/m.exec(event.stream)
      if (step?.[1]) this.currentStep = step[1].trim()
      this.append(event.stream)
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
