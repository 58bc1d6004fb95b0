import { readFile } from 'node:fs/promises'
import { BadInputError, type LabManifest, parseManifest } from '@backend-labs/lab-kit'
import { isMap, LineCounter, parseDocument } from 'yaml'

/** Reads and validates a lab.yaml; any problem becomes a BadInputError naming file:line, field and reason. */
export async function loadManifest(file: string, displayPath: string): Promise<LabManifest> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new BadInputError(
      `${displayPath}: cannot read the lab manifest`,
      'every lab folder needs a lab.yaml',
    )
  })
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    const line = e.linePos?.[0]?.line ?? 1
    throw new BadInputError(`${displayPath}:${line}: invalid YAML: ${e.message.split('\n')[0]}`)
  }
  const parsed = parseManifest(doc.toJS())
  if (parsed.ok) return parsed.manifest
  const lines = parsed.issues.map((issue) => {
    const path =
      issue.field === '(top level)'
        ? []
        : issue.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k))
    let node = path.length ? doc.getIn(path, true) : doc.contents
    // For a missing field, point at its parent.
    for (let up = path.length - 1; !node && up >= 0; up--) node = doc.getIn(path.slice(0, up), true)
    node ??= doc.contents
    const offset = (node as { range?: [number, number] } | null)?.range?.[0] ?? 0
    const line = isMap(doc.contents) || node ? lineCounter.linePos(offset).line : 1
    return `${displayPath}:${line}: field "${issue.field}": ${issue.reason}`
  })
  throw new BadInputError(
    `malformed lab manifest:\n  ${lines.join('\n  ')}`,
    'fix the fields above; docs/authoring.md describes every field',
  )
}
