import { createHash, randomBytes } from 'node:crypto';
import { fastId } from './random.js';
import type { TargetKind } from './scenarios/targets.js';
import type { TwinName } from './scenarios/types.js';
import type { WriteTarget } from './seed.js';

/**
 * The raw twins of the write scenarios. A twin writes, for one request, the rows its scenario's
 * operation writes — same tables, same columns, same number of rows, the same unique keys and
 * indexes hit (upserts on the same conflict targets, updates by the same keys) — by prepared
 * statements in ONE transaction, behind a bare Fastify route (bench/twin-server.ts): the physical
 * limit of that work on that database. It reads nothing it does not need to write (no session,
 * no validation, no answer to render) and writes each row once (the app may write the request
 * row several times). `npx tsx bench/trace.ts --db-file … "<scenario>"` prints what the app's
 * operation runs, next to what its twin writes: keep them in step when the operation changes.
 */

/** The SQL of a statement: one text for both databases, or one each. `?` placeholders. */
export type TwinSql = string | { sqlite: string; postgres: string };

/** What a twin knows of the dataset: the big school, a secretary, its staff, the bench session. */
export interface TwinFixture {
  schoolId: string;
  schoolSlug: string;
  schoolName: string;
  secretary: { id: string; name: string };
  staffIds: string[];
  productId: string;
  sessionStartsOn: string;
  sessionEndsOn: string;
  year: number;
}

/**
 * Runs one prepared statement of the twin (by name) in the request's transaction: the rows it
 * returns, or `[{ changes }]` for a statement that returns none.
 */
export type TwinExec = (name: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** The guarded write of the request row found it at the version it read. */
function expectOneChange(rows: Record<string, unknown>[], what: string): void {
  if (Number(rows[0]?.changes) !== 1) throw new Error(`${what}: not at the version read`);
}

/** A staff change moving a file from one tab to another: the two tab counts and its journal row. */
async function moveTabAndJournal(
  exec: TwinExec,
  f: TwinFixture,
  requestId: string,
  tabs: { from: string; to: string },
  action: string,
  detailsJson: string,
  now: string,
): Promise<void> {
  await exec('count', [f.schoolId, tabs.from, -1, -1]);
  await exec('count', [f.schoolId, tabs.to, 1, 1]);
  const actor = ['staff', f.secretary.id, f.secretary.name];
  await exec('journal', [f.schoolId, requestId, ...actor, action, detailsJson, now]);
}

/**
 * The version of the target, read by primary key in the transaction (the app reads the whole
 * row): a twin outlasting its targets goes round them again, each write still guarded.
 */
const VERSION_READ = 'select version from requests where school_id = ? and id = ?';
async function versionOf(exec: TwinExec, schoolId: string, requestId: string): Promise<number> {
  const [row] = await exec('version', [schoolId, requestId]);
  return Number(row!.version);
}

export interface TwinDefinition {
  name: TwinName;
  description: string;
  /** Rows written by one operation, per table (compare with `bench/trace.ts`'s count of the app's). */
  rows: Record<string, number>;
  /** The write scenario's targets it takes one per request (null: it creates its own rows). */
  targets: TargetKind | null;
  statements: Record<string, TwinSql>;
  /** One request's statements, inside the transaction the server opens and commits. */
  run(exec: TwinExec, f: TwinFixture, target: WriteTarget | null, n: number, now: string): Promise<void>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const STATUS_COUNT_UPSERT = `insert into status_counts (school_id, status, count) values (?, ?, ?)
  on conflict (school_id, status) do update set count = status_counts.count + ?`;
const ACTIVITY_INSERT = `insert into activity (school_id, request_id, actor_kind, actor_user_id, actor_name, action, details_json, created_at)
  values (?, ?, ?, ?, ?, ?, ?, ?)`;
const OUTBOX_INSERT = `insert into outbox (id, school_id, kind, payload_json, created_at, available_at, attempts, delivered_at, last_error)
  values (?, ?, ?, ?, ?, ?, 0, null, null)`;
const COUNTER_NEXT = `insert into counters (school_id, name, value) values (?, ?, 1)
  on conflict (school_id, name) do update set value = counters.value + 1 returning value`;

const PARTICIPANTS = [
  { firstName: 'Camille', birthDate: '1984-03-12', level: 'intermediate' },
  { firstName: 'Hugo', birthDate: '1986-11-02', level: 'beginner' },
];
const LINE_LABEL = 'Cours collectif adultes — tous niveaux (6 après-midi)';

/** "add a catalogue line": the line, the request (version, status, totals, services), 2 tab counts, the journal. */
const addLine: TwinDefinition = {
  name: 'add-line',
  description: 'raw twin of "add a catalogue line": 1 line, 1 request row, 2 tab counts, 1 journal row',
  rows: { 'insert lines': 1, 'update requests': 1, 'insert status_counts': 2, 'insert activity': 1 },
  targets: 'noLine',
  statements: {
    line: `insert into lines (id, kind, product_id, label, label_key, label_params_json, quantity, unit_price_cents,
        total_cents, vat_rate_bp, is_online_sale, is_optional, is_active, details_json, pos_imported_at, session_id,
        instructor_id, participant_count, school_id, request_id, position, created_at, updated_at)
      values (?, 'catalog', ?, ?, null, null, 2, 22900, 45800, 1000, 1, 0, 1, ?, null, ?, null, 2, ?, ?, 0, ?, ?)`,
    version: VERSION_READ,
    request: `update requests set version = version + 1, updated_at = ?, updated_by_name = ?, status = 'in_progress',
        total_cents = 45800, paid_cents = 0, services_json = ?, is_to_be_priced = 0
      where school_id = ? and id = ? and version = ?`,
    count: STATUS_COUNT_UPSERT,
    journal: ACTIVITY_INSERT,
  },
  async run(exec, f, target, _n, now) {
    const t = target!;
    const lineId = fastId('line');
    const details = JSON.stringify({
      participants: PARTICIPANTS,
      session: {
        id: t.sessionId,
        startsOn: f.sessionStartsOn,
        endsOn: f.sessionEndsOn,
        startTime: '14:00',
        endTime: '16:30',
        meetingPoint: 'Chalet de l’école',
      },
    });
    const version = await versionOf(exec, f.schoolId, t.id);
    await exec('line', [lineId, f.productId, LINE_LABEL, details, t.sessionId, f.schoolId, t.id, now, now]);
    expectOneChange(
      await exec('request', [now, f.secretary.name, JSON.stringify([LINE_LABEL]), f.schoolId, t.id, version]),
      t.id,
    );
    await moveTabAndJournal(
      exec,
      f,
      t.id,
      { from: 'request', to: 'in_progress' },
      'line.added',
      JSON.stringify({ lineId, label: LINE_LABEL, participants: 2 }),
      now,
    );
  },
};

/** "send a payment link": the counter, the offer (with its snapshot), the request row, 2 tab counts, journal, e-mail. */
const paymentLink: TwinDefinition = {
  name: 'payment-link',
  description:
    'raw twin of "send a payment link": 1 counter, 1 offer, 1 request row, 2 tab counts, 1 journal row, 1 outbox row',
  rows: {
    'insert counters': 1,
    'insert offers': 1,
    'update requests': 1,
    'insert status_counts': 2,
    'insert activity': 1,
    'insert outbox': 1,
  },
  targets: 'lineNothingSent',
  statements: {
    version: VERSION_READ,
    counter: COUNTER_NEXT,
    offer: `insert into offers (id, school_id, request_id, kind, number, total_cents, deposit_cents, snapshot_json, sent_at,
        sent_by_user_id, version, amount_cents, valid_until, reminder_sent_at)
      values (?, ?, ?, 'payment_link', ?, 45800, 13740, ?, ?, ?, 1, 13740, ?, null)`,
    request: `update requests set offer_sent_at = ?, offer_valid_until = ?, portal_nonce = ?, portal_token_hash = ?,
        version = version + 1, updated_at = ?, updated_by_name = ?, status = 'awaiting_payment'
      where school_id = ? and id = ? and version = ?`,
    count: STATUS_COUNT_UPSERT,
    journal: ACTIVITY_INSERT,
    outbox: OUTBOX_INSERT,
  },
  async run(exec, f, target, _n, now) {
    const t = target!;
    const version = await versionOf(exec, f.schoolId, t.id);
    const [counter] = await exec('counter', [f.schoolId, `payment_link:${f.year}`]);
    const number = `LP-${f.year}-${String(counter!.value).padStart(4, '0')}`;
    const validUntil = now.slice(0, 10);
    const offerId = fastId('offer');
    const snapshot = JSON.stringify({
      kind: 'payment_link',
      number,
      version: 1,
      fileNumber: '2026-03765',
      sentAt: now,
      sentOn: validUntil,
      validUntil,
      customer: { name: 'Mathéo Lefebvre', email: 'matheo.lefebvre.3518@orange.fr' },
      school: {
        name: f.schoolName,
        legal: { companyName: '', address: '', siret: '', vatNumber: '', mentions: '' },
      },
      lines: [{ label: LINE_LABEL, quantity: 2, unitPriceCents: 22900, totalCents: 45800, vatRateBp: 1000 }],
      totals: {
        totalCents: 45800,
        netCents: 41636,
        vatCents: 4164,
        vat: [{ rateBp: 1000, totalCents: 45800, vatCents: 4164, netCents: 41636 }],
        paidCents: 0,
      },
      amountCents: 13740,
    });
    await exec('offer', [offerId, f.schoolId, t.id, number, snapshot, now, f.secretary.id, validUntil]);
    const nonce = randomBytes(32).toString('base64url');
    expectOneChange(
      await exec('request', [
        now,
        validUntil,
        nonce,
        sha256(nonce),
        now,
        f.secretary.name,
        f.schoolId,
        t.id,
        version,
      ]),
      t.id,
    );
    await moveTabAndJournal(
      exec,
      f,
      t.id,
      { from: 'in_progress', to: 'awaiting_payment' },
      'offer.payment_link_sent',
      JSON.stringify({ number, amountCents: 13740, validUntil }),
      now,
    );
    await exec('outbox', [
      fastId('outbox'),
      f.schoolId,
      'email',
      JSON.stringify({
        to: 'matheo.lefebvre.3518@orange.fr',
        subject: `Votre lien de paiement ${number} — dossier 2026-03765 — ${f.schoolName}`,
        text: `Bonjour Mathéo,\n\nVous pouvez régler 137,40 € pour votre dossier 2026-03765 jusqu’au ${validUntil}.\nVotre dossier, à tout moment : http://127.0.0.1/c/${nonce}\n\n${f.schoolName}`,
        attachments: [],
      }),
      now,
      now,
    ]);
  },
};

/**
 * "intake": a contact-form submission with the intake key — customer, request number, request,
 * first message (with the form's payload), tab count, search document, journal, one
 * notification per active staff member (one multi-row INSERT), the acknowledgement e-mail, the
 * duplicate fingerprint, and the two rate counters (per key and IP, per e-mail address).
 */
const intake: TwinDefinition = {
  name: 'intake',
  description:
    'raw twin of "intake": customer, counter, request, message, tab count, search document, journal, 3 notifications, outbox, fingerprint, 2 rate counters',
  rows: {
    'insert customers': 1,
    'insert counters': 1,
    'insert requests': 1,
    'insert messages': 1,
    'insert status_counts': 1,
    'insert search_fts': 1,
    'insert activity': 1,
    'insert notifications': 3,
    'insert outbox': 1,
    'insert intake_fingerprints': 1,
    'insert rate_counters': 2,
  },
  targets: null,
  statements: {
    customer: `insert into customers (id, school_id, email, email_normalized, first_name, last_name, phone, language, note,
        version, updated_by_name, change_marks_json, created_at, updated_at, search_last_first, search_first_last,
        search_email, search_phone)
      values (?, ?, ?, ?, ?, ?, null, 'fr', '', 1, null, '{}', ?, ?, ?, ?, ?, '')
      on conflict (school_id, email_normalized) do nothing`,
    counter: COUNTER_NEXT,
    request: `insert into requests (id, school_id, number, source, customer_id, language, category_id,
        is_online_payment_allowed, is_entered_in_pos, custom_validated_at, offer_sent_at, archived_at, status, total_cents,
        paid_cents, portal_token_hash, portal_nonce, offer_valid_until, last_message_at, last_message_preview,
        last_message_key, last_message_params_json, last_message_author, created_at, updated_at, updated_by_name, version,
        change_marks_json, customer_name, customer_email, services_json, is_to_be_priced)
      values (?, ?, ?, 'contact', ?, 'fr', null, 1, 0, null, null, null, 'request', 0, 0, ?, ?, null, ?, ?, null, null,
        'customer', ?, ?, ?, 1, '{}', ?, ?, '[]', 0)`,
    message: `insert into messages (id, school_id, request_id, author_kind, author_user_id, noted_by_user_id, body, body_key,
        body_params_json, payload_json, created_at)
      values (?, ?, ?, 'customer', null, null, ?, null, null, ?, ?)`,
    count: STATUS_COUNT_UPSERT,
    search: {
      sqlite: `insert into search_fts (rowid, content, request_id, school_id)
        values ((select rowid from requests where id = ?), ?, ?, ?)`,
      // The same four parameters as SQLite's (request id, content, request id, school id).
      postgres: `insert into search_fts (request_id, content, school_id)
        select ?::text, ?::text, r.school_id from requests r where r.id = ? and r.school_id = ?
        on conflict (request_id) do update set content = excluded.content`,
    },
    journal: ACTIVITY_INSERT,
    notifications: `insert into notifications (id, school_id, user_id, request_id, kind, payload_json, created_at, read_at)
      values (?, ?, ?, ?, 'request.created', ?, ?, null), (?, ?, ?, ?, 'request.created', ?, ?, null),
        (?, ?, ?, ?, 'request.created', ?, ?, null)`,
    outbox: OUTBOX_INSERT,
    fingerprint: `insert into intake_fingerprints (school_id, fingerprint, request_number, created_at) values (?, ?, ?, ?)
      on conflict (school_id, fingerprint) do update set request_number = excluded.request_number,
        created_at = excluded.created_at where intake_fingerprints.created_at < ?`,
    rate: `insert into rate_counters (scope, key, window_start, expires_at, hits) values (?, ?, ?, ?, 1)
      on conflict (scope, key) do update set
        hits = case when rate_counters.expires_at <= excluded.window_start then 1 else rate_counters.hits + 1 end,
        window_start = case when rate_counters.expires_at <= excluded.window_start then excluded.window_start else rate_counters.window_start end,
        expires_at = case when rate_counters.expires_at <= excluded.window_start then excluded.expires_at else rate_counters.expires_at end
      returning hits, expires_at`,
  },
  async run(exec, f, _target, n, now) {
    const tag = `${process.pid}t${n}`;
    const email = `heloise.richard.${tag}@bench.example.org`;
    const customerId = fastId('customer');
    await exec('customer', [
      customerId,
      f.schoolId,
      email,
      email,
      'Héloïse',
      'Richard',
      now,
      now,
      'richard heloise',
      'heloise richard',
      email,
    ]);
    const [counter] = await exec('counter', [f.schoolId, `request:${f.year}`]);
    const number = `${f.year}-${String(counter!.value).padStart(5, '0')}`;
    const requestId = fastId('request');
    const body = `Bonjour, nous aimerions des cours pour la semaine du 20/03 (réf. ${tag}). Merci !`;
    const nonce = randomBytes(32).toString('base64url');
    await exec('request', [
      requestId,
      f.schoolId,
      number,
      customerId,
      sha256(nonce),
      nonce,
      now,
      body,
      now,
      now,
      'Héloïse Richard',
      'Héloïse Richard',
      email,
    ]);
    const payload = JSON.stringify({
      form: 'contact',
      language: 'fr',
      customer: { firstName: 'Héloïse', lastName: 'Richard', email, phone: null },
      message: body,
    });
    await exec('message', [fastId('message'), f.schoolId, requestId, body, payload, now]);
    await exec('count', [f.schoolId, 'request', 1, 1]);
    const content = `${number.replace('-', ' ')} heloise richard heloise richard ${email.replace(/[.@]/g, ' ')} bonjour nous aimerions des cours pour la semaine du 20 03 ref ${tag} merci`;
    await exec('search', [requestId, content, requestId, f.schoolId]);
    await exec('journal', [
      f.schoolId,
      requestId,
      'customer',
      null,
      'Héloïse Richard',
      'request.created',
      JSON.stringify({ number, source: 'contact' }),
      now,
    ]);
    const notification = JSON.stringify({ number, source: 'contact', customerName: 'Héloïse Richard' });
    await exec(
      'notifications',
      f.staffIds
        .slice(0, 3)
        .flatMap((userId) => [fastId('notification'), f.schoolId, userId, requestId, notification, now]),
    );
    await exec('outbox', [
      fastId('outbox'),
      f.schoolId,
      'email',
      JSON.stringify({
        to: email,
        subject: `Votre demande n° ${number} — ${f.schoolName}`,
        text: `Bonjour Héloïse,\n\nNous avons bien reçu votre demande, enregistrée sous le n° ${number}. Nous vous répondrons rapidement.\n\nRetrouvez votre demande sur votre page personnelle :\nhttp://127.0.0.1/c/${nonce}\n\nCe lien vous est réservé : ne le transférez pas.\n\nÀ bientôt sur les pistes,\n${f.schoolName}`,
      }),
      now,
      now,
    ]);
    const windowAgo = new Date(Date.parse(now) - 24 * 3_600_000).toISOString();
    await exec('fingerprint', [f.schoolId, sha256(`${email}|${body}`), number, now, windowAgo]);
    const minute = new Date(Date.parse(now) + 60_000).toISOString();
    const hour = new Date(Date.parse(now) + 3_600_000).toISOString();
    await exec('rate', ['intake-key-ip', `${f.schoolId}|127.0.0.1`, now, minute]);
    await exec('rate', ['intake-email', `${f.schoolId}|${email}`, now, hour]);
  },
};

/**
 * "webhook: payment succeeded": the event claimed (its dedup key), the online payment, the
 * request row (paid, status, version), 2 tab counts, the journal, the customer's receipt e-mail,
 * the attempt's new state and what the event turned out to be.
 */
const webhook: TwinDefinition = {
  name: 'webhook',
  description:
    'raw twin of "webhook: payment succeeded": 1 event (claimed, then settled), 1 payment, 1 request row, 2 tab counts, 1 journal row, 1 outbox row, 1 attempt',
  rows: {
    'insert payment_events': 1,
    'insert payments': 1,
    'update requests': 1,
    'insert status_counts': 2,
    'insert activity': 1,
    'insert outbox': 1,
    'update payment_attempts': 1,
    'update payment_events': 1,
  },
  targets: 'openAttempt',
  statements: {
    version: VERSION_READ,
    event: `insert into payment_events (id, provider, provider_event_id, type, school_id, request_id, attempt_id, outcome,
        payload_json, received_at)
      values (?, 'sandbox', ?, 'payment.succeeded', null, null, null, 'ignored', ?, ?)
      on conflict (provider, provider_event_id) do nothing returning id`,
    payment: `insert into payments (id, school_id, request_id, kind, method, amount_cents, currency, provider, provider_ref,
        payer_name, payer_address, reference, voucher_count, note, refund_of_payment_id, attempt_id, is_flagged,
        received_at, recorded_by_user_id, created_at)
      values (?, ?, ?, 'online', 'online', ?, 'eur', 'sandbox', ?, null, null, null, null, null, null, ?, 0, ?, null, ?)`,
    request: `update requests set status = 'deposit_paid', paid_cents = paid_cents + ?, updated_at = ?,
        updated_by_name = ?, version = version + 1
      where school_id = ? and id = ? and version = ?`,
    count: STATUS_COUNT_UPSERT,
    journal: ACTIVITY_INSERT,
    outbox: OUTBOX_INSERT,
    attempt: `update payment_attempts set state = 'succeeded', updated_at = ? where school_id = ? and id = ?`,
    settle: `update payment_events set outcome = 'applied', school_id = ?, request_id = ?, attempt_id = ? where id = ?`,
  },
  async run(exec, f, target, n, now) {
    const t = target!;
    const attempt = t.attempt!;
    const eventId = fastId('paymentEvent');
    const providerEventId = `evt_sbx_twin${process.pid}t${n}`;
    const paymentRef = `sbx_pi_${attempt.amountCents}_${providerEventId.slice(-16)}`;
    const body = JSON.stringify({
      id: providerEventId,
      type: 'payment.succeeded',
      created: now,
      data: {
        sessionId: attempt.providerSessionId,
        paymentRef,
        refundRef: null,
        amountCents: attempt.amountCents,
        currency: 'eur',
        metadata: { schoolId: f.schoolId, requestId: t.id, attemptId: attempt.id },
      },
    });
    const [claimed] = await exec('event', [eventId, providerEventId, body, now]);
    if (!claimed) throw new Error(`${providerEventId}: already received`);
    const version = await versionOf(exec, f.schoolId, t.id);
    const paymentId = fastId('payment');
    await exec('payment', [
      paymentId,
      f.schoolId,
      t.id,
      attempt.amountCents,
      paymentRef,
      attempt.id,
      now,
      now,
    ]);
    expectOneChange(
      await exec('request', [attempt.amountCents, now, SYSTEM_PAYER, f.schoolId, t.id, version]),
      t.id,
    );
    await exec('count', [f.schoolId, 'awaiting_payment', -1, -1]);
    await exec('count', [f.schoolId, 'deposit_paid', 1, 1]);
    await exec('journal', [
      f.schoolId,
      t.id,
      'system',
      null,
      SYSTEM_PAYER,
      'payment.online_received',
      JSON.stringify({
        paymentId,
        amountCents: attempt.amountCents,
        provider: 'sandbox',
        purpose: 'deposit',
        isFlagged: false,
      }),
      now,
    ]);
    await exec('outbox', [
      fastId('outbox'),
      f.schoolId,
      'customer_email',
      JSON.stringify({
        schoolId: f.schoolId,
        requestId: t.id,
        to: 'maelys.lucas.5374@web.de',
        firstName: 'Maëlys',
        language: 'fr',
        fileNumber: '2026-06096',
        link: `http://127.0.0.1/c/${randomBytes(32).toString('base64url')}`,
        params: {
          template: 'payment_receipt',
          paymentId,
          amountCents: attempt.amountCents,
          method: 'online',
          paidCents: attempt.amountCents,
          remainingCents: 3 * attempt.amountCents,
        },
      }),
      now,
      now,
    ]);
    await exec('attempt', [now, f.schoolId, attempt.id]);
    await exec('settle', [f.schoolId, t.id, attempt.id, eventId]);
  },
};

/** The journal's and the request row's name for the provider's system actor (apply-payment-event.ts). */
const SYSTEM_PAYER = 'Paiement en ligne';

export const TWINS: Record<TwinName, TwinDefinition> = {
  'add-line': addLine,
  'payment-link': paymentLink,
  intake,
  webhook,
};

/** `?` placeholders → PostgreSQL's `$1, $2, …`. */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function sqlFor(statement: TwinSql, dialect: 'sqlite' | 'postgres'): string {
  return typeof statement === 'string' ? statement : statement[dialect];
}

/** Rows written per table by a list of SQL statements (`insert lines: 1`, `update requests: 2`). */
export function summarizeWrites(statements: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sql of statements) {
    const m = /^\s*(insert\s+into|update|delete\s+from)\s+"?([a-z_]+)"?/i.exec(sql);
    if (!m) continue;
    const verb = m[1]!.split(/\s+/)[0]!.toLowerCase();
    const key = `${verb} ${m[2]}`;
    // A multi-row INSERT writes one row per "(…)" after VALUES.
    const rows = verb === 'insert' ? Math.max(1, sql.split(/\)\s*,\s*\(/).length) : 1;
    out[key] = (out[key] ?? 0) + rows;
  }
  return out;
}
