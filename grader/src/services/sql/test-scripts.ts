import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CheckFailure } from '@backend-labs/lab-kit'

/** A throwaway submission folder holding these files; `cleanup()` removes it. */
export async function submissionDir(
  files: Record<string, string>,
): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sql-service-test-'))
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** The learner-facing text of the CheckFailure a promise rejects with (anything else is rethrown). */
export async function failureOf(promise: Promise<unknown>): Promise<{ message: string; hint?: string }> {
  try {
    await promise
  } catch (error) {
    if (error instanceof CheckFailure)
      return error.details.hint
        ? { message: error.message, hint: error.details.hint }
        : { message: error.message }
    throw error
  }
  throw new Error('expected a CheckFailure')
}

export const SHOP_SCHEMA = `CREATE SCHEMA shop;
GO
CREATE TABLE shop.Customers (
  CustomerId int IDENTITY(1,1) NOT NULL CONSTRAINT PK_Customers PRIMARY KEY,
  Email nvarchar(200) NOT NULL CONSTRAINT UQ_Customers_Email UNIQUE
);
CREATE TABLE shop.Orders (
  OrderId int IDENTITY(1,1) NOT NULL CONSTRAINT PK_Orders PRIMARY KEY,
  CustomerId int NOT NULL CONSTRAINT FK_Orders_Customers REFERENCES shop.Customers (CustomerId),
  Total decimal(10,2) NOT NULL CONSTRAINT CK_Orders_Total CHECK (Total >= 0)
);
`
