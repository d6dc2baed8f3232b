import { z } from 'zod';

const DEV_SECRET = 'gapline-dev-secret-change-me-0123456789';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z.string().url(),
    /** Unset: jobs run in-process (embedded mode). */
    REDIS_URL: z.string().url().optional(),
    /** Redis key prefix of the job queue, so environments sharing one Redis never take each other's jobs. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[\w-]{1,40}$/)
      .default('gapline'),
    JWT_SECRET: z.string().min(32).default(DEV_SECRET),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).default(30),
    INVITATION_TTL_DAYS: z.coerce.number().int().min(1).default(7),
    /** Comma-separated origins allowed to call the API from a browser (the dashboard is same-origin). */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      ),
    /** Express "trust proxy": how many proxy hops to trust for the client address (0 = none). */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    PUBLIC_URL: z.string().url().default('http://localhost:3000'),
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().default('Gapline <no-reply@gapline.local>'),
    WEB_DIST: z.string().optional(),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** How often the worker evaluates every organisation's alert rules. */
    ALERT_SWEEP_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
    /** How long a worker holds a job before another may take it over (a killed worker's jobs resume then). */
    WORKER_LOCK_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.JWT_SECRET === DEV_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'production refuses the default secret',
      });
    }
  });

export type Config = z.infer<typeof schema>;

/** Reads and validates the environment once, at boot; a bad setting stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

export const CONFIG = Symbol('CONFIG');
