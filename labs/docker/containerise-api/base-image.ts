import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { IMAGE_CATALOG } from '@backend-labs/containers'
import { fail } from '@backend-labs/lab-kit'

/** The base image every API lab builds from, as pinned in the image catalog. */
export const BASE_IMAGE: string = IMAGE_CATALOG.node.ref

/**
 * Fails unless every `FROM` of the submission's Dockerfile is the lab's base image (or an earlier
 * stage). Other images may exist on the grading machine, but the lab's contract names one.
 */
export async function requireBaseImage(submissionDir: string): Promise<void> {
  const text = await readFile(join(submissionDir, 'Dockerfile'), 'utf8').catch(() => undefined)
  if (text === undefined) {
    fail({
      expected: 'a Dockerfile at the top of your workspace',
      found: 'none',
      hint: `Create \`Dockerfile\` next to package.json, starting with \`FROM ${BASE_IMAGE}\`.`,
    })
  }
  const stages = new Set<string>()
  const lines = text.split(/\r?\n/)
  for (const [index, line] of lines.entries()) {
    const match = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line)
    if (!match) continue
    const image = match[1] ?? ''
    if (image !== BASE_IMAGE && !stages.has(image.toLowerCase())) {
      fail({
        expected: `FROM ${BASE_IMAGE} (the base image this lab uses)`,
        found: `FROM ${image}`,
        where: `Dockerfile:${index + 1}`,
        hint: `Use \`FROM ${BASE_IMAGE}\`: it is the only base image the grader provides.`,
      })
    }
    if (match[2]) stages.add(match[2].toLowerCase())
  }
}
