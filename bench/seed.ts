import { createHash, randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { createDeps } from '../src/app/container.js';
import { sha256 } from '../src/app/crypto.js';
import { newPortalLink } from '../src/app/portal/private-link.js';
import { searchContent } from '../src/app/requests/search-document.js';
import { createSchool } from '../src/app/schools/create-school.js';
import { deriveSecret, loadAppSecret } from '../src/app/settings/app-secret.js';
import { loadConfig } from '../src/config/env.js';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadStatusFacts, withSearchKeys } from '../src/db/repositories/index.js';
import type { Database } from '../src/db/schema.js';
import { type Cents, cents, multiply, percentOf, subtract } from '../src/domain/money.js';
import { formatRequestNumber, requestCounterName, yearIn } from '../src/domain/numbering.js';
import { preview } from '../src/domain/request.js';
import {
  activeTotal,
  deriveStatus,
  type Source,
  STATUSES,
  type Status,
  type StatusFacts,
} from '../src/domain/status.js';
import { SandboxProvider } from '../src/integrations/payments/sandbox.provider.js';
import type { FormPayload } from '../src/shared/form-payload.js';
import { LEVELS } from '../src/shared/vocabulary.js';
import { type BulkWriter, postgresBulkWriter, type Row, sqliteBulkWriter } from './bulk-writer.js';
import { fastId, Rng } from './random.js';
import {
  CATALOGUE,
  CATEGORIES,
  customerFollowUp,
  customerMessage,
  dateLabel,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  fold,
  frenchPhone,
  INSTRUCTORS,
  LANGUAGE_WEIGHTS,
  LAST_NAMES,
  PRACTICES,
  staffReply,
} from './seed-content.js';
import { seedFormPayload } from './seed-payload.js';

/** The password of every seeded staff account (≥ 12 characters, the app's minimum). */
export const BENCH_PASSWORD = 'bench-password-2026';

/** Share of each tab in a generated school. Every status of src/domain/status.ts appears. */
export const STATUS_WEIGHTS: Record<Status, number> = {
  request: 28,
  new: 5,
  in_progress: 10,
  awaiting_payment: 10,
  deposit_paid: 8,
  paid: 7,
  processed: 12,
  archived: 20,
};

/** How old (in days) a file of each tab is, at most and at least: new requests are recent, archives are last season's. */
const AGE_DAYS: Record<Status, [number, number]> = {
  request: [0, 60],
  new: [0, 20],
  in_progress: [0, 45],
  awaiting_payment: [1, 60],
  deposit_paid: [5, 90],
  paid: [10, 120],
  processed: [20, 150],
  archived: [200, 560],
};

export interface SeedOptions {
  requests: number;
  schools: number;
  schoolRequests: number;
  seed: number;
  sqliteFile: string;
  databaseUrl: string | null;
  /** SQLite: run ANALYZE after seeding (PostgreSQL is always analysed). */
  analyze?: boolean;
  /** The big school has at least this many fresh targets for each write scenario (see `writeTargets`). */
  targets?: number;
  log?: (line: string) => void;
}

/** A request a write scenario may act on once, with the version its screen would show. */
export interface WriteTarget {
  id: string;
  version: number;
  /** "add a catalogue line": the bench session with places for this target's two participants. */
  sessionId?: string;
  /**
   * "webhook: payment succeeded": the open checkout of this file — the payment_attempts row
   * start-checkout writes (state open, the sandbox's session), for the deposit of its offer.
   */
  attempt?: { id: string; providerSessionId: string; amountCents: number; offerId: string };
}

/** Fresh targets of the default `--targets`: enough for 10 s + warm-up at ~1,000 operations/s. */
export const DEFAULT_TARGETS = 12_000;

export interface DatasetManifest {
  version: 1;
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  sqliteFile: string | null;
  /** Planner statistics gathered after seeding (always on PostgreSQL, with --analyze on SQLite). */
  analyzed: boolean;
  bigSchool: {
    id: string;
    slug: string;
    name: string;
    /** The per-school intake key in clear (its sha256 is in schools.intake_key_hash). */
    intakeKey: string;
    /**
     * The key the app's sandbox provider signs and verifies webhooks with: derived from the app
     * secret (APP_SECRET when set, else the one kept in app_settings) as src/app/container.ts does.
     */
    sandboxSecret: string;
    staff: { email: string; password: string; role: 'admin' | 'secretary' }[];
    requests: number;
    statusCounts: Record<Status, number>;
  };
  smallSchools: { id: string; slug: string; requests: number }[];
  totals: Record<
    'schools' | 'requests' | 'customers' | 'messages' | 'lines' | 'offers' | 'payments' | 'activity',
    number
  >;
  /** Random ids of the big school's requests, for the dossier-page scenario. */
  sampleRequestIds: string[];
  /**
   * Requests of the big school each write scenario can act on once, in random order: `noLine`
   * are simple requests without a line ("add a catalogue line"), `lineNothingSent` dossiers with
   * lines and nothing sent or paid ("send a payment link"), `openAttempt` files "en attente de
   * paiement" with a sent offer and an open sandbox checkout for its deposit ("webhook: payment
   * succeeded"). The app takes them from the front; a twin sharing the app's PostgreSQL database
   * takes them from the back.
   */
  writeTargets: { noLine: WriteTarget[]; lineNothingSent: WriteTarget[]; openAttempt: WriteTarget[] };
  /** How many of each list earlier runs on this dataset used (bench/run.ts writes it back). */
  writeTargetsUsed?: Partial<Record<'noLine' | 'lineNothingSent' | 'openAttempt', number>>;
  /**
   * The big school's adult group lessons, and the extra sessions of it seeded for "add a
   * catalogue line": 12 places each as the catalogue's own (8–12), starting a month after
   * seeding; each `noLine` target names its session, 6 targets (2 participants each) per session.
   */
  benchSessions: { productId: string; startsOn: string; endsOn: string; count: number };
  /** Names (with and without accents), e-mails, numbers and message words found in the big school. */
  searchTerms: string[];
  seedingMs: number;
}

interface SchoolRefs {
  id: string;
  slug: string;
  timeZone: string;
  users: { id: string; name: string }[];
  categoryIds: string[];
  products: {
    id: string;
    kind: string;
    name: string;
    priceCents: number;
    vatRateBp: number;
    isOnlineSale: boolean;
    isOptional: boolean;
  }[];
  instructorIds: string[];
}

type Totals = DatasetManifest['totals'];

const DAY = 86_400_000;
const MINUTE = 60_000;
const BATCH = 2_000;

/**
 * Seeds one big school and `schools` smaller ones against the real schema: schools, staff and
 * catalogues through the application's own `createSchool`, then every request with its customer,
 * messages, lines, offers, payments and journal rows in bulk. Each stored status is what
 * `deriveStatus` gives for the facts inserted with it.
 */
export async function seedDataset(options: SeedOptions): Promise<DatasetManifest> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const rng = new Rng(options.seed);
  const tag = randomBytes(3).toString('hex');
  const config = loadConfig({
    SQLITE_FILE: options.sqliteFile,
    ...(options.databaseUrl && { DATABASE_URL: options.databaseUrl }),
    LOG_LEVEL: 'silent',
  });
  const db = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  await migrateToLatest(db.kysely);
  const deps = await createDeps({ config, db });
  // The app started on this database signs with this key (bench/run.ts passes APP_SECRET on).
  const sandboxSecret = deriveSecret(
    await loadAppSecret(deps.db.kysely, process.env.APP_SECRET),
    'payments-sandbox',
  );

  const intakeKey = `ik_${randomBytes(24).toString('base64url')}`;
  const bigSlug = `bench-${tag}`;
  const bigStaff = [
    {
      email: `admin@${bigSlug}.bench.test`,
      name: 'Agnès Admin',
      role: 'admin' as const,
      password: BENCH_PASSWORD,
    },
    {
      email: `marie@${bigSlug}.bench.test`,
      name: 'Marie Dupont',
      role: 'secretary' as const,
      password: BENCH_PASSWORD,
    },
    {
      email: `luc@${bigSlug}.bench.test`,
      name: 'Luc Martin',
      role: 'secretary' as const,
      password: BENCH_PASSWORD,
    },
  ];
  const schoolInputs = [
    { slug: bigSlug, name: 'ESF Bench — Grand Domaine', staff: bigStaff, requests: options.requests },
    ...Array.from({ length: options.schools }, (_, i) => {
      const slug = `bench-${tag}-${String(i + 1).padStart(2, '0')}`;
      return {
        slug,
        name: `École de ski Bench ${i + 1}`,
        staff: [
          {
            email: `admin@${slug}.bench.test`,
            name: `Admin ${i + 1}`,
            role: 'admin' as const,
            password: BENCH_PASSWORD,
          },
        ],
        requests: options.schoolRequests,
      };
    }),
  ];

  const refs: SchoolRefs[] = [];
  for (const input of schoolInputs) {
    const created = await createSchool(deps, {
      slug: input.slug,
      name: input.name,
      staff: input.staff,
      categories: [...CATEGORIES],
      products: CATALOGUE.map((p) => ({ ...p })),
      instructors: INSTRUCTORS.map((i) => ({ ...i, languages: [...i.languages] })),
    });
    refs.push(await loadRefs(deps.db.kysely, created.id, input.slug));
  }
  const bigRefs = refs[0]!;
  await deps.db.kysely
    .updateTable('schools')
    .set({ intake_key_hash: sha256(intakeKey) })
    .where('id', '=', bigRefs.id)
    .execute();
  await deps.close();
  log(`schools and staff created (${refs.length}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const writer: BulkWriter = options.databaseUrl
    ? await postgresBulkWriter(options.databaseUrl)
    : sqliteBulkWriter(options.sqliteFile);
  const totals: Totals = {
    schools: refs.length,
    requests: 0,
    customers: 0,
    messages: 0,
    lines: 0,
    offers: 0,
    payments: 0,
    activity: 0,
  };
  const nowMs = Date.now();
  let big: GeneratedSchool | null = null;
  let benchSessions: DatasetManifest['benchSessions'] | null = null;
  try {
    for (const [i, school] of refs.entries()) {
      const t0 = Date.now();
      const generated = await generateSchool(
        writer,
        school,
        schoolInputs[i]!.requests,
        rng,
        nowMs,
        totals,
        i === 0 ? (options.targets ?? DEFAULT_TARGETS) : 0,
        deps.portalLinkKey,
      );
      if (i === 0) {
        big = generated;
        benchSessions = await addBenchSessions(writer, school, big.writeTargets.noLine, nowMs);
        await addOpenAttempts(writer, school, big.writeTargets.openAttempt, sandboxSecret, nowMs);
        log(
          `big school: ${schoolInputs[0]!.requests} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
    }
    await writer.finish({ analyze: options.analyze ?? false });
  } finally {
    await writer.close();
  }
  const seedingMs = Date.now() - started;
  log(`dataset seeded in ${(seedingMs / 1000).toFixed(1)} s`);

  return {
    version: 1,
    createdAt: new Date().toISOString(),
    dialect: writer.dialect,
    sqliteFile: options.databaseUrl ? null : options.sqliteFile,
    analyzed: writer.dialect === 'postgres' || (options.analyze ?? false),
    bigSchool: {
      id: bigRefs.id,
      slug: bigRefs.slug,
      name: schoolInputs[0]!.name,
      intakeKey,
      sandboxSecret,
      staff: bigStaff.map(({ email, password, role }) => ({ email, password, role })),
      requests: options.requests,
      statusCounts: big!.statusCounts,
    },
    smallSchools: refs.slice(1).map((r) => ({ id: r.id, slug: r.slug, requests: options.schoolRequests })),
    totals,
    sampleRequestIds: big!.sampleIds,
    writeTargets: big!.writeTargets,
    benchSessions: benchSessions!,
    searchTerms: big!.searchTerms,
    seedingMs,
  };
}

/**
 * The private-link token of a seeded request: derived from its id, so that the "portal page"
 * scenario opens `/c/:token` of any sampled request (the app looks a link up by its hash alone).
 * A benchmark dataset only: real links are HMACs of a server key (src/app/portal/private-link.ts).
 */
export function benchPortalToken(requestId: string): string {
  return createHash('sha256').update(`schuss-bench-portal|${requestId}`).digest('base64url');
}

async function loadRefs(kysely: Kysely<Database>, schoolId: string, slug: string): Promise<SchoolRefs> {
  const [school, users, categories, products, instructors] = await Promise.all([
    kysely.selectFrom('schools').select('time_zone').where('id', '=', schoolId).executeTakeFirstOrThrow(),
    kysely.selectFrom('users').select(['id', 'name']).where('school_id', '=', schoolId).execute(),
    kysely
      .selectFrom('categories')
      .select('id')
      .where('school_id', '=', schoolId)
      .orderBy('position')
      .execute(),
    kysely.selectFrom('products').selectAll().where('school_id', '=', schoolId).orderBy('position').execute(),
    kysely.selectFrom('instructors').select('id').where('school_id', '=', schoolId).execute(),
  ]);
  return {
    id: schoolId,
    slug,
    timeZone: school.time_zone,
    users,
    categoryIds: categories.map((c) => c.id),
    products: products.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      priceCents: Number(p.price_cents),
      vatRateBp: p.vat_rate_bp,
      isOnlineSale: p.is_online_sale === 1,
      isOptional: p.is_optional === 1,
    })),
    instructorIds: instructors.map((i) => i.id),
  };
}

interface Plan {
  status: Status;
  createdMs: number;
  number: string;
}

interface Customer {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  language: string;
}

interface GeneratedSchool {
  statusCounts: Record<Status, number>;
  sampleIds: string[];
  searchTerms: string[];
  writeTargets: DatasetManifest['writeTargets'];
}

/** Per-school generator state: counters, the customer pool, the rows of the current batch. */
class SchoolGenerator {
  readonly customers: Customer[] = [];
  readonly offerSequences = new Map<string, number>();
  batch = emptyBatch();

  constructor(
    readonly school: SchoolRefs,
    readonly rng: Rng,
    readonly nowMs: number,
  ) {}

  staff(): { id: string; name: string } {
    return this.rng.pick(this.school.users);
  }

  /** A new customer (80 %) or one who already wrote to this school. */
  customerFor(createdMs: number): Customer {
    const { rng } = this;
    if (this.customers.length > 0 && rng.chance(0.2)) return rng.pick(this.customers);
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const index = this.customers.length + 1;
    const local = `${fold(firstName)}.${fold(lastName)}.${index}`;
    const domain = rng.pick(EMAIL_DOMAINS);
    const typed = rng.chance(0.1)
      ? `${capitalizeAscii(local)}@${domain.toUpperCase()}`
      : `${local}@${domain}`;
    const customer: Customer = {
      id: fastId('customer'),
      firstName,
      lastName,
      email: typed,
      phone: rng.chance(0.7) ? frenchPhone(rng) : null,
      language: rng.weighted(LANGUAGE_WEIGHTS),
    };
    const at = iso(createdMs);
    this.batch.customers.push(
      withSearchKeys({
        id: customer.id,
        school_id: this.school.id,
        email: typed,
        email_normalized: typed.normalize('NFC').toLowerCase(),
        first_name: firstName,
        last_name: lastName,
        phone: customer.phone,
        language: customer.language,
        note: '',
        version: 1,
        updated_by_name: null,
        change_marks_json: '{}',
        created_at: at,
        updated_at: at,
      }),
    );
    this.customers.push(customer);
    return customer;
  }

  nextOfferNumber(kind: 'quote' | 'payment_link', year: number): string {
    const key = `${kind}:${year}`;
    const next = (this.offerSequences.get(key) ?? 0) + 1;
    this.offerSequences.set(key, next);
    return `${kind === 'quote' ? 'D' : 'L'}${formatRequestNumber(year, next)}`;
  }

  /** An instant after `ms`: minutes to days later, never in the future. */
  later(ms: number, maxMinutes = 3 * 24 * 60): number {
    return Math.min(this.nowMs - MINUTE, ms + this.rng.int(5, maxMinutes) * MINUTE);
  }
}

function emptyBatch() {
  return {
    customers: [] as Row<'customers'>[],
    requests: [] as Row<'requests'>[],
    lines: [] as Row<'lines'>[],
    messages: [] as Row<'messages'>[],
    offers: [] as Row<'offers'>[],
    payments: [] as Row<'payments'>[],
    activity: [] as Row<'activity'>[],
    search: [] as Row<'search_fts'>[],
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function capitalizeAscii(text: string): string {
  return text.replace(/(^|\.)([a-z])/g, (_m, dot: string, letter: string) => dot + letter.toUpperCase());
}

async function generateSchool(
  writer: BulkWriter,
  school: SchoolRefs,
  count: number,
  rng: Rng,
  nowMs: number,
  totals: Totals,
  minTargets: number,
  portalLinkKey: string,
): Promise<GeneratedSchool> {
  // Numbers are gapless per school and year, in creation order: plan every request first.
  const yearOf = (ms: number) => {
    const utcYear = new Date(ms).getUTCFullYear();
    // Time zones are within ±14 h of UTC: away from a UTC new year, the local year is the UTC year.
    const margin = 14 * 3_600_000;
    if (ms - Date.UTC(utcYear, 0, 1) > margin && Date.UTC(utcYear + 1, 0, 1) - ms > margin) return utcYear;
    return yearIn(iso(ms), school.timeZone);
  };
  const plans: Plan[] = [];
  const plan = (status: Status) => {
    const [minDays, maxDays] = AGE_DAYS[status];
    const createdMs = nowMs - rng.int(minDays * 24 * 60 + 10, maxDays * 24 * 60 + 60) * MINUTE;
    plans.push({ status, createdMs, number: '' });
  };
  for (let i = 0; i < count; i++) plan(rng.weighted(STATUS_WEIGHTS));
  // The write scenarios' targets: topped up where the tab's share of `count` is too small.
  for (const status of TARGET_STATUSES) {
    const planned = plans.filter((p) => p.status === status).length;
    // 5 % of files do not allow online payment (no checkout there): plan a few more of those.
    const wanted = status === 'awaiting_payment' ? Math.ceil(minTargets * 1.1) : minTargets;
    for (let i = planned; i < wanted; i++) plan(status);
  }
  plans.sort((a, b) => a.createdMs - b.createdMs);
  const sequences = new Map<number, number>();
  for (const plan of plans) {
    const year = yearOf(plan.createdMs);
    const sequence = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, sequence);
    plan.number = formatRequestNumber(year, sequence);
  }

  const generator = new SchoolGenerator(school, rng, nowMs);
  const statusCounts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const sampleIds: string[] = [];
  const sampleSize = 5_000;
  const terms = new Set<string>();
  const writeTargets: GeneratedSchool['writeTargets'] = { noLine: [], lineNothingSent: [], openAttempt: [] };
  let seen = 0;

  for (let from = 0; from < plans.length; from += BATCH) {
    generator.batch = emptyBatch();
    for (const plan of plans.slice(from, from + BATCH)) {
      const { id, status, customer, version, checkout } = generateRequest(
        generator,
        plan,
        yearOf(plan.createdMs),
      );
      statusCounts[status]++;
      if (minTargets > 0 && status === 'request') writeTargets.noLine.push({ id, version });
      if (minTargets > 0 && status === 'in_progress') writeTargets.lineNothingSent.push({ id, version });
      const isWebhookTarget =
        minTargets > 0 && checkout !== null && writeTargets.openAttempt.length < minTargets;
      if (isWebhookTarget) {
        const attempt = { id: fastId('paymentAttempt'), providerSessionId: '', ...checkout };
        writeTargets.openAttempt.push({ id, version, attempt });
        // Its offer's e-mail carried the private link: the file has its nonce, as the app's would
        // (src/app/portal/private-link.ts) — so it is no "portal page" sample (benchPortalToken).
        const row = generator.batch.requests[generator.batch.requests.length - 1]!;
        const link = newPortalLink(portalLinkKey, id);
        row.portal_nonce = link.nonce;
        row.portal_token_hash = link.tokenHash;
      } else {
        // Reservoir sample: every request has the same chance to be a dossier-page target.
        seen++;
        if (sampleIds.length < sampleSize) sampleIds.push(id);
        else {
          const slot = rng.int(0, seen - 1);
          if (slot < sampleSize) sampleIds[slot] = id;
        }
      }
      if (terms.size < 400 && rng.chance(0.01)) {
        terms.add(customer.lastName);
        terms.add(fold(customer.lastName).replaceAll('-', ' '));
        terms.add(fold(customer.firstName));
        terms.add(customer.email.toLowerCase());
        terms.add(plan.number);
      }
    }
    const b = generator.batch;
    await writer.transaction(async () => {
      await writer.insert('customers', b.customers);
      await writer.insert('requests', b.requests);
      await writer.insert('lines', b.lines);
      await writer.insert('messages', b.messages);
      await writer.insert('offers', b.offers);
      await writer.insert('payments', b.payments);
      await writer.insert('activity', b.activity);
      await writer.insert('search_fts', b.search);
    });
    totals.customers += b.customers.length;
    totals.requests += b.requests.length;
    totals.lines += b.lines.length;
    totals.messages += b.messages.length;
    totals.offers += b.offers.length;
    totals.payments += b.payments.length;
    totals.activity += b.activity.length;
  }

  // The application numbers the next request from these counters and keeps the tab counts
  // up to date from these rows: it continues after ours.
  await writer.transaction(async () => {
    await writer.insert(
      'counters',
      [...sequences].map(([year, value]) => ({
        school_id: school.id,
        name: requestCounterName(year),
        value,
      })),
    );
    await writer.insert(
      'status_counts',
      STATUSES.map((status) => ({ school_id: school.id, status, count: statusCounts[status] })),
    );
  });
  for (const word of ['snowboard', 'moniteur', 'Piou-Piou', 'acompte', 'télésiège', 'telesiege', 'Étoile'])
    terms.add(word);
  // A write target is never a read sample: sending a payment link gives the file a new private
  // link, and a reused dataset's "portal page" samples must still open.
  const sampled = new Set(sampleIds);
  const unsampled = (targets: WriteTarget[]) => targets.filter((target) => !sampled.has(target.id));
  return {
    statusCounts,
    sampleIds,
    searchTerms: [...terms],
    writeTargets: {
      noLine: rng.shuffle(unsampled(writeTargets.noLine)),
      lineNothingSent: rng.shuffle(unsampled(writeTargets.lineNothingSent)),
      openAttempt: rng.shuffle(writeTargets.openAttempt),
    },
  };
}

/** The tabs whose requests the write scenarios act on: simple requests, dossiers with nothing sent, awaiting payment. */
const TARGET_STATUSES = ['request', 'in_progress', 'awaiting_payment'] as const satisfies readonly Status[];

/** A bench session holds what the catalogue's do: 12 places, i.e. 6 lines of 2 participants. */
const BENCH_SESSION_CAPACITY = 12;
const LINES_PER_BENCH_SESSION = 6;

/** Sessions of the adult group lessons for the "add a catalogue line" targets (see `DatasetManifest.benchSessions`). */
async function addBenchSessions(
  writer: BulkWriter,
  school: SchoolRefs,
  targets: WriteTarget[],
  nowMs: number,
): Promise<DatasetManifest['benchSessions']> {
  const product = school.products.find((p) => p.kind === 'cours_collectif' && p.name.includes('adultes'));
  if (!product) throw new Error('The bench catalogue has no adult group lesson.');
  const startsOn = iso(nowMs + 30 * DAY).slice(0, 10);
  const endsOn = iso(nowMs + 35 * DAY).slice(0, 10);
  const rows: Row<'product_sessions'>[] = [];
  targets.forEach((target, i) => {
    if (i % LINES_PER_BENCH_SESSION === 0) {
      rows.push({
        id: fastId('productSession'),
        school_id: school.id,
        product_id: product.id,
        starts_on: startsOn,
        ends_on: endsOn,
        start_time: '14:00',
        end_time: '16:30',
        meeting_point: 'Chalet de l’école',
        capacity: BENCH_SESSION_CAPACITY,
        is_active: 1,
        created_at: iso(nowMs),
      });
    }
    target.sessionId = rows[rows.length - 1]!.id;
  });
  for (let from = 0; from < rows.length; from += BATCH) {
    await writer.transaction(() => writer.insert('product_sessions', rows.slice(from, from + BATCH)));
  }
  return { productId: product.id, startsOn, endsOn, count: rows.length };
}

/**
 * The open checkouts of the "webhook: payment succeeded" targets: what `startCheckout` leaves
 * once the sandbox answered — a payment_attempts row for the deposit of the file's offer, state
 * open, with the sandbox's session id and page (the same the app's sandbox would give that attempt).
 */
async function addOpenAttempts(
  writer: BulkWriter,
  school: SchoolRefs,
  targets: WriteTarget[],
  sandboxSecret: string,
  nowMs: number,
): Promise<void> {
  const sandbox = new SandboxProvider({
    secret: sandboxSecret,
    publicUrl: 'http://127.0.0.1',
    now: () => new Date(nowMs),
  });
  const rows: Row<'payment_attempts'>[] = [];
  for (const target of targets) {
    const attempt = target.attempt!;
    const session = await sandbox.createCheckout({
      attemptId: attempt.id,
      schoolId: school.id,
      requestId: target.id,
      amountCents: cents(attempt.amountCents),
      currency: 'eur',
      description: '',
      customerEmail: null,
      locale: 'fr',
      returnUrl: '',
      cancelUrl: '',
    });
    attempt.providerSessionId = session.providerSessionId;
    const at = iso(nowMs - 5 * MINUTE);
    rows.push({
      id: attempt.id,
      school_id: school.id,
      request_id: target.id,
      offer_id: attempt.offerId,
      provider: 'sandbox',
      amount_cents: attempt.amountCents,
      currency: 'eur',
      purpose: 'deposit',
      state: 'open',
      provider_session_id: session.providerSessionId,
      checkout_url: session.url,
      created_at: at,
      updated_at: at,
    });
  }
  for (let from = 0; from < rows.length; from += BATCH) {
    await writer.transaction(() => writer.insert('payment_attempts', rows.slice(from, from + BATCH)));
  }
}

const SOURCE_WEIGHTS = { vel: 40, contact: 15, custom: 15, email: 15, staff: 15 } as const;
const MANUAL_METHODS = ['cash', 'cheque', 'transfer', 'cheques_vacances', 'card_desk'] as const;

/**
 * One request shaped for its planned tab: lines, offer, payments and POS flags chosen so that
 * `deriveStatus` lands on that tab — and the stored status is whatever `deriveStatus` says.
 */
function generateRequest(
  g: SchoolGenerator,
  plan: Plan,
  year: number,
): {
  id: string;
  status: Status;
  customer: Customer;
  version: number;
  /** A file awaiting payment that allows it online: its offer and deposit (a checkout may open). */
  checkout: { offerId: string; amountCents: number } | null;
} {
  const { rng, school, batch } = g;
  const target = plan.status;
  const id = fastId('request');
  const customer = g.customerFor(plan.createdMs);
  const source: Source =
    target === 'new'
      ? 'custom'
      : target === 'request'
        ? rng.weighted({ vel: 45, contact: 20, email: 20, staff: 15 })
        : rng.weighted(SOURCE_WEIGHTS);
  const isDossier = target !== 'request' && (target !== 'archived' || rng.chance(0.7));
  const createdMs = plan.createdMs;
  let t = createdMs;
  const activity = (
    actorKind: Row<'activity'>['actor_kind'],
    action: string,
    at: number,
    details: Record<string, unknown> = {},
  ) => {
    const staff = actorKind === 'staff' ? g.staff() : null;
    batch.activity.push({
      school_id: school.id,
      request_id: id,
      actor_kind: actorKind,
      actor_user_id: staff?.id ?? null,
      actor_name:
        staff?.name ??
        (actorKind === 'customer'
          ? `${customer.firstName} ${customer.lastName}`
          : actorKind === 'pos'
            ? 'Logiciel'
            : 'Système'),
      action,
      details_json: JSON.stringify(details),
      created_at: iso(at),
    });
  };
  activity(source === 'staff' ? 'staff' : 'customer', 'request.created', createdMs, {
    number: plan.number,
    source,
  });

  // Conversation: the first entry shows what the form submitted; then replies.
  const wishedMs = createdMs + rng.int(3, 40) * DAY;
  const day = dateLabel(wishedMs);
  const participants = Array.from({ length: rng.int(1, 3) }, () => ({
    firstName: rng.pick(FIRST_NAMES),
    birthDate: `${rng.int(1975, 2021)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    level: rng.pick(LEVELS),
  }));
  const firstBody = customerMessage(rng, customer.firstName, day);
  const messages: {
    author: 'customer' | 'staff' | 'system';
    userId: string | null;
    body: string;
    payload: FormPayload | null;
    at: number;
  }[] = [];
  const formFacts = { author: customer, participants, message: firstBody, wishedMs };
  if (source === 'custom') {
    messages.push({
      author: 'system',
      userId: null,
      body: 'Dossier créé depuis la vente',
      payload: seedFormPayload(rng, 'custom', formFacts),
      at: createdMs,
    });
  } else if (source === 'vel' || source === 'contact') {
    messages.push({
      author: 'customer',
      userId: null,
      body: firstBody,
      payload: seedFormPayload(rng, source, formFacts),
      at: createdMs,
    });
  } else if (source === 'staff') {
    const staff = g.staff();
    messages.push({
      author: 'staff',
      userId: staff.id,
      body: `Appel de ${customer.firstName} : ${firstBody}`,
      payload: null,
      at: createdMs,
    });
  } else {
    messages.push({ author: 'customer', userId: null, body: firstBody, payload: null, at: createdMs });
  }
  const extraMessages = rng.int(0, 2);
  for (let i = 0; i < extraMessages; i++) {
    t = g.later(t);
    const isStaffTurn = i % 2 === 0;
    const staff = g.staff();
    messages.push(
      isStaffTurn
        ? { author: 'staff', userId: staff.id, body: staffReply(rng, day), payload: null, at: t }
        : { author: 'customer', userId: null, body: customerFollowUp(rng), payload: null, at: t },
    );
    activity(isStaffTurn ? 'staff' : 'customer', isStaffTurn ? 'message.sent' : 'message.received', t);
  }

  // Lines (the dossier), with the facts each tab needs.
  const lineFacts: StatusFacts['lines'][number][] = [];
  let customValidatedAt: string | null = null;
  let offerSentAt: string | null = null;
  let isEnteredInPos = false;
  let archivedAt: string | null = null;
  const isPaidTab = target === 'paid' || target === 'processed';
  const lineRows: Row<'lines'>[] = [];
  if (isDossier) {
    const linesAt = g.later(createdMs, 24 * 60);
    t = Math.max(t, linesAt);
    if (source === 'custom') {
      const hours = rng.int(1, 6);
      const unit = cents(6_500);
      lineRows.push(
        lineRow(id, school.id, {
          kind: 'custom',
          productId: null,
          label: `Cours sur mesure — ${rng.pick(PRACTICES)}, ${hours} h`,
          quantity: hours,
          unit,
          vatRateBp: 1000,
          isOnlineSale: false,
          isOptional: false,
          isActive: true,
          details: {
            participants,
            instructorId: rng.chance(0.5) ? rng.pick(school.instructorIds) : null,
            language: customer.language,
          },
          at: linesAt,
        }),
      );
      if (target !== 'new') {
        customValidatedAt = iso(linesAt);
        activity('staff', 'request.custom_validated', linesAt);
      }
    } else {
      const products = school.products.filter((p) => !p.isOptional);
      const lineCount = rng.int(1, 3);
      for (let i = 0; i < lineCount; i++) {
        const product = rng.pick(products);
        lineRows.push(
          lineRow(id, school.id, {
            kind: 'catalog',
            productId: product.id,
            label: product.name,
            quantity: rng.int(1, 4),
            unit: cents(product.priceCents),
            vatRateBp: product.vatRateBp,
            isOnlineSale: product.isOnlineSale,
            isOptional: false,
            isActive: true,
            details: { participants },
            at: linesAt,
          }),
        );
      }
      const extra = school.products.find((p) => p.isOptional);
      if (extra && rng.chance(0.4)) {
        lineRows.push(
          lineRow(id, school.id, {
            kind: 'extra',
            productId: extra.id,
            label: extra.name,
            quantity: participants.length,
            unit: cents(extra.priceCents),
            vatRateBp: extra.vatRateBp,
            isOnlineSale: extra.isOnlineSale,
            isOptional: true,
            // A customer who dropped the optional insurance from the quote.
            isActive: !rng.chance(0.25),
            details: {},
            at: linesAt,
          }),
        );
      }
    }
    activity('staff', 'line.added', linesAt, { count: lineRows.length });
    for (const [position, row] of lineRows.entries()) {
      row.position = position;
      lineFacts.push({
        isActive: row.is_active === 1,
        totalCents: cents(Number(row.total_cents)),
        isOnlineSale: row.is_online_sale === 1,
        isPosImported: false,
      });
    }
  }
  const total = cents(activeTotal(lineFacts));

  // Offer (quote or payment link), sent from "awaiting payment" on (most paid dossiers had one too).
  const wantsOffer =
    target === 'awaiting_payment' ||
    target === 'deposit_paid' ||
    ((isPaidTab || target === 'archived') && isDossier && rng.chance(0.8));
  let offerId: string | null = null;
  if (wantsOffer && target !== 'archived') {
    t = g.later(t);
    offerSentAt = iso(t);
    const kind = rng.chance(0.7) ? ('quote' as const) : ('payment_link' as const);
    const staff = g.staff();
    const deposit = rng.chance(0.5) ? percentOf(total, 3000) : null;
    offerId = fastId('offer');
    batch.offers.push({
      id: offerId,
      school_id: school.id,
      request_id: id,
      kind,
      number: g.nextOfferNumber(kind, year),
      total_cents: total,
      deposit_cents: deposit,
      snapshot_json: JSON.stringify({
        lines: lineRows.map((l) => ({ label: l.label, quantity: l.quantity, totalCents: l.total_cents })),
      }),
      sent_at: offerSentAt,
      sent_by_user_id: staff.id,
      version: 1,
      amount_cents: kind === 'payment_link' ? (deposit ?? total) : null,
      valid_until: null,
      reminder_sent_at: null,
    });
    activity('staff', 'offer.sent', t, { kind });
  }

  // Payments: a deposit, a full payment, deposit + balance, or an overpayment refunded.
  let paid = 0;
  const pay = (
    amount: Cents,
    at: number,
    kind: 'online' | 'manual' | 'refund' = rng.chance(0.6) ? 'online' : 'manual',
  ) => {
    const isOnline = kind === 'online';
    const staff = isOnline ? null : g.staff();
    const paymentId = fastId('payment');
    batch.payments.push({
      id: paymentId,
      school_id: school.id,
      request_id: id,
      kind,
      method: isOnline ? 'card' : kind === 'refund' ? 'transfer' : rng.pick(MANUAL_METHODS),
      amount_cents: amount,
      provider: isOnline ? 'sandbox' : null,
      provider_ref: isOnline ? `bench_${paymentId}` : null,
      payer_name: `${customer.firstName} ${customer.lastName}`,
      note: null,
      is_flagged: 0,
      received_at: iso(at),
      recorded_by_user_id: staff?.id ?? null,
      created_at: iso(at),
    });
    paid += amount;
    activity(
      isOnline ? 'customer' : 'staff',
      kind === 'refund' ? 'payment.refunded' : 'payment.received',
      at,
      { amountCents: amount },
    );
  };
  if (target === 'deposit_paid') {
    t = g.later(t);
    pay(percentOf(total, 3000), t);
  } else if (isPaidTab || (target === 'archived' && isDossier)) {
    const paidTotal = target === 'archived' ? cents(rng.int(50, 900) * 100) : total;
    const shape = rng.weighted({ full: 60, depositThenBalance: 35, overpaidRefunded: 5 });
    t = g.later(t);
    if (shape === 'depositThenBalance') {
      const deposit = percentOf(paidTotal, 3000);
      pay(deposit, t);
      t = g.later(t);
      pay(subtract(paidTotal, deposit), t);
    } else if (shape === 'overpaidRefunded') {
      const extra = cents(rng.int(1, 50) * 100);
      pay(cents(paidTotal + extra), t, 'manual');
      t = g.later(t);
      pay(multiply(extra, -1), t, 'refund');
    } else {
      pay(paidTotal, t);
    }
  }

  // Counter software: processed dossiers are imported (online lines) and ticked (the others).
  if (target === 'processed') {
    t = g.later(t, 2 * 24 * 60);
    for (const [i, row] of lineRows.entries()) {
      if (row.is_online_sale === 1 && row.is_active === 1) {
        row.pos_imported_at = iso(t);
        lineFacts[i]!.isPosImported = true;
      }
    }
    if (lineFacts.some((l) => l.isActive && !l.isOnlineSale)) {
      isEnteredInPos = true;
      activity('staff', 'request.entered_in_pos', t);
    }
    if (lineFacts.some((l) => l.isActive && l.isOnlineSale)) activity('pos', 'pos.imported', t);
  }

  // Archive: end of season, the order content is erased, the conversation and payments stay.
  let storedLines = lineRows;
  let storedFacts = lineFacts;
  if (target === 'archived') {
    t = g.later(t, 30 * 24 * 60);
    archivedAt = iso(t);
    isEnteredInPos = isDossier;
    storedLines = [];
    storedFacts = [];
    if (source === 'custom') customValidatedAt = iso(createdMs);
    activity('staff', 'request.archived', t);
  }

  const facts: StatusFacts = {
    source,
    archivedAt,
    customValidatedAt,
    offerSentAt,
    isEnteredInPos,
    lines: storedFacts,
    paidCents: cents(paid),
  };
  const status = deriveStatus(facts);
  if (status !== target) {
    throw new Error(
      `Generator bug: request planned for "${target}" derives to "${status}" (${JSON.stringify(facts)}).`,
    );
  }

  const last = messages[messages.length - 1]!;
  for (const m of messages) {
    batch.messages.push({
      id: fastId('message'),
      school_id: school.id,
      request_id: id,
      author_kind: m.author,
      author_user_id: m.userId,
      body: m.body,
      payload_json: m.payload === null ? null : JSON.stringify(m.payload),
      created_at: iso(m.at),
    });
  }
  const editor = g.staff();
  const hasCategory = rng.chance(0.5);
  const version = 1 + (isDossier ? rng.int(1, 4) : 0);
  // The "Commentaire client" belongs to the customer; drawn here to keep the generated data as it was.
  if (rng.chance(0.05)) {
    const row = batch.customers.find((c) => c.id === customer.id);
    if (row) row.note = 'Attention, ce client a droit à une remise de 10 %.';
  }
  // Drawn in the order the request row's columns were (the dataset stays as it was).
  const categoryId = hasCategory ? rng.pick(school.categoryIds) : null;
  const isOnlinePaymentAllowed = rng.chance(0.95);
  batch.requests.push({
    id,
    school_id: school.id,
    number: plan.number,
    source,
    customer_id: customer.id,
    language: customer.language,
    category_id: categoryId,
    is_online_payment_allowed: isOnlinePaymentAllowed ? 1 : 0,
    is_entered_in_pos: isEnteredInPos ? 1 : 0,
    custom_validated_at: customValidatedAt,
    offer_sent_at: offerSentAt,
    archived_at: archivedAt,
    status,
    total_cents: activeTotal(storedFacts),
    paid_cents: paid,
    portal_token_hash: sha256(benchPortalToken(id)),
    // Set on the "webhook: payment succeeded" targets (their private link); every row names it (bulk INSERT columns).
    portal_nonce: null,
    last_message_at: iso(last.at),
    last_message_preview: preview(last.body),
    last_message_author: last.author,
    created_at: iso(createdMs),
    updated_at: iso(Math.max(t, last.at)),
    updated_by_name: source === 'staff' || isDossier ? editor.name : null,
    version,
    change_marks_json: '{}',
    customer_name: `${customer.firstName} ${customer.lastName}`.trim(),
    customer_email: customer.email,
    services_json: JSON.stringify(
      [...storedLines]
        .sort((a, b) => a.position - b.position)
        .filter((l) => l.is_active === 1)
        .map((l) => l.label),
    ),
    // Every generated custom lesson carries its price.
    is_to_be_priced: 0,
  });
  batch.lines.push(...storedLines);
  batch.search.push({
    request_id: id,
    school_id: school.id,
    content: searchContent(
      { number: plan.number },
      {
        first_name: customer.firstName,
        last_name: customer.lastName,
        email: customer.email,
        phone: customer.phone,
      },
      messages.map((m) => m.body),
    ),
  });
  const deposit = percentOf(total, 3000);
  const checkout =
    status === 'awaiting_payment' && isOnlinePaymentAllowed && offerId && deposit > 0 && deposit < total
      ? { offerId, amountCents: deposit }
      : null;
  return { id, status, customer, version, checkout };
}

function lineRow(
  requestId: string,
  schoolId: string,
  l: {
    kind: 'catalog' | 'custom' | 'extra';
    productId: string | null;
    label: string;
    quantity: number;
    unit: Cents;
    vatRateBp: number;
    isOnlineSale: boolean;
    isOptional: boolean;
    isActive: boolean;
    details: Record<string, unknown>;
    at: number;
  },
): Row<'lines'> {
  return {
    id: fastId('line'),
    school_id: schoolId,
    request_id: requestId,
    kind: l.kind,
    product_id: l.productId,
    label: l.label,
    quantity: l.quantity,
    unit_price_cents: l.unit,
    total_cents: multiply(l.unit, l.quantity),
    vat_rate_bp: l.vatRateBp,
    is_online_sale: l.isOnlineSale ? 1 : 0,
    is_optional: l.isOptional ? 1 : 0,
    is_active: l.isActive ? 1 : 0,
    details_json: JSON.stringify(l.details),
    pos_imported_at: null,
    position: 0,
    created_at: iso(l.at),
    updated_at: iso(l.at),
    session_id: null,
    instructor_id: null,
    participant_count: 0,
  };
}

/**
 * Re-derives the status of some seeded requests with the application's own repository and rule,
 * and checks the materialised tab counts: the generator must not drift from the app when the
 * status facts change. Returns one line per disagreement.
 */
export async function verifyDataset(
  target: { sqliteFile: string; databaseUrl: string | null },
  requestIds: string[],
): Promise<string[]> {
  const db = openDatabase({ databaseUrl: target.databaseUrl ?? undefined, sqliteFile: target.sqliteFile });
  const problems: string[] = [];
  try {
    const schoolIds = new Set<string>();
    for (const id of requestIds) {
      const row = await db.kysely.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) {
        problems.push(`${id}: not found`);
        continue;
      }
      schoolIds.add(row.school_id);
      const loaded = await loadStatusFacts(db.kysely, row.school_id, row.id);
      const facts = { ...loaded.facts, ...loaded.beside };
      const status = deriveStatus(facts);
      const total = activeTotal(facts.lines);
      if (
        status !== row.status ||
        total !== Number(row.total_cents) ||
        facts.paidCents !== Number(row.paid_cents)
      ) {
        problems.push(
          `${row.number}: stored ${row.status} ${row.total_cents}/${row.paid_cents}, app derives ${status} ${total}/${facts.paidCents}`,
        );
      }
    }
    for (const schoolId of schoolIds) {
      const [actual, materialised] = await Promise.all([
        db.kysely
          .selectFrom('requests')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .where('school_id', '=', schoolId)
          .groupBy('status')
          .execute(),
        db.kysely
          .selectFrom('status_counts')
          .select(['status', 'count'])
          .where('school_id', '=', schoolId)
          .execute(),
      ]);
      for (const { status, n } of actual) {
        const stored = materialised.find((m) => m.status === status);
        if (Number(stored?.count ?? 0) !== Number(n)) {
          problems.push(`status_counts ${status}: ${stored?.count ?? 0} stored, ${n} requests`);
        }
      }
    }
  } finally {
    await db.close();
  }
  return problems;
}

/** `tsx bench/seed.ts --requests 100000 --db-file data/bench.db`: seeds without benchmarking. */
async function main(): Promise<void> {
  const { parseBenchOptions } = await import('./options.js');
  const options = parseBenchOptions(process.argv.slice(2));
  const sqliteFile = options.dbFile ?? 'data/bench/schuss-bench.db';
  if (!options.databaseUrl && existsSync(sqliteFile)) {
    throw new Error(
      `${sqliteFile} exists already: delete it (and its -wal/-shm files) or pass another --db-file.`,
    );
  }
  const manifest = await seedDataset({
    requests: options.requests,
    schools: options.schools,
    schoolRequests: options.schoolRequests,
    seed: options.seed,
    sqliteFile,
    databaseUrl: options.databaseUrl,
    analyze: options.analyze,
    targets: options.targets,
    log: (line) => process.stdout.write(`  ${line}\n`),
  });
  const manifestFile = manifestPathFor(options.databaseUrl ? null : sqliteFile, options.databaseUrl);
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  process.stdout.write(`Seeded ${manifest.totals.requests} requests; manifest: ${manifestFile}\n`);
}

/** Where the manifest of a seeded database lives: next to the SQLite file, or per PostgreSQL URL in the temp folder. */
export function manifestPathFor(sqliteFile: string | null, databaseUrl: string | null): string {
  if (databaseUrl) {
    return join(tmpdir(), `schuss-bench-pg-${sha256(databaseUrl).slice(0, 12)}.manifest.json`);
  }
  return `${sqliteFile}.manifest.json`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
