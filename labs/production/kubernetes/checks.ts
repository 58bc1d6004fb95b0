import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineChecks } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../../docker/containerise-api/base-image.ts'
import { loadManifests, MANIFEST_DIR } from './manifests.ts'
import { enforce } from './policies.ts'

const policyCheck = (ctx: ApiCheckContext, group: Parameters<typeof enforce>[1]) =>
  loadManifests(ctx.submissionDir).then((set) => enforce(set, group))

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'manifests-valid',
    title: `${MANIFEST_DIR}/ holds a Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget, ConfigMap and Secret, each valid against the Kubernetes API schema`,
    points: 2,
    timeoutMs: 30_000,
    hints: [
      'The grader validates with the schemas of kubernetes-models; `kubectl apply --dry-run=server` does more.',
    ],
    async run(ctx) {
      await loadManifests(ctx.submissionDir)
    },
  },
  {
    id: 'pod-security',
    title: 'The pod runs as non-root, with a read-only root filesystem and no privilege escalation',
    points: 2,
    timeoutMs: 30_000,
    needs: ['manifests-valid'],
    run: (ctx) => policyCheck(ctx, 'pod-security'),
  },
  {
    id: 'resources-and-probes',
    title: 'The container has cpu and memory requests and limits, and readiness and liveness probes',
    points: 2,
    timeoutMs: 30_000,
    needs: ['manifests-valid'],
    run: (ctx) => policyCheck(ctx, 'resources-and-probes'),
  },
  {
    id: 'availability',
    title: '≥ 2 replicas, a Service that reaches them, an HPA and a PodDisruptionBudget that allows a drain',
    points: 2,
    timeoutMs: 30_000,
    needs: ['manifests-valid'],
    run: (ctx) => policyCheck(ctx, 'availability'),
  },
  {
    id: 'config',
    title: 'GREETING comes from a ConfigMap, API_TOKEN from a Secret, and no credential sits in a ConfigMap',
    points: 2,
    timeoutMs: 30_000,
    needs: ['manifests-valid'],
    run: (ctx) => policyCheck(ctx, 'config'),
  },
  {
    id: 'builds',
    title: `The provided Dockerfile builds from ${BASE_IMAGE}`,
    points: 1,
    timeoutMs: 240_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image()
    },
  },
])
