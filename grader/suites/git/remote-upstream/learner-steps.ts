import { ScenarioBuilder } from '@backend-labs/git-kit'
import { TAG } from '../../../../labs/git/remote-upstream/upstream-snapshot.ts'

/** A learner's git commands on a started workspace, run from its top (as a learner would). */
export class LearnerSteps {
  readonly s: ScenarioBuilder

  constructor(dir: string) {
    this.s = ScenarioBuilder.open(dir)
  }

  git(...args: string[]) {
    return this.s.run(args)
  }

  async fetchAndRebase(): Promise<void> {
    await this.git('fetch', '-q', 'origin')
    await this.git('switch', '-q', 'feature')
    await this.git('rebase', '-q', 'origin/main')
  }

  pushFeature(...flags: string[]) {
    return this.git('push', '-q', ...flags, '-u', 'origin', 'feature')
  }

  tag(message = 'Release candidate 1 for 1.1.0: low-stock report') {
    return this.git('tag', '-a', TAG, '-m', message, 'feature')
  }

  pushTag() {
    return this.git('push', '-q', 'origin', TAG)
  }

  /** The whole task, done right. */
  async solve(): Promise<void> {
    await this.fetchAndRebase()
    await this.pushFeature()
    await this.tag()
    await this.pushTag()
  }
}
