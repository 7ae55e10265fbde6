import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** Every setting Schuss reads from the environment, parsed once at start (see .env.example). */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  SQLITE_FILE: z.string().default('./data/schuss.db'),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Schuss <no-reply@schuss.localhost>'),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Which provider new checkouts use: the built-in sandbox (default, offline) or Stripe. */
  PAYMENT_PROVIDER: z.enum(['sandbox', 'stripe']).default('sandbox'),
  /** Another Stripe API base URL (tests: a loopback stub), e.g. http://127.0.0.1:12111. */
  STRIPE_API_URL: z.url().optional(),
  /** Where the sandbox delivers its webhooks (default: PUBLIC_URL); behind a proxy, the app's loopback address. */
  SANDBOX_WEBHOOK_URL: z.url().optional(),
  INBOUND_EMAIL_SECRET: z.string().optional(),
  /** The domain of the addresses Schuss receives at (`reply+<token>@…`, `<school slug>@…`); MAIL_FROM's by default. */
  INBOUND_EMAIL_DOMAIN: z.string().optional(),
  /** Largest raw inbound message accepted, in bytes. */
  INBOUND_EMAIL_MAX_BYTES: z.coerce.number().int().positive().default(10_000_000),
  SCHUSS_DEMO_PASSWORD: z.string().min(12, 'SCHUSS_DEMO_PASSWORD must be at least 12 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  /** Server-to-server intake (school intake key): submissions per minute per school and IP. */
  INTAKE_KEY_RATE_PER_MINUTE: z.coerce.number().int().positive().default(3_000),
  /** Behind a reverse proxy: `true`, a hop count, or the proxies' addresses (comma-separated). */
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  APP_SECRET: z.string().min(32, 'APP_SECRET must be at least 32 characters').optional(),
  /** Bearer token of `GET /api/metrics`; without it the route does not exist. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** Threads rendering e-mails and PDFs off the request thread (src/integrations/render); 0 = in-process. */
  RENDER_THREADS: z.coerce.number().int().min(0).max(16).optional(),
});

export interface RateWindow {
  max: number;
  windowMs: number;
}

/**
 * Public-form defences, tuned here rather than in the environment: tests shorten the fill time
 * and the proof of work, the benchmark raises the limits.
 */
export interface IntakeTuning {
  /** A form submitted sooner than this after it was displayed is refused as robotic. */
  minFillMs: number;
  /** How long a displayed form stays submittable. */
  formTokenTtlMs: number;
  /** ALTCHA: PBKDF2 iterations per attempt, and the range the secret counter is drawn from. */
  powCost: number;
  powCounterMin: number;
  powCounterMax: number;
  /** How long a solved challenge stays usable (once). */
  challengeTtlMs: number;
  /** Identical resubmissions within this window answer with the first number. */
  duplicateWindowMs: number;
  /** Recorded submissions per school and IP through the browser path (proof of work). */
  perIp: RateWindow;
  /** Refused submissions (invalid fields, proof, key…) per school and IP, counted apart. */
  invalidPerIp: RateWindow;
  /** Recorded submissions per school and customer e-mail address (identical replays excepted). */
  perEmail: RateWindow;
  /** Submissions per school and IP with a valid intake key (a school's web server relays many visitors). */
  keyPerIp: RateWindow;
  /** Challenges handed out per school and IP. */
  challengePerIp: RateWindow;
}

export const DEFAULT_INTAKE_TUNING: IntakeTuning = {
  minFillMs: 3_000,
  formTokenTtlMs: 24 * 3_600_000,
  powCost: 1_000,
  powCounterMin: 2_000,
  powCounterMax: 6_000,
  challengeTtlMs: 2 * 3_600_000,
  duplicateWindowMs: 10 * 60_000,
  perIp: { max: 20, windowMs: 10 * 60_000 },
  invalidPerIp: { max: 20, windowMs: 10 * 60_000 },
  perEmail: { max: 10, windowMs: 60 * 60_000 },
  keyPerIp: { max: 3_000, windowMs: 60_000 },
  challengePerIp: { max: 60, windowMs: 10 * 60_000 },
};

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  sqliteFile: string;
  /** The origin staff browsers use; state-changing requests must come from it. */
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
  /** The provider new checkouts use (the sandbox is always available for its own pages). */
  paymentProvider: 'sandbox' | 'stripe';
  /** Another Stripe API base URL (a loopback stub in tests); undefined: Stripe's own. */
  stripeApiUrl: string | undefined;
  /** The origin the sandbox posts its signed webhooks to (default: publicUrl). */
  sandboxWebhookUrl: string;
  inboundEmailSecret: string | undefined;
  /** Reply addresses and the schools' general addresses live at this domain. */
  inboundEmailDomain: string;
  inboundEmailMaxBytes: number;
  demoPassword: string | undefined;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  logLevel: string;
  /** Fastify's trustProxy: which X-Forwarded-For hops to believe for client IPs (rate limits). */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  /** Signs proof-of-work challenges and form tokens; generated and stored in the database when unset. */
  appSecret: string | undefined;
  /** Bearer token of `GET /api/metrics` (Prometheus); the route answers 404 without it. */
  metricsToken: string | undefined;
  /** Size of the render pool (e-mails, PDFs); 0 renders on the main thread. */
  renderThreads: number;
  intake: IntakeTuning;
  live: LiveTuning;
}

/** Live-update streams (`/api/events`): how often an open stream re-checks its session, and caps. */
export interface LiveTuning {
  sessionRecheckMs: number;
  maxStreamsPerSession: number;
  maxStreamsPerUser: number;
}

export const DEFAULT_LIVE_TUNING: LiveTuning = {
  sessionRecheckMs: 60_000,
  // A secretary keeps a few tabs open; far more from one login is a script or a leak.
  maxStreamsPerSession: 8,
  maxStreamsPerUser: 16,
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    sqliteFile: e.SQLITE_FILE,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    stripeSecretKey: e.STRIPE_SECRET_KEY,
    stripeWebhookSecret: e.STRIPE_WEBHOOK_SECRET,
    paymentProvider: e.PAYMENT_PROVIDER,
    stripeApiUrl: e.STRIPE_API_URL,
    sandboxWebhookUrl: (e.SANDBOX_WEBHOOK_URL ?? e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(
      /\/$/,
      '',
    ),
    inboundEmailSecret: e.INBOUND_EMAIL_SECRET,
    inboundEmailDomain: (e.INBOUND_EMAIL_DOMAIN ?? domainOf(e.MAIL_FROM)).toLowerCase(),
    inboundEmailMaxBytes: e.INBOUND_EMAIL_MAX_BYTES,
    demoPassword: e.SCHUSS_DEMO_PASSWORD,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    logLevel: e.LOG_LEVEL,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    appSecret: e.APP_SECRET,
    metricsToken: e.METRICS_TOKEN,
    renderThreads: e.RENDER_THREADS ?? defaultRenderThreads(),
    intake: { ...DEFAULT_INTAKE_TUNING, keyPerIp: { max: e.INTAKE_KEY_RATE_PER_MINUTE, windowMs: 60_000 } },
    live: DEFAULT_LIVE_TUNING,
  };
}

function domainOf(mailbox: string): string {
  return /@([^>\s]+)>?\s*$/.exec(mailbox)?.[1] ?? 'schuss.localhost';
}

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value;
}

/**
 * Render threads by default: one per core beyond the first two (the event loop, and the database
 * and the OS). On a 2-core box that is 0 — e-mails and PDFs render in-process, where the soak
 * showed a single render thread falling behind a saturating load (the outbox grew without
 * levelling off) while in-process rendering kept it flat, the requests slowing instead.
 */
export function defaultRenderThreads(cores = availableParallelism()): number {
  return Math.min(4, Math.max(0, cores - 2));
}
