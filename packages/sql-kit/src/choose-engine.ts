import { EnvironmentError } from '@backend-labs/lab-kit'
import type { DockerFacts } from './docker-facts.ts'

export type EngineName = 'live' | 'static'

export interface EngineChoice {
  engine: EngineName
  /** For a banner when the static engine is used: why, and what that means. */
  reason?: string
}

export interface EngineChoiceInput {
  /** `--engine live|static`. */
  override?: EngineName
  /** The pinned SQL Server image reference. */
  image: string
  facts: DockerFacts
  /** An arm64 host that runs amd64 images (Rosetta, qemu): SQL Server has no arm64 image. */
  amd64Emulation?: boolean
}

const SKIPPED = 'grading with the static engine; behavioural checks are skipped'

/**
 * Live when Docker answers, the SQL Server image is present and the host can run amd64 images;
 * static otherwise, with the reason. `--engine live` on a machine that cannot is an EnvironmentError.
 */
export function chooseEngine(input: EngineChoiceInput): EngineChoice {
  if (input.override === 'static') return { engine: 'static', reason: `--engine static: ${SKIPPED}` }
  const blocker = liveBlocker(input)
  if (!blocker) return { engine: 'live' }
  if (input.override === 'live')
    throw new EnvironmentError(
      `--engine live was asked for, but ${blocker}`,
      'grade with --engine static, or fix the cause above',
    )
  return { engine: 'static', reason: `${capitalize(blocker)}: ${SKIPPED}` }
}

function liveBlocker({ facts, image, amd64Emulation }: EngineChoiceInput): string | undefined {
  if (!facts.reachable) return `Docker is not reachable (${facts.unreachableReason ?? 'no answer'})`
  const arch = facts.architecture
  if (arch !== 'x86_64' && arch !== 'amd64' && !((arch === 'aarch64' || arch === 'arm64') && amd64Emulation))
    return `SQL Server image ${image} has no ${arch} build and amd64 emulation is not enabled`
  if (!facts.imagePresent) return `SQL Server image ${image} is not available offline`
  return undefined
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
