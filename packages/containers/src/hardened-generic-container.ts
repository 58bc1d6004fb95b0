import { GenericContainer } from 'testcontainers'
import { type HardenedRunOptions, hardenedHostConfig } from './hardened-run-options.ts'

/**
 * A testcontainers GenericContainer with the hardened HostConfig. testcontainers 11.14 has no public
 * create-options hook (only `withResourcesQuota`, `withSecurityOpt`, `withDroppedCapabilities`...,
 * which miss PidsLimit, swap, Init and host-IP port bindings), so this subclass merges the
 * hardened config in `beforeContainerCreated`, the protected hook that runs just before create.
 * Use `withNetwork()` for the per-run network and `withExposedPorts()` for ports: their bindings
 * are rewritten to 127.0.0.1.
 */
export class HardenedGenericContainer extends GenericContainer {
  constructor(
    image: string,
    private readonly limits: Omit<HardenedRunOptions, 'networkName' | 'publishPorts'>,
  ) {
    super(image)
  }

  protected override async beforeContainerCreated(): Promise<void> {
    const {
      NetworkMode: _,
      PortBindings: __,
      ...hardened
    } = hardenedHostConfig({
      ...this.limits,
      networkName: 'per-run',
    })
    const bindings = Object.fromEntries(
      Object.entries(this.hostConfig.PortBindings ?? {}).map(([port, list]) => [
        port,
        (list as { HostPort?: string }[]).map((b) => ({ ...b, HostIp: '127.0.0.1' })),
      ]),
    )
    this.hostConfig = { ...this.hostConfig, ...hardened, PortBindings: bindings }
  }
}
