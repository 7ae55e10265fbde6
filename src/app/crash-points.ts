/**
 * Named points where the crash-safety harness (test/support/crash-harness.ts) kills the server:
 * `CRASH_AT=<point>` makes the process SIGKILL itself the first time it reaches that point, as a
 * power cut would. Unset (always, outside that harness) it costs one comparison.
 */
export const CRASH_POINTS = [
  /** Payment webhook: the event, payment and status written, the transaction not committed. */
  'webhook.before-commit',
  /** Payment webhook: committed, the provider not answered yet (it will send the event again). */
  'webhook.after-commit',
  /** "Envoyer un devis / un lien de paiement": offer, journal and e-mail written, not committed. */
  'offer.before-commit',
  /** "Envoyer un devis / un lien de paiement": committed, the staff member not answered yet. */
  'offer.after-commit',
  /** "Archiver la saison": one file archived and the job advanced, not committed. */
  'archive.before-commit',
  /** "Archiver la saison": the first file of a batch committed, the others not started. */
  'archive.between-files',
  /** Outbox: the e-mail handed to the transport, not recorded in mail_log yet. */
  'outbox.after-send',
  /** Outbox: the e-mail recorded in mail_log, the outbox row not marked delivered yet. */
  'outbox.before-mark',
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

const armed = process.env.CRASH_AT;

export function crashPoint(point: CrashPoint): void {
  if (armed === point) process.kill(process.pid, 'SIGKILL');
}
