import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'

export type { Browser, Page }

/** Debian's chromium (`apt-get install -y chromium`): the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium'

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) to run the browser tests`
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

/**
 * Blocks every request that is not to 127.0.0.1 (the page must work offline); returns the URLs that
 * were blocked, so a test can say none were tried.
 */
export async function blockNetwork(page: Page): Promise<string[]> {
  const blocked: string[] = []
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.protocol === 'file:' || url.protocol === 'data:' || url.hostname === '127.0.0.1')
      return route.continue()
    blocked.push(url.href)
    return route.abort()
  })
  return blocked
}
