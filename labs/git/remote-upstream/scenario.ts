import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildScenario, HardenedGit, PEOPLE, ScenarioBuilder } from '@backend-labs/git-kit'

/**
 * The shared remote, inside the repository's git dir. `origin` names it by this relative path,
 * which git resolves from the top of the work tree, so the workspace may be moved or copied.
 * The grader's git-server service looks for it here.
 */
export const UPSTREAM = '.git/labs-upstream.git'

const stockV1 = `export interface StockItem {
  sku: string
  name: string
  quantity: number
  unitCostCents: number
}

/** What the stock on the shelves is worth. */
export function stockValueCents(items: StockItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitCostCents, 0)
}
`

const stockV2 = stockV1
  .replace(
    '  unitCostCents: number\n',
    '  unitCostCents: number\n  /** Order more when the quantity falls to this level. */\n  reorderAt: number\n',
  )
  .concat(`
export function needsReorder(item: StockItem): boolean {
  return item.quantity <= item.reorderAt
}
`)

// The teammate's fix: returns and write-offs can leave negative quantities, which must not count.
const stockV3 = stockV2.replace(
  'sum + item.quantity * item.unitCostCents',
  'sum + Math.max(0, item.quantity) * item.unitCostCents',
)

const report = `import { needsReorder, type StockItem } from './stock.ts'

/** Items at or below their reorder level, the emptiest first. */
export function lowStock(items: StockItem[]): StockItem[] {
  return items.filter(needsReorder).sort((a, b) => a.quantity - a.reorderAt - (b.quantity - b.reorderAt))
}
`

const cli = `import { lowStock } from './report.ts'
import type { StockItem } from './stock.ts'

export function printLowStock(items: StockItem[]): void {
  for (const item of lowStock(items)) {
    console.log(\`\${item.sku}  \${item.name}: \${item.quantity} left (reorder at \${item.reorderAt})\`)
  }
}
`

const reportDoc = `# Low-stock report

\`printLowStock(items)\` lists the items at or below their reorder level, the emptiest first.
`

/**
 * main (A, B) is published on the remote; feature (3 commits by Grace) sits on B and is not
 * pushed yet. After the learner's clone, Linus pushes a fix (C) to main on the remote, so the
 * learner's origin/main is one commit stale until they fetch.
 */
export default async function scenario(dir: string): Promise<void> {
  await buildScenario(dir, async (s) => {
    s.as(PEOPLE.ada)
    await s.commit('Create inventory service with stock value', {
      files: { 'README.md': '# inventory\n\nKnows what is on the shelves.\n', 'src/stock.ts': stockV1 },
    })
    await s.commit('Add reorder level to stock items', { files: { 'src/stock.ts': stockV2 } })
    await s.git.run(['init', '-q', '--bare', '-b', 'main', UPSTREAM])
    await s.git.run(['remote', 'add', 'origin', UPSTREAM])
    await s.run(['push', '-q', '-u', 'origin', 'main'])
    await s.git.run(['remote', 'set-head', 'origin', 'main'])

    await s.checkout('feature', { create: true })
    s.as(PEOPLE.grace)
    await s.commit('Add low-stock report', { files: { 'src/report.ts': report } })
    await s.commit('Print the low-stock report from the CLI', { files: { 'src/cli.ts': cli } })
    await s.commit('Document the low-stock report', { files: { 'docs/low-stock.md': reportDoc } })

    // Meanwhile Linus pushes a fix to main from his own clone.
    const elsewhere = await mkdtemp(join(tmpdir(), 'remote-upstream-teammate-'))
    try {
      const clone = join(elsewhere, 'clone')
      await new HardenedGit(elsewhere).run(['clone', '-q', join(dir, UPSTREAM), clone])
      const linus = ScenarioBuilder.open(clone, s.clock).as(PEOPLE.linus)
      await linus.commit('Ignore negative quantities in stock value', { files: { 'src/stock.ts': stockV3 } })
      await linus.run(['push', '-q', 'origin', 'main'])
    } finally {
      await rm(elsewhere, { recursive: true, force: true })
    }
  })
}
