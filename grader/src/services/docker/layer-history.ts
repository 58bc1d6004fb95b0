import { CONTAINER_CA_PATH } from '@backend-labs/containers'

/** One entry of `docker history` as dockerode returns it (newest first). */
interface HistoryEntry {
  CreatedBy: string
  Size: number
}

/**
 * The image's layers, oldest first, each with the instruction that made it as a learner would write
 * it (`RUN npm ci`, `COPY file:… in /app`). What the grader itself adds to builds (the proxy CA,
 * its build arguments and labels) is left out.
 */
export function layerHistory(entries: HistoryEntry[]): { createdBy: string; sizeBytes: number }[] {
  return [...entries]
    .reverse()
    .map((e) => ({ createdBy: instructionOf(e.CreatedBy ?? ''), sizeBytes: e.Size ?? 0 }))
    .filter((l) => !addedByGrader(l.createdBy))
}

/** `/bin/sh -c #(nop)  CMD ["node"]` → `CMD ["node"]`; `|2 A=b /bin/sh -c npm ci` → `RUN npm ci`. */
export function instructionOf(createdBy: string): string {
  const text = createdBy.replace(/^\|\d+(?:\s+\S+=\S*)*\s+/, '').trim()
  const nop = /^\/bin\/sh -c #\(nop\)\s+(.*)$/s.exec(text)
  if (nop?.[1]) return nop[1].trim()
  const run = /^\/bin\/sh -c (.*)$/s.exec(text)
  if (run?.[1]) return `RUN ${run[1].trim()}`
  return text
}

function addedByGrader(instruction: string): boolean {
  return (
    (instruction.startsWith('COPY ') && instruction.endsWith(` in ${CONTAINER_CA_PATH} `.trimEnd())) ||
    /^ARG (NODE_EXTRA_CA_CERTS|SSL_CERT_FILE)$/.test(instruction) ||
    /^LABEL org\.backend-labs\./.test(instruction)
  )
}
