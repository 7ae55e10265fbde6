import { deleteSession, findUserByEmail, insertSession } from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { normalizeEmail } from '../common.schemas.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { newSecretToken } from '../ids.js';
import { journal, transact } from '../tx.js';
import { dummyPasswordHash, verifyPassword } from './password.js';

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  /** The token of a session the browser still carries: it is killed (session rotation). */
  previousToken?: string | null;
}

const GENERIC = 'E-mail ou mot de passe incorrect.';

function tooMany(seconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new AppError(
    'RATE_LIMITED',
    `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    { retryAfterSeconds: seconds },
  );
}

/**
 * Signs a staff member in: checks the password (argon2id), refuses disabled accounts with the
 * same generic message, limits failures per account and per IP, and opens a fresh session.
 */
export async function login(deps: AppDeps, input: LoginInput): Promise<{ token: string; userId: string }> {
  const email = normalizeEmail(input.email);
  const nowMs = deps.clock.now().getTime();
  const accountKey = `acct:${email}`;
  const ipKey = `ip:${input.ip}`;
  const wait = Math.max(
    deps.limits.loginPerAccount.blockedFor(accountKey, nowMs),
    deps.limits.loginPerIp.blockedFor(ipKey, nowMs),
  );
  if (wait > 0) throw tooMany(wait);

  const user = await findUserByEmail(deps.db.kysely, email);
  const ok = user
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password);
  if (!user || !ok || user.is_active !== 1) {
    deps.limits.loginPerAccount.fail(accountKey, nowMs);
    deps.limits.loginPerIp.fail(ipKey, nowMs);
    throw new AppError('UNAUTHENTICATED', GENERIC);
  }
  deps.limits.loginPerAccount.reset(accountKey);

  const token = newSecretToken();
  await transact(deps, async (tx) => {
    if (input.previousToken) await deleteSession(tx.trx, sha256(input.previousToken));
    await insertSession(tx.trx, {
      id: sha256(token),
      user_id: user.id,
      school_id: user.school_id,
      created_at: tx.now,
      last_seen_at: tx.now,
      expires_at: new Date(nowMs + deps.config.sessionAbsoluteMs).toISOString(),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await journal(tx, {
      schoolId: user.school_id,
      actor: { kind: 'staff', schoolId: user.school_id, userId: user.id, name: user.name, role: user.role },
      action: 'staff.logged_in',
      details: { ip: input.ip },
    });
  });
  return { token, userId: user.id };
}
