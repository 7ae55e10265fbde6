import {
  findLivePosKeyByHash,
  findPosKey,
  insertPosKey,
  listPosKeys,
  listPosKeyUses,
  type PosKey,
  recordPosKeyUse,
  revokePosKey as revokePosKeyRow,
} from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import type { CreatedPosKey, PosKeysView, PosKeyView } from '../../shared/contracts/pos.js';
import type { Actor, StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { newId, newSecretToken } from '../ids.js';
import { journal, type Tx, transact } from '../tx.js';
import { POS_MESSAGES } from './pos.messages.js';

/** A POS key's prefix: tells it apart from the other secrets a school holds (intake key…). */
const KEY_PREFIX = 'spk_';

function view(key: PosKey): PosKeyView {
  return {
    id: key.id,
    name: key.name,
    keyHint: key.keyHint,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  };
}

/** Paramètres → Logiciel de caisse: the school's keys and their latest uses (admin). */
export async function getPosKeys(deps: AppDeps, actor: StaffActor): Promise<PosKeysView> {
  requireRole(actor, 'admin');
  const [keys, uses] = await Promise.all([
    listPosKeys(deps.db.kysely, actor.schoolId),
    listPosKeyUses(deps.db.kysely, actor.schoolId, 50),
  ]);
  return { keys: keys.map(view), uses };
}

/**
 * Creates a named key for the school's POS software: 256 random bits, shown once in the answer,
 * only its sha256 kept (a database leak yields no working key).
 */
export async function createPosKey(
  deps: AppDeps,
  actor: StaffActor,
  input: { name: string },
): Promise<CreatedPosKey> {
  requireRole(actor, 'admin');
  const key = `${KEY_PREFIX}${newSecretToken()}`;
  const id = newId('posKey');
  return transact(deps, async (tx) => {
    await insertPosKey(tx.trx, {
      id,
      schoolId: actor.schoolId,
      name: input.name,
      keyHash: sha256(key),
      keyHint: `${key.slice(0, KEY_PREFIX.length + 4)}…`,
      createdAt: tx.now,
      createdBy: actor.userId,
    });
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'pos.key_created',
      details: { name: input.name },
    });
    const created = await findPosKey(tx.trx, actor.schoolId, id);
    return { ...view(created!), key };
  });
}

/** Revokes a key: the software using it is refused from now on. Another school's key is not found. */
export async function revokePosKey(deps: AppDeps, actor: StaffActor, id: string): Promise<PosKeyView> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const key = await findPosKey(tx.trx, actor.schoolId, id);
    if (!key) throw new AppError('NOT_FOUND', POS_MESSAGES.keyNotFound);
    if (!(await revokePosKeyRow(tx.trx, actor.schoolId, id, tx.now)))
      throw new AppError('INVALID_STATE', POS_MESSAGES.keyRevoked);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'pos.key_revoked',
      details: { name: key.name },
    });
    return view({ ...key, revokedAt: tx.now });
  });
}

/** The key a POS request carries (`Authorization: Bearer …`), if it is live; else UNAUTHENTICATED. */
export async function authenticatePosKey(deps: AppDeps, authorization: string | undefined): Promise<PosKey> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const token = match?.[1];
  const key = token?.startsWith(KEY_PREFIX)
    ? await findLivePosKeyByHash(deps.db.kysely, sha256(token))
    : undefined;
  if (!key) throw new AppError('UNAUTHENTICATED', POS_MESSAGES.missingKey);
  return key;
}

/** Who acts when the POS software calls: the journal names the key. */
export function posActorOf(key: PosKey): Extract<Actor, { kind: 'pos' }> {
  return { kind: 'pos', schoolId: key.schoolId, name: key.name };
}

/** Logs one use of a key inside the action's transaction. */
export async function logPosKeyUse(
  tx: Tx,
  key: PosKey,
  operation: 'list' | 'ack',
  detail: string,
): Promise<void> {
  await recordPosKeyUse(tx.trx, { id: newId('posKeyUse'), key, operation, detail, at: tx.now });
}
