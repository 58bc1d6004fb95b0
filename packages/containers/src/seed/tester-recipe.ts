import type { StandInRecipe } from './stand-in-recipe.ts'

/**
 * `backend-labs/tester:1`: the grader's traffic client (scripts/tester-client.mjs) on the node
 * stand-in, run as nobody. A lab that needs many clients with their own addresses (bots and users
 * of the production track) starts one container of it per client on the lab's network; each waits
 * (`--idle`) until the grader runs a plan in it with `docker exec`.
 */
export const testerRecipe: StandInRecipe = {
  name: 'tester',
  catalogKey: 'tester',
  base: 'node',
  rootfs: {},
  files: [new URL('./scripts/tester-client.mjs', import.meta.url)],
  versionLabels: (pins) => ({ 'org.backend-labs.stand-in.node-version': pins.node ?? '' }),
  dockerfile: (baseRef) => `FROM ${baseRef}
COPY tester-client.mjs /opt/tester/tester-client.mjs
RUN chmod 755 /opt/tester/tester-client.mjs
USER 65534:65534
ENTRYPOINT ["node", "/opt/tester/tester-client.mjs"]
CMD ["--idle", "600"]
`,
}
