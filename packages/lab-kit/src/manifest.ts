import { z } from 'zod'

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case slug')
const labId = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be a lab id like git/first-commits')

export const SERVICES = ['git', 'git-server', 'docker', 'sql'] as const
export type ServiceName = (typeof SERVICES)[number]

const submission = z.discriminatedUnion('type', [
  z
    .object({
      /** The learner works in a real git repository; CI grades the bundle written by `labs submit`. */
      type: z.literal('git'),
      bundle: z.string().default('submission.bundle'),
    })
    .strict(),
  z
    .object({
      /** The learner edits files; these globs (relative to the workspace) form the submission. */
      type: z.literal('files'),
      include: z.array(z.string().min(1)).min(1),
      exclude: z.array(z.string().min(1)).default([]),
      /**
       * Starter files the lab gives and does not grade (e.g. the app a manifests lab deploys): staged
       * from the lab's starter, whatever the learner's copies hold.
       */
      provided: z.array(z.string().min(1)).default([]),
    })
    .strict(),
])

export const LabManifestSchema = z
  .object({
    title: z.string().min(3),
    summary: z.string().min(10),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
    minutes: z.number().int().positive().max(600),
    skills: z.array(slug).min(1),
    prerequisites: z.array(labId).default([]),
    submission,
    services: z.array(z.enum(SERVICES)).default([]),
    /** Docker labs: what the image build may reach; `registry` = the npm registry only, through the grader's proxy. Default none. */
    docker: z
      .object({ buildNetwork: z.enum(['none', 'registry']).default('none') })
      .strict()
      .optional(),
    starter: z
      .object({
        /** A folder of starter files copied into the workspace. */
        dir: z.string().optional(),
        /** A module whose default export builds the starter (for git labs: the scenario repository). */
        scenario: z.string().optional(),
      })
      .strict()
      .refine((s) => s.dir || s.scenario, 'needs `dir` or `scenario`'),
    /** The module that exports the public checks. */
    checks: z.string().default('checks.ts'),
    /**
     * Ids of checks (public or hidden) that only the live engine runs and without which a pass is no
     * full proof: graded by another engine, a pass is then `passed-static`, not `passed`.
     */
    liveEssential: z.array(slug).default([]),
  })
  .strict()
  .refine((m) => m.submission.type !== 'files' || m.submission.provided.length === 0 || m.starter.dir, {
    message: 'needs starter.dir: the provided files are staged from the starter folder',
    path: ['submission', 'provided'],
  })

export type LabManifest = z.infer<typeof LabManifestSchema>

export interface ManifestIssue {
  /** Dotted path of the field, e.g. `submission.include`. */
  field: string
  reason: string
}

/** Validates a parsed manifest; returns the issues rather than throwing so the caller can say where. */
export function parseManifest(
  raw: unknown,
): { ok: true; manifest: LabManifest } | { ok: false; issues: ManifestIssue[] } {
  const result = LabManifestSchema.safeParse(raw)
  if (result.success) return { ok: true, manifest: result.data }
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({
      field: i.path.length ? i.path.join('.') : '(top level)',
      reason: i.message,
    })),
  }
}
