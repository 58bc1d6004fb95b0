import { buildScenario, PEOPLE } from '@backend-labs/git-kit'

const invoiceV1 = `export interface Line {
  description: string
  quantity: number
  unitPriceCents: number
  category: 'standard' | 'books'
}

export interface Invoice {
  number: string
  lines: Line[]
}

export function subtotalCents(invoice: Invoice): number {
  return invoice.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0)
}
`

const invoiceV2 = `import { taxCents } from './tax.ts'

${invoiceV1}
export function totalCents(invoice: Invoice): number {
  return subtotalCents(invoice) + invoice.lines.reduce((sum, l) => sum + taxCents(l), 0)
}
`

const taxV1 = `import type { Line } from './invoice.ts'

export const VAT_RATE = 0.2

export function taxCents(line: Line): number {
  return line.quantity * line.unitPriceCents * VAT_RATE
}
`

const taxV2 = `import type { Line } from './invoice.ts'

export const VAT_RATE = 0.2

export function taxCents(line: Line): number {
  // Tax is charged on whole cents, rounded half up.
  return Math.round(line.quantity * line.unitPriceCents * VAT_RATE)
}
`

const taxV3 = `import type { Line } from './invoice.ts'

export const VAT_RATE = 0.2
export const BOOKS_VAT_RATE = 0.05

export function taxCents(line: Line): number {
  const rate = line.category === 'books' ? BOOKS_VAT_RATE : VAT_RATE
  // Tax is charged on whole cents, rounded half up.
  return Math.round(line.quantity * line.unitPriceCents * rate)
}
`

const footerV1 = `/** The last lines of every invoice PDF. */
export function footerLines(invoiceNumber: string): string[] {
  return [\`Invoice \${invoiceNumber}\`, 'Payable within 30 days.', 'Thank you for you business!']
}
`

const footerV2 = footerV1.replace('for you business', 'for your business')

const currency = `/** Formats cents as a price, e.g. 123456 -> "1,234.56 EUR". */
export function formatCents(cents: number, currency = 'EUR'): string {
  const amount = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return \`\${amount} \${currency}\`
}
`

const readmeV1 = '# invoices\n\nBuilds invoices and their PDFs.\n'
const readmeV2 = `${readmeV1}\n## Invoice numbers\n\nNumbers look like \`2024-000123\`: the year, a dash, and a six-digit counter that restarts every January.\n`

/**
 * feature adds tax and a PDF footer, with three `fixup!` commits on top. Since it branched off,
 * main gained two commits (in other files), so feature is 2 commits behind main.
 */
export default async function scenario(dir: string): Promise<void> {
  await buildScenario(dir, async (s) => {
    s.as(PEOPLE.ada)
    await s.commit('Create invoice module with line subtotals', {
      files: { 'README.md': readmeV1, 'src/invoice.ts': invoiceV1 },
    })
    await s.checkout('feature', { create: true })

    s.as(PEOPLE.grace)
    await s.commit('Add tax calculation to invoices', {
      files: { 'src/tax.ts': taxV1, 'src/invoice.ts': invoiceV2 },
    })
    await s.commit('Add PDF footer to invoices', { files: { 'src/footer.ts': footerV1 } })
    await s.commit('fixup! Add tax calculation to invoices', { files: { 'src/tax.ts': taxV2 } })
    await s.commit('fixup! Add PDF footer to invoices', { files: { 'src/footer.ts': footerV2 } })
    await s.commit('fixup! Add tax calculation to invoices', { files: { 'src/tax.ts': taxV3 } })

    s.as(PEOPLE.ada)
    await s.checkout('main')
    await s.commit('Add currency formatting helper', { files: { 'src/currency.ts': currency } })
    await s.commit('Document invoice numbering', { files: { 'README.md': readmeV2 } })
    await s.checkout('feature')
  })
}
