import type { Db } from './db.js';

export interface SentMail {
  id: string;
  schoolId: string | null;
  outboxId: string;
  transport: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/** Has the e-mail of this outbox row been sent already? */
export async function isOutboxMailSent(db: Db, outboxId: string): Promise<boolean> {
  const row = await db
    .selectFrom('mail_log')
    .select('id')
    .where('outbox_id', '=', outboxId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a sent e-mail, once per outbox row (a second record of the same row is ignored). */
export async function insertMailLog(db: Db, mail: SentMail): Promise<void> {
  await db
    .insertInto('mail_log')
    .values({
      id: mail.id,
      school_id: mail.schoolId,
      outbox_id: mail.outboxId,
      transport: mail.transport,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      created_at: mail.createdAt,
    })
    .onConflict((oc) => oc.column('outbox_id').doNothing())
    .execute();
}
