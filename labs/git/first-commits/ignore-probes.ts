import { randomBytes } from 'node:crypto'

/** A path the build-output rule must ignore, and how to name it in a message (never the random name). */
export interface IgnoreProbe {
  path: string
  kind: string
}

const EXTENSIONS = ['js', 'mjs', 'cjs', 'map', 'css', 'html', 'json', 'txt', 'd.ts', 'wasm']

const name = () => `p${randomBytes(4).toString('hex')}`

/**
 * Paths under dist/ to test the learner's rules with, named afresh at every grade so no list of
 * known files can pass: the starter's own build files, a file of every common extension, one
 * without an extension, a dotfile and files in nested folders. Every kind is probed every time, so
 * a rule's verdict does not depend on the draw.
 */
export function buildOutputProbes(starterFiles: readonly string[]): IgnoreProbe[] {
  const stem = name()
  const folder = name()
  return [
    ...starterFiles.map((path) => ({ path, kind: path })),
    ...EXTENSIONS.map((ext) => ({ path: `dist/${stem}.${ext}`, kind: `a .${ext} file` })),
    { path: `dist/${stem}`, kind: 'a file without an extension' },
    { path: `dist/.${stem}`, kind: 'a dotfile' },
    { path: `dist/${folder}/${stem}.js`, kind: 'a file in a folder inside dist/' },
    { path: `dist/${folder}/${name()}/${stem}.json`, kind: 'a file two folders down' },
  ]
}
