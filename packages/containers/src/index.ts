export type { BuildContext } from './build-context.ts'
export { DEFAULT_CONTEXT_LIMIT_BYTES, formatBytes, packBuildContext } from './build-context.ts'
export type { BuildLimits } from './build-limits.ts'
export { DEFAULT_BUILD_LIMITS } from './build-limits.ts'
export { CLASSIC_BUILDER_REASON, rewriteBuildKitSyntax } from './buildkit-syntax.ts'
export type { DiagnosisInput } from './container-diagnosis.ts'
export { diagnoseExit, diagnoseNotReady } from './container-diagnosis.ts'
export type { ContainerFailureKind } from './container-failure.ts'
export { ContainerFailure, lastLines } from './container-failure.ts'
export type { CapturedLogs } from './container-logs.ts'
export { captureLogs, DEFAULT_LOG_CAP_BYTES, demux, execCapture } from './container-logs.ts'
export type { DockerEndpoint } from './docker-endpoint.ts'
export {
  candidateSockets,
  dockerClient,
  endpointFromDockerHost,
  resolveDockerEndpoint,
} from './docker-endpoint.ts'
export type { DockerRuntimeFacts } from './docker-runtime.ts'
export {
  connectDocker,
  DOCKER_PROBE_TIMEOUT_MS,
  detectDockerRuntime,
  requireDockerRuntime,
} from './docker-runtime.ts'
export type { DockerfileInstruction } from './dockerfile-text.ts'
export { baseImages, parseDockerfile } from './dockerfile-text.ts'
export { DockerIgnore } from './dockerignore.ts'
export {
  answerDeadlineAgent,
  answerDeadlineFrom,
  DEFAULT_ANSWER_DEADLINE_MS,
  DockerEngineSilentError,
  engineSilence,
  engineStillAnswers,
} from './engine-answer-deadline.ts'
export type { HardenedRunOptions } from './hardened-run-options.ts'
export { HARDENED_DEFAULTS, hardenedCreateOptions, hardenedHostConfig } from './hardened-run-options.ts'
export type { CatalogImage, CatalogKey, ImagePins } from './image-catalog.ts'
export { IMAGE_CATALOG } from './image-catalog.ts'
export type { FromImage, ImageReference } from './image-reference.ts'
export { fromImages, parseImageReference } from './image-reference.ts'
export type { EnsureImageOptions, ImagePresence, ImagePresenceInfo, ImageStatus } from './image-status.ts'
export {
  ensureImage,
  imagePresence,
  imageStatus,
  isStaleStandIn,
  requireCurrentStandIn,
} from './image-status.ts'
export { LABEL, runLabels, TESTCONTAINERS_LABEL, TESTCONTAINERS_SESSION_LABEL } from './labels.ts'
export type { LearnerContainerOptions, StopResult } from './learner-container.ts'
export { appTarget, probeReady, StartedLearnerContainer, startLearnerContainer } from './learner-container.ts'
export type { LearnerImage, LearnerImageBuildOptions } from './learner-image-build.ts'
export { buildLearnerImage } from './learner-image-build.ts'
export type { LearnerImageCachePolicy } from './learner-image-cache.ts'
export { pruneLearnerImages } from './learner-image-cache.ts'
export type { ListeningSocket } from './listening-sockets.ts'
export { parseListeningSockets } from './listening-sockets.ts'
export type { PortRelay } from './port-relay.ts'
export { startPortRelay, startRegistryProxy } from './port-relay.ts'
export type { ProxyCa } from './proxy-ca.ts'
export { CONTAINER_CA_PATH, proxyCaBind, resolveProxyCa, SYSTEM_CA_BUNDLE } from './proxy-ca.ts'
export type { Readiness } from './readiness.ts'
export { probeOnce } from './readiness.ts'
export { removeResource } from './resource-removal.ts'
export type { DisposeReport, ResourceKind, TrackedResource } from './run-registry.ts'
export { RunRegistry } from './run-registry.ts'
export * from './seed/index.ts'
export type { SweepOptions, SweepReport } from './stale-sweep.ts'
export { pidAlive, sweepStale } from './stale-sweep.ts'
export type { TarEntry } from './tar-pack.ts'
export { packTar } from './tar-pack.ts'
