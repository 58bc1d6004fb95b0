import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EnvironmentError } from '@backend-labs/lab-kit'

/** Where the build (grader/scripts/build-cli.ts) puts the page's script, bundled for the browser. */
export const PAGE_BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'dashboard', 'page.js')

/** The page's script, bundled at build time with every chart library it needs (nothing from a CDN). */
export async function readPageBundle(): Promise<string> {
  try {
    return await readFile(PAGE_BUNDLE, 'utf8')
  } catch {
    throw new EnvironmentError(
      'the dashboard page has not been built',
      'run `pnpm install` (it builds the CLI and the page), or `node --import tsx grader/scripts/build-cli.ts`',
    )
  }
}
