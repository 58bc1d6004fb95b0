import type { CheckResult, LabResult, ResultsDocument } from '@backend-labs/lab-kit'

/** Every output format renders the same model; hooks are optional. */
export interface Reporter {
  onLabStart?(id: string, title: string): void
  onCheckEnd?(result: CheckResult): void
  onLabEnd?(result: LabResult): void
  onFinish?(doc: ResultsDocument): Promise<void> | void
}
