import { z } from 'zod';
import type { MailLogTable } from '../schema.js';
import type { Db } from './db.js';

export interface SentMailAttachment {
  filename: string;
  contentType: string;
  size: number;
}

export interface SentMail {
  id: string;
  schoolId: string | null;
  outboxId: string;
  transport: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  messageId?: string | null;
  html?: string | null;
  headers?: Record<string, string>;
  attachments?: SentMailAttachment[];
}

const HeadersSchema = z.record(z.string(), z.string());
const AttachmentsSchema = z.array(
  z.object({ filename: z.string(), contentType: z.string(), size: z.number() }),
);

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
      message_id: mail.messageId ?? null,
      html_body: mail.html ?? null,
      headers_json: mail.headers ? JSON.stringify(mail.headers) : null,
      attachments_json: mail.attachments ? JSON.stringify(mail.attachments) : null,
    })
    .onConflict((oc) => oc.column('outbox_id').doNothing())
    .execute();
}

type MailLogRow = MailLogTable;

function toSentMail(row: MailLogRow): Required<SentMail> {
  return {
    id: row.id,
    schoolId: row.school_id,
    outboxId: row.outbox_id,
    transport: row.transport,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    createdAt: String(row.created_at),
    messageId: row.message_id,
    html: row.html_body,
    headers: row.headers_json ? HeadersSchema.parse(JSON.parse(row.headers_json)) : {},
    attachments: row.attachments_json ? AttachmentsSchema.parse(JSON.parse(row.attachments_json)) : [],
  };
}

/** The e-mails sent for a school, newest first (the development outbox page). */
export async function listSentMail(db: Db, schoolId: string, limit: number): Promise<Required<SentMail>[]> {
  const rows = await db
    .selectFrom('mail_log')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSentMail);
}

/** One sent e-mail of a school. */
export async function findSentMail(
  db: Db,
  schoolId: string,
  id: string,
): Promise<Required<SentMail> | undefined> {
  const row = await db
    .selectFrom('mail_log')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSentMail(row);
}
