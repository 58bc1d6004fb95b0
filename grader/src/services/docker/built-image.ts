import type { BuiltImage, ExecResult } from '@backend-labs/http-kit'
import type { DockerSession } from './docker-session.ts'
import { ImageFiles } from './image-files.ts'
import { layerHistory } from './layer-history.ts'
import { runThrowaway } from './throwaway-container.ts'

/** Facts about a built image (from `docker image inspect` and `docker history`) and ways to look inside. */
export async function describeImage(session: DockerSession, ref: string): Promise<BuiltImage> {
  const docker = await session.docker()
  const image = docker.getImage(ref)
  const [info, history] = await Promise.all([image.inspect(), image.history()])
  const config = info.Config ?? {}
  const files = new ImageFiles(session, ref)
  const built: BuiltImage = {
    ref,
    id: info.Id,
    sizeBytes: info.Size,
    user: config.User ?? '',
    env: [...(config.Env ?? [])],
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    entrypoint: words(config.Entrypoint),
    cmd: words(config.Cmd),
    history: layerHistory(history),
    findFiles: (prefixes, options) => files.findFiles(prefixes, options),
    readFile: (path) => files.readFile(path),
    async run(cmd, options = {}): Promise<ExecResult> {
      return runThrowaway(await session.registry(), ref, cmd, options)
    },
  }
  const test = config.Healthcheck?.Test
  if (test && test.length > 0 && test[0] !== 'NONE') built.healthcheck = [...test]
  return built
}

function words(value: string | string[] | null | undefined): string[] {
  if (!value) return []
  return Array.isArray(value) ? [...value] : [value]
}
