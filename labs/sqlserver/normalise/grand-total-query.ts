import { fail } from '@backend-labs/lab-kit'
import { findColumn, qualifiedName, sameName } from '@backend-labs/sql-kit'
import { ROLE_COLUMNS, type SalesTables, sqlName } from './sales-tables.ts'

const PRICE = /price/i

/**
 * SUM(quantity × unit price) over the order lines, in exact decimals. The price is the line's own
 * (a price at the time of sale) if it keeps one, else the product's, joined through the foreign key
 * or, failing that, through the columns named like the product's primary key.
 */
export function grandTotalQuery(tables: SalesTables): string {
  const { orderLines: lines, products } = tables
  const quantity = lines.columns.find((c) => ROLE_COLUMNS.orderLines.test(c.name))
  if (!quantity) throw new Error('the order lines table has no quantity column')
  const qty = `CAST(l.${sqlName(quantity.name)} AS decimal(19, 4))`
  const linePrice = lines.columns.find((c) => PRICE.test(c.name))
  if (linePrice)
    return `SELECT SUM(${qty} * CAST(l.${sqlName(linePrice.name)} AS decimal(19, 4))) AS total FROM ${sqlName(lines)} AS l`
  const productPrice = products.columns.find((c) => PRICE.test(c.name))
  if (!productPrice)
    fail({
      expected: `a unit price column in ${qualifiedName(products)} (or in ${qualifiedName(lines)})`,
      found: `columns ${products.columns.map((c) => c.name).join(', ')}`,
    })
  const fk = lines.foreignKeys.find((f) => sameName(f.referencedTable, qualifiedName(products)))
  const pairs = fk
    ? fk.columns.map((c, i) => [c, fk.referencedColumns[i] ?? c] as const)
    : (products.primaryKey?.columns ?? []).map((k) => [k.name, k.name] as const)
  if (pairs.length === 0 || pairs.some(([c]) => !findColumn(lines, c)))
    fail({
      expected: `${qualifiedName(lines)} to say which product each line is for`,
      found: 'no foreign key to the products table and no column named like its key',
      hint: `add a column referencing ${qualifiedName(products)} with a FOREIGN KEY`,
    })
  const on = pairs.map(([c, r]) => `l.${sqlName(c)} = p.${sqlName(r)}`).join(' AND ')
  return `SELECT SUM(${qty} * CAST(p.${sqlName(productPrice.name)} AS decimal(19, 4))) AS total FROM ${sqlName(lines)} AS l JOIN ${sqlName(products)} AS p ON ${on}`
}
