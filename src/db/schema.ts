import type { ColumnType, Generated } from 'kysely';
import type { Status } from '../domain/status.js';

/**
 * The Kysely view of the database. Both dialects give these same TypeScript types: booleans are
 * 0/1 integers, instants are UTC ISO strings (PostgreSQL's timestamptz is parsed back to ISO by
 * the type parsers in connection.ts), money is integer cents.
 */
export interface Database {
  schools: SchoolsTable;
  users: UsersTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  categories: CategoriesTable;
  products: ProductsTable;
  product_sessions: ProductSessionsTable;
  instructor_unavailabilities: InstructorUnavailabilitiesTable;
  instructors: InstructorsTable;
  counters: CountersTable;
  requests: RequestsTable;
  lines: LinesTable;
  messages: MessagesTable;
  offers: OffersTable;
  payments: PaymentsTable;
  payment_attempts: PaymentAttemptsTable;
  payment_events: PaymentEventsTable;
  payment_anomalies: PaymentAnomaliesTable;
  activity: ActivityTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  mail_log: MailLogTable;
  app_settings: AppSettingsTable;
  intake_challenges: IntakeChallengesTable;
  intake_fingerprints: IntakeFingerprintsTable;
  rate_counters: RateCountersTable;
  status_counts: StatusCountsTable;
  search_fts: SearchFtsTable;
  pos_keys: PosKeysTable;
  pos_key_uses: PosKeyUsesTable;
  archive_jobs: ArchiveJobsTable;
}

type Bool = 0 | 1;

export interface SchoolsTable {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  currency: string;
  default_language: string;
  /** JSON: form settings, embedding origins… validated with Zod when read. */
  settings_json: string;
  pos_key_hash: string | null;
  intake_key_hash: string | null;
  created_at: string;
  /** Set by the operator command: forms closed, logins refused (migration 0017). */
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export type Role = 'admin' | 'secretary';

export interface UsersTable {
  id: string;
  school_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  language: string;
  is_active: Bool;
  created_at: string;
  updated_at: string;
  /** Migration 0019, JSON: which events this user is told about by e-mail (request.created, customer.replied, payment). */
  email_notifications_json?: string;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  school_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface CustomersTable {
  id: string;
  school_id: string;
  email: string;
  /** NFC + lower case: the key a customer is found by within a school. */
  email_normalized: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  language: string;
  /** "Commentaire client": an internal note about the customer, shown on every file of theirs. */
  note: string;
  /** Optimistic concurrency for edits of the customer from any of their files. */
  version: number;
  updated_by_name: string | null;
  /** JSON ChangeMarks (domain/edit-conflicts.ts): the latest change of each field, validated when read. */
  change_marks_json: string;
  created_at: string;
  updated_at: string;
  /**
   * "Nouvelle demande" search keys, folded like the main search ("Lefèvre" → "lefevre") and
   * derived by the app from the fields above on every write: name as "last first" and "first
   * last", e-mail, phone digits in national form. Binary ("C") collation: prefix ranges on them
   * are index ranges on both databases.
   */
  search_last_first: string;
  search_first_last: string;
  search_email: string;
  search_phone: string;
}

export interface CategoriesTable {
  id: string;
  school_id: string;
  name: string;
  color: string | null;
  position: number;
  is_active: Bool;
  created_at: string;
}

export interface ProductsTable {
  id: string;
  school_id: string;
  /** cours_collectif | cours_particulier | club_enfants | extra … */
  kind: string;
  name: string;
  description: string | null;
  price_cents: number;
  vat_rate_bp: number;
  /** Sold in the online sale (VEL): imported by the POS software once paid. */
  is_online_sale: Bool;
  /** An extra the customer may drop from the quote (insurance…). */
  is_optional: Bool;
  is_active: Bool;
  position: number;
  created_at: string;
  /** JSON { fr, en, de… }: the name per customer language (`name` is the school's own, French). */
  names_json: Generated<string>;
  practice: string | null;
  age_min: number | null;
  age_max: number | null;
  /** Comma-separated level keys the product is for; empty = every level. */
  levels: Generated<string>;
  /** What the price is for: 'participant' | 'session' | 'hour' | 'file'. */
  price_unit: Generated<string>;
  /** Archived once used rather than deleted: no longer offered, still on old files. */
  archived_at: string | null;
}

export interface ProductSessionsTable {
  id: string;
  school_id: string;
  product_id: string;
  /** Calendar days "YYYY-MM-DD", in the school's time zone. */
  starts_on: string;
  ends_on: string;
  /** "09:00" */
  start_time: string;
  end_time: string;
  meeting_point: string;
  capacity: number;
  is_active: Bool;
  created_at: string;
}

export interface InstructorUnavailabilitiesTable {
  id: string;
  school_id: string;
  instructor_id: string;
  /** A day off, "YYYY-MM-DD". */
  day: string;
  reason: string;
  created_at: string;
}

export interface InstructorsTable {
  id: string;
  school_id: string;
  first_name: string;
  last_name: string;
  languages: string;
  is_active: Bool;
  created_at: string;
  /** Comma-separated practice keys. */
  practices: Generated<string>;
}

export interface CountersTable {
  school_id: string;
  name: string;
  value: number;
}

export interface RequestsTable {
  id: string;
  school_id: string;
  number: string;
  source: 'vel' | 'contact' | 'custom' | 'email' | 'staff';
  customer_id: string;
  language: string;
  category_id: string | null;
  is_online_payment_allowed: Bool;
  is_entered_in_pos: Bool;
  custom_validated_at: string | null;
  offer_sent_at: string | null;
  archived_at: string | null;
  /** Materialised by deriveStatus in the same transaction as every change (CHECK: one of STATUSES). */
  status: Status;
  total_cents: number;
  paid_cents: number;
  /** sha256 of the customer's private link token. */
  portal_token_hash: string;
  /** The rotatable per-dossier nonce the private link token is derived from (HMAC with the app secret). */
  portal_nonce: string | null;
  /** Denormalised for the lists: the current quote's or payment link's last valid day. */
  offer_valid_until: string | null;
  last_message_at: string;
  /** The last message's text, flattened; empty when that message is a keyed text. */
  last_message_preview: string;
  /** The last message's key and parameters (JSON) when Schuss wrote it: rendered per reader. */
  last_message_key: string | null;
  last_message_params_json: string | null;
  last_message_author: 'customer' | 'staff' | 'system';
  created_at: string;
  updated_at: string;
  updated_by_name: string | null;
  version: number;
  /** JSON ChangeMarks (domain/edit-conflicts.ts): the latest change of the file's own fields. */
  change_marks_json: string;
  /** Denormalised for the lists: the customer's "first last", kept in step on customer edits. */
  customer_name: string;
  /** Denormalised for the lists: the customer's e-mail as typed. */
  customer_email: string;
  /**
   * Denormalised for the lists: JSON array of the active lines' labels, in order — the school's
   * own words as strings, generated labels as `{ key, params }` (rendered in the reader's language).
   */
  services_json: string;
  /** Materialised with the totals: an active custom lesson has no price yet ("à chiffrer"). */
  is_to_be_priced: Bool;
  /** JSON deposit rule the secretary chose for this file; null: the school's (sales settings). */
  deposit_rule_json: string | null;
  /** The day the balance is due ("YYYY-MM-DD", school's time zone), once a deposit is paid. */
  balance_due_on: string | null;
  /** When the "balance due soon" reminder was written to the outbox (once). */
  balance_reminder_sent_at: string | null;
  /** When the "balance overdue" reminder was written to the outbox (once). */
  balance_overdue_sent_at: string | null;
}

export interface LinesTable {
  id: string;
  school_id: string;
  request_id: string;
  kind: 'catalog' | 'custom' | 'extra';
  product_id: string | null;
  /** The school's words (a product name); empty when the label is generated (label_key). */
  label: string;
  /** A generated label (a custom lesson) and its parameters (JSON), rendered per reader. */
  label_key: string | null;
  label_params_json: string | null;
  quantity: number;
  unit_price_cents: number;
  total_cents: number;
  vat_rate_bp: number;
  is_online_sale: Bool;
  is_optional: Bool;
  is_active: Bool;
  /** JSON: participants, dates, instructor, schedule… */
  details_json: string;
  pos_imported_at: string | null;
  position: number;
  created_at: string;
  updated_at: string;
  /** The catalogue session this line holds places in (capacity), if any. */
  session_id: string | null;
  /** The instructor giving a custom lesson, if chosen. */
  instructor_id: string | null;
  /** Places held in the session (participants on the line). */
  participant_count: number;
}

export interface MessagesTable {
  id: string;
  school_id: string;
  request_id: string;
  author_kind: 'customer' | 'staff' | 'system';
  author_user_id: string | null;
  /** The staff member who typed in a customer's words (a phone or desk request). */
  noted_by_user_id: string | null;
  /** What was written; empty for a keyed text (body_key). */
  body: string;
  /** A message Schuss wrote (system message, form summary): its key and parameters (JSON). */
  body_key: string | null;
  body_params_json: string | null;
  /** JSON: what a form submitted, structured per form type; null for plain messages. */
  payload_json: string | null;
  created_at: string;
}

export interface OffersTable {
  id: string;
  school_id: string;
  request_id: string;
  kind: 'quote' | 'payment_link';
  number: string;
  total_cents: number;
  deposit_cents: number | null;
  snapshot_json: string;
  sent_at: string;
  sent_by_user_id: string | null;
  /** 1, 2…: sending again after edits makes a new version; the customer sees the latest. */
  version: number;
  /** What the link asks for (a payment link: the deposit or the balance); null for a quote. */
  amount_cents: number | null;
  /** Last day the quote can be paid, "YYYY-MM-DD" in the school's time zone. */
  valid_until: string | null;
  reminder_sent_at: string | null;
}

export interface PaymentsTable {
  id: string;
  school_id: string;
  request_id: string;
  kind: 'online' | 'manual' | 'refund';
  method: string;
  /** Positive for payments, negative for refunds. */
  amount_cents: number;
  provider: string | null;
  /** The provider's event/payment id: unique per provider, makes webhooks idempotent. */
  provider_ref: string | null;
  payer_name: string | null;
  note: string | null;
  /** Set when a payment arrived for a dossier that could not take it (archived…): recorded, flagged. */
  is_flagged: Bool;
  received_at: string;
  recorded_by_user_id: string | null;
  created_at: string;
  /** A cheque number, a transfer or ANCV Connect reference… */
  reference: string | null;
  /** Chèques-vacances (paper): how many vouchers. */
  voucher_count: number | null;
  payer_address: string | null;
  /** A refund: the payment (same school) it gives money back on. */
  refund_of_payment_id: string | null;
  /** An online payment: the checkout attempt it settles. */
  attempt_id: string | null;
  currency: Generated<string>;
}

export type PaymentAttemptState = 'created' | 'open' | 'pending' | 'succeeded' | 'failed' | 'expired';

export interface PaymentAttemptsTable {
  id: string;
  school_id: string;
  request_id: string;
  offer_id: string | null;
  provider: string;
  amount_cents: number;
  currency: Generated<string>;
  purpose: 'deposit' | 'balance' | 'amount';
  state: PaymentAttemptState;
  provider_session_id: string | null;
  checkout_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface PaymentEventsTable {
  id: string;
  provider: string;
  provider_event_id: string;
  type: string;
  school_id: string | null;
  request_id: string | null;
  attempt_id: string | null;
  outcome: 'applied' | 'ignored' | 'anomaly';
  payload_json: string;
  received_at: string;
}

export interface PaymentAnomaliesTable {
  id: string;
  school_id: string;
  request_id: string | null;
  payment_id: string | null;
  event_id: string | null;
  reason: string;
  amount_cents: number | null;
  details_json: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by_user_id: string | null;
  resolution_note: string | null;
}

export interface ActivityTable {
  id: Generated<number>;
  school_id: string;
  request_id: string | null;
  actor_kind: 'staff' | 'customer' | 'system' | 'pos';
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  details_json: string;
  created_at: string;
  /** Set once when the entry's details were redacted (archive, erasure): the one allowed rewrite. */
  redacted_at: Generated<string | null>;
}

export interface NotificationsTable {
  id: string;
  school_id: string;
  user_id: string;
  request_id: string | null;
  kind: string;
  payload_json: string;
  created_at: string;
  read_at: string | null;
}

export interface OutboxTable {
  id: string;
  school_id: string | null;
  kind: string;
  payload_json: string;
  created_at: string;
  available_at: string;
  attempts: number;
  delivered_at: string | null;
  last_error: string | null;
  /** Set after too many failed tries: no longer retried by itself, shown to the admin. */
  parked_at?: string | null;
}

export interface MailLogTable {
  id: string;
  school_id: string | null;
  outbox_id: string;
  transport: string;
  to_address: string;
  subject: string;
  text_body: string;
  created_at: string;
  /** Migration 0019: the message as sent (dev outbox page). */
  message_id: string | null;
  html_body: string | null;
  /** JSON: Reply-To, In-Reply-To, References. */
  headers_json: string | null;
  /** JSON: [{ filename, contentType, size }]. */
  attachments_json: string | null;
}

export interface StatusCountsTable {
  school_id: string;
  status: Status;
  count: number;
}

/** SQLite: an FTS5 virtual table; PostgreSQL: a table with a generated tsvector. Content is folded text. */
export interface SearchFtsTable {
  request_id: string;
  school_id: string;
  content: string;
}

/** Instance-wide settings (the generated app secret…), not owned by a school. */
export interface AppSettingsTable {
  key: string;
  value: string;
}

/** Spent proof-of-work challenges (used once), kept until they expire. */
export interface IntakeChallengesTable {
  id: string;
  expires_at: string;
}

/** Recent public submissions by content fingerprint: identical resubmissions get the same number. */
export interface IntakeFingerprintsTable {
  school_id: string;
  fingerprint: string;
  request_number: string;
  created_at: string;
}

/** Rate-limit counters shared by every process: hits of one key in its current window. */
export interface RateCountersTable {
  /** What is counted: `login-account`, `intake-invalid`… */
  scope: string;
  key: string;
  window_start: string;
  expires_at: string;
  hits: number;
}

/** A school's key for its point-of-sale software (Paramètres → Logiciel de caisse); only its hash is kept. */
export interface PosKeysTable {
  id: string;
  school_id: string;
  name: string;
  key_hash: string;
  key_hint: string;
  created_at: string;
  created_by_user_id: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** One use of a POS key: which key (by its name then), what it did. */
export interface PosKeyUsesTable {
  id: string;
  school_id: string;
  key_id: string;
  key_name: string;
  operation: 'list' | 'ack';
  detail: string;
  used_at: string;
}

/** "Archiver la saison": a resumable run over a school's files, one file per transaction. */
export interface ArchiveJobsTable {
  id: string;
  school_id: string;
  scope: 'processed' | 'older_than';
  before_day: string | null;
  cursor: string | null;
  total: number;
  done_count: number;
  state: 'running' | 'done';
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}
