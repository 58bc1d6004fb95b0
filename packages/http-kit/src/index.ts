export type { AlternatingOptions, AlternatingOutcome, RoundPair } from './alternating-rounds.ts'
export { compareAlternately } from './alternating-rounds.ts'
export type {
  ApiCheckContext,
  AppOptions,
  BuiltImage,
  DockerLab,
  ExecResult,
  RebuildReport,
  RunningApp,
  RunningService,
  ServiceOptions,
} from './api-check-context.ts'
export type { ProbeOptions, ProbeReport } from './availability-probe.ts'
export { describeFailures, probeAvailability } from './availability-probe.ts'
export type { HttpExchange, HttpRequest } from './http-exchange.ts'
export { send } from './http-exchange.ts'
export type { JsonType } from './http-expect.ts'
export { expectContentType, expectJsonObject, expectShape, expectStatus } from './http-expect.ts'
export type { LatencySummary } from './latency-summary.ts'
export { latencySummary, percentile } from './latency-summary.ts'
export type { LoadOptions, LoadRequest, LoadResult } from './load-run.ts'
export { describeLoadErrors, LOAD_LIMITS, runLoad } from './load-run.ts'
export { checkLoadTarget } from './load-target.ts'
export type { PromSample, PromScrape } from './prometheus-text.ts'
export { parsePromText, sumWhere } from './prometheus-text.ts'
export type { RatioDecision, RatioRule } from './ratio-decision.ts'
export { decideRatio, describeRatio, medianInterval } from './ratio-decision.ts'
export { rerunCulprits } from './rebuild-culprits.ts'
export type { BurstOptions, BurstOutcome, BurstRequest } from './request-burst.ts'
export { describeStatuses, sendBurst } from './request-burst.ts'
export type { RawAnswer, SlowClientOptions, SlowClientOutcome } from './slow-client.ts'
export { idleKeepAlive, rawExchange, slowBody, slowHeaders, statusOf } from './slow-client.ts'
export type { Sink, Tester, TesterPlan, TesterReport } from './tester-plan.ts'
export { answersWithin, quantile } from './tester-plan.ts'
