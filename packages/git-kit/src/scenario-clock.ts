/** A fake clock: every commit made through it is one minute after the last, in UTC. */
export class ScenarioClock {
  private seconds: number

  constructor(start = '2024-03-04T09:00:00Z') {
    this.seconds = Date.parse(start) / 1000
  }

  /** Advances by `minutes` and returns git's raw date form (`<epoch> +0000`). */
  tick(minutes = 1): string {
    this.seconds += minutes * 60
    return `${this.seconds} +0000`
  }

  now(): string {
    return `${this.seconds} +0000`
  }
}
