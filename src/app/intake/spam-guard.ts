import { createHmac } from 'node:crypto';
import { type Challenge, createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { IntakeTuning } from '../../config/env.js';
import { safeEqual } from '../crypto.js';

/** The keys the public forms sign with, each derived from the app secret for one purpose. */
export interface IntakeSecrets {
  altchaChallenge: string;
  altchaKey: string;
  formToken: string;
}

const ALGORITHM = 'PBKDF2/SHA-256';

/**
 * A form token carries the instant the form was displayed, signed: the server can tell how long
 * the visitor took without keeping any state. `<ms base36>.<hmac>`.
 */
export function issueFormToken(secrets: IntakeSecrets, schoolId: string, nowMs: number): string {
  const stamp = nowMs.toString(36);
  return `${stamp}.${signToken(secrets, schoolId, stamp)}`;
}

function signToken(secrets: IntakeSecrets, schoolId: string, stamp: string): string {
  return createHmac('sha256', secrets.formToken).update(`${schoolId}.${stamp}`).digest('base64url');
}

export type FormTokenCheck = 'ok' | 'too_fast' | 'expired' | 'invalid';

/** Was this form displayed by us, for this school, long enough ago — and not too long ago? */
export function checkFormToken(
  secrets: IntakeSecrets,
  tuning: IntakeTuning,
  schoolId: string,
  token: string | undefined,
  nowMs: number,
): FormTokenCheck {
  if (!token) return 'invalid';
  const [stamp = '', signature = ''] = token.split('.');
  if (!/^[0-9a-z]{1,12}$/.test(stamp) || !safeEqual(signature, signToken(secrets, schoolId, stamp))) {
    return 'invalid';
  }
  const elapsed = nowMs - Number.parseInt(stamp, 36);
  if (elapsed < tuning.minFillMs) return 'too_fast';
  if (elapsed > tuning.formTokenTtlMs) return 'expired';
  return 'ok';
}

/**
 * A new ALTCHA proof-of-work challenge, in deterministic mode: the server derives the key for a
 * secret counter once and signs it, so checking a solution later costs two HMACs, not a KDF.
 * Its expiry is signed into `data.exp` and checked against our clock.
 */
export async function issueChallenge(
  secrets: IntakeSecrets,
  tuning: IntakeTuning,
  nowMs: number,
): Promise<Challenge> {
  return createChallenge({
    algorithm: ALGORITHM,
    cost: tuning.powCost,
    counter: randomInt(tuning.powCounterMax, tuning.powCounterMin),
    deriveKey,
    data: { exp: Math.floor((nowMs + tuning.challengeTtlMs) / 1000) },
    hmacSignatureSecret: secrets.altchaChallenge,
    hmacKeySignatureSecret: secrets.altchaKey,
  });
}

export type AltchaCheck =
  | { ok: true; challengeId: string; expiresAt: string }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

interface AltchaPayload {
  challenge: Challenge;
  solution: { counter: number; derivedKey: string };
}

function decodePayload(payload: string): AltchaPayload | null {
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Partial<AltchaPayload>;
    const parameters = value?.challenge?.parameters;
    if (
      !parameters ||
      typeof parameters.nonce !== 'string' ||
      typeof value.challenge?.signature !== 'string' ||
      !value.solution ||
      typeof value.solution !== 'object'
    ) {
      return null;
    }
    return value as AltchaPayload;
  } catch {
    return null;
  }
}

/**
 * Checks the widget's payload: our signature on the challenge, the solved key against the
 * signed key, and our own expiry. Whether it was already spent is the caller's business
 * (recorded in the submission's transaction).
 */
export async function checkAltcha(
  secrets: IntakeSecrets,
  payload: string | undefined,
  nowMs: number,
): Promise<AltchaCheck> {
  if (!payload) return { ok: false, reason: 'missing' };
  const decoded = decodePayload(payload);
  if (!decoded || decoded.challenge.parameters.algorithm !== ALGORITHM)
    return { ok: false, reason: 'invalid' };
  let verified = false;
  try {
    const result = await verifySolution({
      challenge: decoded.challenge,
      solution: decoded.solution,
      deriveKey,
      hmacSignatureSecret: secrets.altchaChallenge,
      hmacKeySignatureSecret: secrets.altchaKey,
    });
    verified = result.verified;
  } catch {
    verified = false;
  }
  if (!verified) return { ok: false, reason: 'invalid' };
  const exp = Number(decoded.challenge.parameters.data?.exp);
  if (!Number.isFinite(exp) || exp * 1000 < nowMs) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    challengeId: decoded.challenge.parameters.nonce,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}
