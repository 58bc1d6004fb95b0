import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** The command that opens a URL in the desktop's browser here, if there is one on PATH. */
export function browserOpener(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string | undefined {
  const name = platform === 'darwin' ? 'open' : 'xdg-open'
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return join(dir, name)
    } catch {}
  }
  return undefined
}

/** Opens the URL in a browser; returns what to tell the learner when it cannot. */
export function openInBrowser(url: string): string | undefined {
  const opener = browserOpener()
  if (!opener) return `no xdg-open here to open a browser: open ${url} in your browser yourself`
  spawn(opener, [url], { stdio: 'ignore', detached: true }).unref()
  return undefined
}
