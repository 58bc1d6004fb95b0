import type { BuiltLabCode } from '../src/engine/lab-module-url.ts'

/** The parts of grader/dist/build-info.json the freshness check reads. */
export interface BuildStamps {
  /** The repository folder the build was made in. */
  root?: string
  inputs: Record<string, [number, number]>
}
/** Why the build cannot be used as it is (a source changed, built elsewhere, or none yet), or undefined when fresh. */
export function staleReason(info?: BuildStamps, base?: string): string | undefined
/** Runs the build; true when it succeeded. */
export function runBuild(): boolean
/** The build, rebuilt first (and said so on stderr) when a source changed since. */
export function freshBuild(): BuiltLabCode
