import { expect, it } from 'vitest';
import { emailHandler } from '../../src/app/outbox.js';
import { enqueue, transact } from '../../src/app/tx.js';
import type { MailMessage, MailTransport } from '../../src/integrations/mail/mail-transport.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';

class FlakyTransport implements MailTransport {
  readonly name = 'flaky';
  sent: MailMessage[] = [];
  failuresLeft = 0;
  async send(message: MailMessage): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('SMTP 451 try again later');
    }
    this.sent.push(message);
  }
  async close(): Promise<void> {}
}

const transport = new FlakyTransport();

describeEachDatabase(
  'outbox delivery',
  (ctx) => {
    it('delivers a committed message once, and nothing from a rolled-back action', async () => {
      const school = await makeSchool(ctx().deps);
      transport.sent = [];
      await transact(ctx().deps, (tx) =>
        enqueue(tx, {
          schoolId: school.id,
          kind: 'email',
          payload: { to: 'a@example.fr', subject: 'Bonjour', text: 'Corps' },
        }),
      );
      await expect(
        transact(ctx().deps, async (tx) => {
          await enqueue(tx, {
            schoolId: school.id,
            kind: 'email',
            payload: { to: 'b@example.fr', subject: 'Jamais', text: 'x' },
          });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await ctx().deps.outbox.drain()).toBe(1);
      expect(transport.sent.map((m) => m.to)).toEqual(['a@example.fr']);
      const log = await ctx()
        .deps.db.kysely.selectFrom('mail_log')
        .selectAll()
        .where('school_id', '=', school.id)
        .execute();
      expect(log.map((l) => [l.to_address, l.subject, l.transport])).toEqual([
        ['a@example.fr', 'Bonjour', 'flaky'],
      ]);
      expect(await ctx().deps.outbox.drain()).toBe(0);
    });

    it('retries a failed delivery later with backoff and records the error', async () => {
      const school = await makeSchool(ctx().deps);
      transport.sent = [];
      transport.failuresLeft = 1;
      const id = await transact(ctx().deps, (tx) =>
        enqueue(tx, {
          schoolId: school.id,
          kind: 'email',
          payload: { to: 'retry@example.fr', subject: 'S', text: 'T' },
        }),
      );
      expect(await ctx().deps.outbox.drain()).toBe(0);
      const failed = await ctx()
        .deps.db.kysely.selectFrom('outbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(failed.last_error).toContain('451');
      expect(failed.delivered_at).toBeNull();
      expect(await ctx().deps.outbox.drain()).toBe(0);
      ctx().clock.advance(3000);
      expect(await ctx().deps.outbox.drain()).toBe(1);
      expect(transport.sent.map((m) => m.to)).toEqual(['retry@example.fr']);
    });

    it('is idempotent when a row is delivered twice (crash after sending, before marking)', async () => {
      const school = await makeSchool(ctx().deps);
      transport.sent = [];
      const id = await transact(ctx().deps, (tx) =>
        enqueue(tx, {
          schoolId: school.id,
          kind: 'email',
          payload: { to: 'twice@example.fr', subject: 'S', text: 'T' },
        }),
      );
      const row = await ctx()
        .deps.db.kysely.selectFrom('outbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const handler = emailHandler(transport, ctx().clock);
      await handler(row, ctx().deps.db.kysely);
      await handler(row, ctx().deps.db.kysely);
      expect(transport.sent).toHaveLength(1);
      const log = await ctx()
        .deps.db.kysely.selectFrom('mail_log')
        .selectAll()
        .where('outbox_id', '=', id)
        .execute();
      expect(log).toHaveLength(1);
    });
  },
  { mail: transport },
);
