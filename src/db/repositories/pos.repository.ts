import type { Db } from './db.js';

/** A school's POS key as Paramètres shows it (never the key itself). */
export interface PosKey {
  id: string;
  schoolId: string;
  name: string;
  keyHint: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

function toPosKey(row: {
  id: string;
  school_id: string;
  name: string;
  key_hint: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}): PosKey {
  return {
    id: row.id,
    schoolId: row.school_id,
    name: row.name,
    keyHint: row.key_hint,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

const KEY_COLUMNS = [
  'id',
  'school_id',
  'name',
  'key_hint',
  'created_at',
  'revoked_at',
  'last_used_at',
] as const;

export async function insertPosKey(
  db: Db,
  key: {
    id: string;
    schoolId: string;
    name: string;
    keyHash: string;
    keyHint: string;
    createdAt: string;
    createdBy: string;
  },
): Promise<void> {
  await db
    .insertInto('pos_keys')
    .values({
      id: key.id,
      school_id: key.schoolId,
      name: key.name,
      key_hash: key.keyHash,
      key_hint: key.keyHint,
      created_at: key.createdAt,
      created_by_user_id: key.createdBy,
      revoked_at: null,
      last_used_at: null,
    })
    .execute();
}

export async function listPosKeys(db: Db, schoolId: string): Promise<PosKey[]> {
  const rows = await db
    .selectFrom('pos_keys')
    .select(KEY_COLUMNS)
    .where('school_id', '=', schoolId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPosKey);
}

export async function findPosKey(db: Db, schoolId: string, id: string): Promise<PosKey | undefined> {
  const row = await db
    .selectFrom('pos_keys')
    .select(KEY_COLUMNS)
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toPosKey(row) : undefined;
}

/** The live (not revoked) key with this hash, whatever its school: the key says which school it is. */
export async function findLivePosKeyByHash(db: Db, keyHash: string): Promise<PosKey | undefined> {
  const row = await db
    .selectFrom('pos_keys')
    .select(KEY_COLUMNS)
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toPosKey(row) : undefined;
}

export async function revokePosKey(db: Db, schoolId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('pos_keys')
    .set({ revoked_at: at })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Logs one use of a key (with its name then) and stamps the key's last use. */
export async function recordPosKeyUse(
  db: Db,
  use: { id: string; key: PosKey; operation: 'list' | 'ack'; detail: string; at: string },
): Promise<void> {
  await db
    .insertInto('pos_key_uses')
    .values({
      id: use.id,
      school_id: use.key.schoolId,
      key_id: use.key.id,
      key_name: use.key.name,
      operation: use.operation,
      detail: use.detail,
      used_at: use.at,
    })
    .execute();
  await db
    .updateTable('pos_keys')
    .set({ last_used_at: use.at })
    .where('school_id', '=', use.key.schoolId)
    .where('id', '=', use.key.id)
    .execute();
}

export interface PosKeyUse {
  keyName: string;
  operation: 'list' | 'ack';
  detail: string;
  usedAt: string;
}

/** The latest uses of a school's keys, newest first. */
export async function listPosKeyUses(db: Db, schoolId: string, limit: number): Promise<PosKeyUse[]> {
  const rows = await db
    .selectFrom('pos_key_uses')
    .select(['key_name', 'operation', 'detail', 'used_at'])
    .where('school_id', '=', schoolId)
    .orderBy('used_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    keyName: r.key_name,
    operation: r.operation,
    detail: r.detail,
    usedAt: r.used_at,
  }));
}

/**
 * The numbers of a school's files ready for the POS software, after `afterNumber`, in number
 * order: fully paid ("Paiement soldé": the status rule already says paid ≥ total > 0 and not
 * processed) with at least one active line sold online not yet imported.
 */
export async function listReadyPosFileIds(
  db: Db,
  schoolId: string,
  afterNumber: string | null,
  limit: number,
): Promise<{ id: string; number: string }[]> {
  let query = db
    .selectFrom('requests as r')
    .select(['r.id', 'r.number'])
    .where('r.school_id', '=', schoolId)
    .where('r.status', '=', 'paid')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('lines as l')
          .select('l.id')
          .whereRef('l.school_id', '=', 'r.school_id')
          .whereRef('l.request_id', '=', 'r.id')
          .where('l.is_active', '=', 1)
          .where('l.is_online_sale', '=', 1)
          .where('l.pos_imported_at', 'is', null),
      ),
    );
  if (afterNumber !== null) query = query.where('r.number', '>', afterNumber);
  return query.orderBy('r.number').limit(limit).execute();
}

/** What the POS export reads of one file: the file, its customer, its lines and payments. */
export async function loadPosFiles(db: Db, schoolId: string, requestIds: readonly string[]) {
  if (requestIds.length === 0) return { files: [], lines: [], payments: [] };
  const [files, lines, payments] = await Promise.all([
    db
      .selectFrom('requests as r')
      .innerJoin('customers as c', (join) =>
        join.onRef('c.school_id', '=', 'r.school_id').onRef('c.id', '=', 'r.customer_id'),
      )
      .select([
        'r.id',
        'r.number',
        'r.status',
        'r.created_at',
        'r.total_cents',
        'r.paid_cents',
        'r.is_entered_in_pos',
        'c.first_name',
        'c.last_name',
        'c.email',
        'c.phone',
        'c.language',
      ])
      .where('r.school_id', '=', schoolId)
      .where('r.id', 'in', requestIds)
      .execute(),
    db
      .selectFrom('lines as l')
      .leftJoin('products as p', (join) =>
        join.onRef('p.school_id', '=', 'l.school_id').onRef('p.id', '=', 'l.product_id'),
      )
      .select([
        'l.id',
        'l.request_id',
        'l.kind',
        'l.product_id',
        'p.kind as product_kind',
        'l.label',
        'l.quantity',
        'l.unit_price_cents',
        'l.total_cents',
        'l.vat_rate_bp',
        'l.is_online_sale',
        'l.pos_imported_at',
        'l.details_json',
      ])
      .where('l.school_id', '=', schoolId)
      .where('l.request_id', 'in', requestIds)
      .where('l.is_active', '=', 1)
      .orderBy('l.request_id')
      .orderBy('l.position')
      .execute(),
    db
      .selectFrom('payments')
      .select([
        'id',
        'request_id',
        'kind',
        'method',
        'amount_cents',
        'currency',
        'provider',
        'provider_ref',
        'received_at',
      ])
      .where('school_id', '=', schoolId)
      .where('request_id', 'in', requestIds)
      .orderBy('received_at')
      .orderBy('id')
      .execute(),
  ]);
  return { files, lines, payments };
}

export async function findRequestIdByNumber(
  db: Db,
  schoolId: string,
  number: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('requests')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row?.id;
}

/** Marks a file's active online lines imported by the POS software; returns how many were not yet. */
export async function markOnlineLinesImported(
  db: Db,
  schoolId: string,
  requestId: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('lines')
    .set({ pos_imported_at: at, updated_at: at })
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .where('is_active', '=', 1)
    .where('is_online_sale', '=', 1)
    .where('pos_imported_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
