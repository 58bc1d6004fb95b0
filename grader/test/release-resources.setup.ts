import { afterAll } from 'vitest'
import { releaseProcessResources } from '../src/engine/process-resources.ts'

// Every test file releases what the grader shares per process (the git server, SQL Server), as the
// CLI does on exit, so no test leaves a container behind.
afterAll(() => releaseProcessResources())
