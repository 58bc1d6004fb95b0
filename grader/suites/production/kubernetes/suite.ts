import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineSuite } from '@backend-labs/lab-kit'
import { patches, patchFile } from '../../docker/rest-contract/fixture-patch.ts'
import { hiddenChecks } from './hidden-checks.ts'

// Fixtures are the reference manifests with one classic mistake patched in.
export default defineSuite<ApiCheckContext>({
  checks: hiddenChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'single-file',
      title: 'one multi-document YAML, envFrom, another uid and port, a PDB with maxUnavailable',
      dir: 'alternatives/single-file',
      // the starter's k8s/deployment.yaml goes: its Deployment is in greeter.yaml now
      apply: (dir) => rm(join(dir, 'k8s/deployment.yaml')),
    },
  ],
  fixtures: [
    {
      id: 'runs-as-root',
      title: 'runAsUser: 0 and runAsNonRoot: false: the app runs as root',
      fails: ['pod-security'],
      dir: 'solution',
      apply: patches(
        patchFile('k8s/deployment.yaml', 'runAsNonRoot: true', 'runAsNonRoot: false'),
        patchFile('k8s/deployment.yaml', 'runAsUser: 1000', 'runAsUser: 0'),
      ),
    },
    {
      id: 'writable-root',
      title: 'readOnlyRootFilesystem: false',
      fails: ['pod-security'],
      dir: 'solution',
      apply: patchFile(
        'k8s/deployment.yaml',
        'readOnlyRootFilesystem: true',
        'readOnlyRootFilesystem: false',
      ),
    },
    {
      id: 'readiness-missing-endpoint',
      title: 'the readiness probe asks for /ready, a route the app does not have: never ready',
      fails: ['serves-traffic'],
      dir: 'solution',
      apply: patchFile('k8s/deployment.yaml', 'path: /readyz', 'path: /ready'),
    },
    {
      id: 'readiness-on-livez',
      title: 'the readiness probe is the liveness endpoint: traffic arrives while the app warms up',
      fails: ['ready-only-when-warm'],
      dir: 'solution',
      apply: patchFile('k8s/deployment.yaml', 'path: /readyz', 'path: /livez'),
    },
    {
      id: 'liveness-missing-endpoint',
      title: 'the liveness probe asks for /healthz, a route the app does not have: restarted forever',
      fails: ['liveness-restart'],
      dir: 'solution',
      apply: patchFile('k8s/deployment.yaml', 'path: /livez', 'path: /healthz'),
    },
    {
      id: 'one-replica-pdb',
      title: '1 replica (and HPA minReplicas 1) with a PDB minAvailable 1: no node can be drained',
      fails: ['availability'],
      dir: 'solution',
      apply: patches(
        patchFile('k8s/deployment.yaml', 'replicas: 2', 'replicas: 1'),
        patchFile('k8s/hpa.yaml', 'minReplicas: 2', 'minReplicas: 1'),
      ),
    },
    {
      id: 'secret-in-configmap',
      title: 'API_TOKEN kept in the ConfigMap instead of the Secret',
      fails: ['config'],
      dir: 'solution',
      apply: patches(
        patchFile(
          'k8s/configmap.yaml',
          'GREETING: Hello',
          'GREETING: Hello\n  API_TOKEN: s3cr3t-token-for-the-lab',
        ),
        patchFile(
          'k8s/deployment.yaml',
          'secretKeyRef:\n                  name: greeter-secret',
          'configMapKeyRef:\n                  name: greeter-config',
        ),
      ),
    },
    {
      id: 'no-memory-limit',
      title: 'no memory limit: one leak can take the whole node',
      fails: ['resources-and-probes'],
      dir: 'solution',
      apply: patchFile(
        'k8s/deployment.yaml',
        '              cpu: 500m\n              memory: 128Mi',
        '              cpu: 500m',
      ),
    },
    {
      id: 'schema-error',
      title: 'containerPort written as a string ("8080"): the API server rejects it',
      fails: ['manifests-valid'],
      dir: 'solution',
      apply: patchFile('k8s/deployment.yaml', 'containerPort: 8080', 'containerPort: "8080"'),
    },
  ],
})
