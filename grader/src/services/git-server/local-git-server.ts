import { type ChildProcess, spawn } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { hardenedGitEnv } from '@backend-labs/git-kit'
import { scratchRoot } from '@backend-labs/lab-kit'

/** Settings for the git programs the daemon starts: no hooks, no user config, nothing interactive. */
const DAEMON_CONFIG = ['core.hooksPath=/dev/null/no-hooks', 'core.fsmonitor=false', 'gc.auto=0']
/** A connection's git may idle this long before it is cut (git daemon's own limits, in seconds). */
const IDLE_TIMEOUT_S = '30'

/**
 * The lab's git server without Docker: a git:// listener on 127.0.0.1 inside the grading process.
 * Each connection is served by `git daemon --inetd` (one short-lived git per connection), with
 * receive-pack enabled as in the container, so the repositories' own `receive.denyNonFastForwards`
 * and `receive.denyDeletes` refuse pushes in the same words. Only grader-made seed repositories are
 * served; the learner's objects arrive only as pushed data. Nothing outlives {@link close}: the
 * listener belongs to this process, and close kills any connection's git still running.
 */
export class LocalGitServer {
  private readonly children = new Set<ChildProcess>()
  private readonly sockets = new Set<Socket>()

  private constructor(
    private readonly server: Server,
    private readonly root: string,
    readonly port: number,
  ) {}

  static async start(): Promise<LocalGitServer> {
    const root = await mkdtemp(join(scratchRoot(), 'labs-git-daemon-'))
    const server = createServer()
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const address = server.address()
        resolve(typeof address === 'object' && address ? address.port : 0)
      })
    })
    const local = new LocalGitServer(server, root, port)
    server.on('connection', (socket) => local.serve(socket))
    return local
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket)
    const child = spawn(
      'git',
      [
        ...DAEMON_CONFIG.flatMap((c) => ['-c', c]),
        'daemon',
        '--inetd',
        '--export-all',
        '--enable=receive-pack',
        `--base-path=${this.root}`,
        `--timeout=${IDLE_TIMEOUT_S}`,
        `--init-timeout=${IDLE_TIMEOUT_S}`,
        this.root,
      ],
      { env: hardenedGitEnv(), stdio: ['pipe', 'pipe', 'ignore'] },
    )
    this.children.add(child)
    socket.pipe(child.stdin)
    child.stdout.pipe(socket)
    const end = () => {
      this.children.delete(child)
      this.sockets.delete(socket)
      socket.destroy()
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    child.on('exit', end)
    child.on('error', end)
    socket.on('error', end)
    socket.on('close', end)
    child.stdin.on('error', () => {})
  }

  /** The URL a repository named `repoName` is served at. */
  url(repoName: string): string {
    return `git://127.0.0.1:${this.port}/${repoName}.git`
  }

  /** Serves a copy of the bare repository `seedDir` as `<repoName>.git`, and returns its URL. */
  async addRepository(seedDir: string, repoName: string): Promise<string> {
    await cp(seedDir, join(this.root, `${repoName}.git`), { recursive: true, verbatimSymlinks: true })
    return this.url(repoName)
  }

  /** Stops serving `<repoName>.git` and deletes it. */
  async removeRepository(repoName: string): Promise<void> {
    await rm(join(this.root, `${repoName}.git`), { recursive: true, force: true })
  }

  /** Stops listening, kills every connection's git and deletes the repositories; safe to call twice. */
  async close(): Promise<void> {
    for (const child of this.children) child.kill('SIGKILL')
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
    await rm(this.root, { recursive: true, force: true })
  }

  /** Connections being served now (for tests: none may remain after close). */
  get liveConnections(): number {
    return this.children.size
  }
}
