import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * A real checkout has installed packages and a `.git` folder next to the Dockerfile. The grader's
 * copy of the workspace has neither, so it adds small stand-ins (as the README says) before the build:
 * a Dockerfile that copies everything without a `.dockerignore` then ships them in the image.
 */
export const DECOYS: Record<string, string> = {
  'node_modules/left-pad/package.json': '{ "name": "left-pad", "version": "1.3.0" }\n',
  'node_modules/left-pad/index.js': 'module.exports = (s, n) => String(s).padStart(n)\n',
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.git/config': '[remote "origin"]\n\turl = https://deploy:ghp_fakeLabToken0000@example.com/items-api.git\n',
}

/** Adds the stand-ins to the staged submission (never to the learner's own folder). */
export async function plantDecoys(submissionDir: string): Promise<void> {
  for (const [path, content] of Object.entries(DECOYS)) {
    await mkdir(join(submissionDir, path, '..'), { recursive: true })
    await writeFile(join(submissionDir, path), content, { flag: 'w' })
  }
}
