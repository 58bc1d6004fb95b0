import type Docker from 'dockerode'

/** Container output as read by the grader: capped, with a note when the cap cut it. */
export interface CapturedLogs {
  /** Lines kept, oldest first (stdout and stderr interleaved as the engine stored them). */
  lines: string[]
  /** Bytes the engine returned (itself capped by the json-file `max-size`). */
  totalBytes: number
  /** True when more was written than kept. */
  truncated: boolean
}

export const DEFAULT_LOG_CAP_BYTES = 64 * 1024

/** json-file stores each line as `{"log":"…","stream":"stdout","time":"…"}\n`: about this many extra bytes. */
const JSON_FILE_BYTES_PER_LINE = 69

/**
 * Reads a container's logs, keeping only the last `capBytes`. `engineLogMaxBytes` is the json-file
 * `max-size` the container ran with (2 files): when what comes back fills about one file, Docker
 * has rotated, older output is gone, and the result says truncated too.
 */
export async function captureLogs(
  container: Docker.Container,
  options: { capBytes?: number; tty?: boolean; engineLogMaxBytes?: number } = {},
): Promise<CapturedLogs> {
  const capBytes = options.capBytes ?? DEFAULT_LOG_CAP_BYTES
  const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer
  const text = options.tty ? raw : demux(raw)
  const lineCount = text.reduce((n, byte) => (byte === 10 ? n + 1 : n), 0)
  const storedBytes = text.length + lineCount * JSON_FILE_BYTES_PER_LINE
  const rotated = options.engineLogMaxBytes !== undefined && storedBytes >= options.engineLogMaxBytes * 0.9
  const truncated = text.length > capBytes || rotated
  const kept = text.length > capBytes ? text.subarray(text.length - capBytes) : text
  let lines = kept.toString('utf8').split(/\r?\n/)
  if (text.length > capBytes) lines = lines.slice(1) // the first line was cut mid-way
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return { lines, totalBytes: text.length, truncated }
}

/**
 * Strips Docker's stream multiplexing: frames of `[stream, 0, 0, 0, size (u32 BE)]` + payload,
 * used for containers and execs without a TTY.
 */
export function demux(buffer: Buffer): Buffer {
  const parts: Buffer[] = []
  let offset = 0
  while (offset + 8 <= buffer.length) {
    const kind = buffer[offset]
    if (kind !== 0 && kind !== 1 && kind !== 2) return buffer // not multiplexed after all
    const size = buffer.readUInt32BE(offset + 4)
    parts.push(buffer.subarray(offset + 8, offset + 8 + size))
    offset += 8 + size
  }
  return Buffer.concat(parts)
}

/** Runs a command in a running container and returns its output; undefined when it cannot run. */
export async function execCapture(
  container: Docker.Container,
  cmd: string[],
  timeoutMs = 3000,
): Promise<string | undefined> {
  try {
    const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true })
    const stream = await exec.start({ hijack: true, stdin: false })
    const chunks: Buffer[] = []
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        stream.destroy()
        resolve()
      }, timeoutMs)
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        clearTimeout(timer)
        resolve()
      })
      stream.on('error', () => {
        clearTimeout(timer)
        resolve()
      })
    })
    return demux(Buffer.concat(chunks)).toString('utf8')
  } catch {
    return undefined
  }
}
