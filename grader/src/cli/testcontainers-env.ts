/**
 * testcontainers defaults that suit the grader everywhere: the grader removes what it starts by label
 * (its own Ryuk), so testcontainers' Ryuk helper image is not needed, and it cannot be pulled offline;
 * the host is reached on localhost (no helper container to find it). A value the user set wins.
 */
export function applyTestcontainersDefaults(env: NodeJS.ProcessEnv = process.env): void {
  env.TESTCONTAINERS_RYUK_DISABLED ??= 'true'
  env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost'
}
