import { createHmac, randomBytes } from 'node:crypto';
import {
  deleteSession,
  findLoginByEmail,
  insertSession,
  isSchoolDisabled,
} from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { normalizeEmail } from '../common.schemas.js';
import { safeEqual, sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { newSecretToken } from '../ids.js';
import { journal, transact } from '../tx.js';
import { AUTH_MESSAGES, tooManyLoginAttempts } from './auth.messages.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { blockedFor, type LimitCheck } from './rate-limiter.js';

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  /** The token of a session the browser still carries: it is killed (session rotation). */
  previousToken?: string | null;
  /** The device cookie the browser carries, if any (see `login`). */
  deviceCookie?: string | null;
}

export interface LoginResult {
  token: string;
  userId: string;
  /** The device cookie to (re)set: this browser has now signed in to this account. */
  deviceCookie: string;
}

function tooMany(seconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new AppError('RATE_LIMITED', tooManyLoginAttempts(minutes), { retryAfterSeconds: seconds });
}

/**
 * Signs a staff member in: checks the password (argon2id), refuses disabled accounts with the
 * same generic message, limits failures, and opens a fresh session.
 *
 * Limits (counted in the database, windows of 15 minutes from the first failure):
 * - a browser that already signed in to this account carries a signed device cookie for it; its
 *   failures count for that device only (5), so that nobody else's failures lock it out: behind a
 *   proxy every visitor may share one IP, and an attacker who knows an address can fail on it;
 * - any other browser counts against the account (5 failures) and its IP (30). Once over, every
 *   attempt, the right password included, gets 429 until the window ends. Refused attempts are
 *   not counted, so they do not push the end further; after it, the right password signs in and
 *   clears the account's failures.
 * (OWASP, "Slow down online guessing attacks with device cookies".)
 */
export async function login(deps: AppDeps, input: LoginInput): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const nowMs = deps.clock.now().getTime();
  const db = deps.db.kysely;
  const limits = deps.limits;
  const device = knownDevice(deps, input.deviceCookie, email);
  const checks: LimitCheck[] = device
    ? [{ limit: limits.loginPerDevice, key: device }]
    : [
        { limit: limits.loginPerAccount, key: email },
        { limit: limits.loginPerIp, key: input.ip },
      ];
  const wait = await blockedFor(db, checks, nowMs);
  if (wait > 0) throw tooMany(wait);

  const found = await findLoginByEmail(db, email);
  const ok = found
    ? await verifyPassword(found.passwordHash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password);
  if (!found || !ok || !found.user.isActive) {
    for (const check of checks) await check.limit.count(db, check.key, nowMs);
    throw new AppError('UNAUTHENTICATED', AUTH_MESSAGES.loginFailed);
  }
  const { user } = found;
  if (await isSchoolDisabled(db, user.schoolId))
    throw new AppError('FORBIDDEN', AUTH_MESSAGES.schoolDisabled);
  await limits.loginPerAccount.reset(db, email);
  if (device) await limits.loginPerDevice.reset(db, device);

  const token = newSecretToken();
  await transact(deps, async (tx) => {
    if (input.previousToken) await deleteSession(tx.trx, sha256(input.previousToken));
    await insertSession(tx.trx, {
      id: sha256(token),
      user_id: user.id,
      school_id: user.schoolId,
      created_at: tx.now,
      last_seen_at: tx.now,
      expires_at: new Date(nowMs + deps.config.sessionAbsoluteMs).toISOString(),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await journal(tx, {
      schoolId: user.schoolId,
      actor: { kind: 'staff', schoolId: user.schoolId, userId: user.id, name: user.name, role: user.role },
      action: 'staff.logged_in',
      details: { ip: input.ip },
    });
  });
  return { token, userId: user.id, deviceCookie: deviceCookieFor(deps, device ?? newDeviceId(), email) };
}

function newDeviceId(): string {
  return randomBytes(16).toString('base64url');
}

function deviceSignature(deps: AppDeps, deviceId: string, email: string): string {
  return createHmac('sha256', deps.limits.deviceSecret).update(`${deviceId}|${email}`).digest('base64url');
}

/** `<device id>.<signature of id and address>`: only a sign-in to that address hands it out. */
function deviceCookieFor(deps: AppDeps, deviceId: string, email: string): string {
  return `${deviceId}.${deviceSignature(deps, deviceId, email)}`;
}

/** The device id of a cookie signed for this address, else null. */
function knownDevice(deps: AppDeps, cookie: string | null | undefined, email: string): string | null {
  const [deviceId = '', signature = ''] = (cookie ?? '').split('.');
  if (!/^[\w-]{22}$/.test(deviceId)) return null;
  return safeEqual(signature, deviceSignature(deps, deviceId, email)) ? deviceId : null;
}
