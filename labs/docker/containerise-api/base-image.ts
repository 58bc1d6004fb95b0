import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fromImages, IMAGE_CATALOG, parseDockerfile, parseImageReference } from '@backend-labs/containers'
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
  const wanted = parseImageReference(BASE_IMAGE).canonical
  // build args resolved and references normalised (docker.io/library/, a missing tag, a digest)
  for (const from of fromImages(parseDockerfile(text))) {
    if (from.reference.canonical !== wanted) {
      fail({
        expected: `FROM ${BASE_IMAGE} (the base image this lab uses)`,
        found: `FROM ${from.image}`,
        where: `Dockerfile:${from.line}`,
        hint: `Use \`FROM ${BASE_IMAGE}\`: it is the only base image the grader provides.`,
      })
    }
  }
}
