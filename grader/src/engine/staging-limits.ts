/** Bounds on what staging copies from a submission; each is reported by name when exceeded. */
export interface StagingLimits {
  /** Files matched by the lab's `include` globs. */
  maxFiles: number
  /** One file. */
  maxFileBytes: number
  /** All matched files together, or a git bundle. */
  maxTotalBytes: number
  /** Entries looked at while walking the folder (stops a 50,000-file tree early). */
  maxEntriesWalked: number
}

const MIB = 1024 * 1024

/** Defaults; LABS_MAX_FILES, LABS_MAX_FILE_MB and LABS_MAX_SUBMISSION_MB override them. */
export function stagingLimits(env: NodeJS.ProcessEnv = process.env): StagingLimits {
  const num = (name: string, fallback: number) => {
    const value = Number(env[name])
    return Number.isFinite(value) && value > 0 ? value : fallback
  }
  const maxFiles = num('LABS_MAX_FILES', 500)
  return {
    maxFiles,
    maxFileBytes: num('LABS_MAX_FILE_MB', 2) * MIB,
    maxTotalBytes: num('LABS_MAX_SUBMISSION_MB', 50) * MIB,
    maxEntriesWalked: maxFiles * 40,
  }
}

/** Files a lab reads as text: a NUL byte in one means it is not what the lab expects. */
const TEXT_NAMES =
  /(\.(sql|ts|js|mjs|cjs|json|ya?ml|md|txt|sh|env|toml|ini|conf|html|css|csv|py|go|rs|java)|(^|\/)(Dockerfile[^/]*|\.dockerignore|\.gitignore|Makefile))$/i

export function expectsText(file: string): boolean {
  return TEXT_NAMES.test(file)
}

/** Megabytes for messages. */
export function megabytes(bytes: number): string {
  return `${(bytes / MIB).toFixed(bytes < MIB ? 2 : 1)} MB`
}
