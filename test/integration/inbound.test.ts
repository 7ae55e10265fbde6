import { afterAll, beforeAll, expect, it } from 'vitest';
import { replyAddressOf, replyTokenOf } from '../../src/app/email/reply-address.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

const SECRET = 'inbound-secret-for-tests-0123456789';
const DOMAIN = 'schuss.localhost';

function rawEmail(headers: Record<string, string>, body: string): string {
  const lines = Object.entries({
    'Message-ID': `<${Math.random().toString(36).slice(2)}@mail.example.fr>`,
    Date: 'Wed, 02 Dec 2026 10:00:00 +0100',
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  }).map(([k, v]) => `${k}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`;
}

describeEachDatabase(
  'inbound e-mail',
  (ctx) => {
    let app: App;
    let a: Awaited<ReturnType<typeof makeSchool>>;
    let b: Awaited<ReturnType<typeof makeSchool>>;
    let marie: Client;
    let fileA: { id: string; number: string };
    let fileB: { id: string };

    const post = (raw: string, secret: string | null = SECRET) =>
      app.inject({
        method: 'POST',
        url: '/api/inbound/email',
        headers: { 'content-type': 'message/rfc822', ...(secret !== null && { 'x-inbound-secret': secret }) },
        payload: raw,
      });
    const messagesOf = async (requestId: string) =>
      ctx()
        .deps.db.kysely.selectFrom('messages')
        .select(['author_kind', 'body'])
        .where('request_id', '=', requestId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    const counts = async () => {
      const db = ctx().deps.db.kysely;
      const [requests, messages] = await Promise.all([
        db.selectFrom('requests').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow(),
        db.selectFrom('messages').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { requests: Number(requests.n), messages: Number(messages.n) };
    };
    const replyTo = (file: { id: string }, schoolId: string) =>
      replyAddressOf(ctx().deps.replyAddressKey, DOMAIN, { schoolId, requestId: file.id }, ctx().clock.now());

    beforeAll(async () => {
      ctx().clock.set('2026-12-02T09:00:00.000Z');
      app = await appFor(ctx());
      a = await makeSchool(ctx().deps);
      b = await makeSchool(ctx().deps);
      marie = new Client(app);
      await marie.login(a.secretary.email);
      const created = await marie.post('/api/requests', {
        customer: {
          email: `famille-${ctx().dialect}@example.fr`,
          firstName: 'Léa',
          lastName: 'Martin',
          language: 'fr',
        },
        message: 'Bonjour, des cours ?',
      });
      fileA = created.json() as { id: string; number: string };
      const bob = new Client(app);
      await bob.login(b.secretary.email);
      fileB = (
        await bob.post('/api/requests', {
          customer: {
            email: `autre-${ctx().dialect}@example.fr`,
            firstName: 'Tom',
            lastName: 'B',
            language: 'fr',
          },
          message: 'Hello',
        })
      ).json() as { id: string };
    });
    afterAll(() => app.close());

    it('threads a reply to the signed Reply-To onto its file, trimmed, "à traiter", staff told live', async () => {
      const events: string[] = [];
      const unsubscribe = ctx().deps.events.subscribe(a.id, (e) => {
        if (e.requestId === fileA.id) events.push(e.type);
      });
      const reply = await post(
        rawEmail(
          {
            From: `Léa Martin <famille-${ctx().dialect}@example.fr>`,
            To: replyTo(fileA, a.id),
            Subject: `Re: Réponse à votre demande — dossier ${fileA.number}`,
          },
          'Mardi nous convient très bien.\n\nLe mar. 1 déc. 2026 à 10:00, ESF <no-reply@schuss.localhost> a écrit :\n> Voici nos créneaux\n> mardi ou jeudi',
        ),
      );
      unsubscribe();
      expect(reply.statusCode, reply.body).toBe(200);
      expect(reply.json()).toMatchObject({ outcome: 'threaded', requestId: fileA.id });
      const messages = await messagesOf(fileA.id);
      expect(messages.at(-1)).toEqual({ author_kind: 'customer', body: 'Mardi nous convient très bien.' });
      const list = (await marie.get('/api/requests?toHandle=true')).json() as {
        items: { id: string; isToHandle: boolean }[];
      };
      expect(list.items.find((i) => i.id === fileA.id)?.isToHandle).toBe(true);
      expect(events).toContain('request.changed');
      const notified = await ctx()
        .deps.db.kysely.selectFrom('notifications')
        .select('kind')
        .where('request_id', '=', fileA.id)
        .where('kind', '=', 'message.received')
        .execute();
      expect(notified.length).toBeGreaterThan(0);
    });

    it('stores a message posted twice (same Message-ID) once: a reply, a new request, two deliveries at once', async () => {
      const reply = rawEmail(
        {
          'Message-ID': `<twice-reply-${ctx().dialect}@mail.example.fr>`,
          From: `famille-${ctx().dialect}@example.fr`,
          To: replyTo(fileA, a.id),
          Subject: `Re: dossier ${fileA.number}`,
        },
        'Une seule fois, merci.',
      );
      const first = await post(reply);
      expect(first.json()).toMatchObject({ outcome: 'threaded', requestId: fileA.id });
      const afterFirst = await counts();
      const again = await post(reply);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual({ outcome: 'duplicate', requestId: fileA.id });
      expect(await counts()).toEqual(afterFirst);
      expect((await messagesOf(fileA.id)).filter((m) => m.body === 'Une seule fois, merci.')).toHaveLength(1);

      const opening = rawEmail(
        {
          'Message-ID': `<twice-new-${ctx().dialect}@mail.example.fr>`,
          From: `Double Envoi <double-${ctx().dialect}@example.fr>`,
          To: `${a.slug}@${DOMAIN}`,
          Subject: 'Cours de snowboard',
        },
        'Bonjour',
      );
      const opened = await post(opening);
      expect(opened.statusCode).toBe(201);
      const { requestId } = opened.json() as { requestId: string };
      const afterOpened = await counts();
      const reposted = await post(opening);
      expect(reposted.statusCode).toBe(200);
      expect(reposted.json()).toEqual({ outcome: 'duplicate', requestId });
      expect(await counts()).toEqual(afterOpened);

      // Two deliveries of one new message at the same moment: one lands, the other is the duplicate.
      const racing = rawEmail(
        {
          'Message-ID': `<twice-racing-${ctx().dialect}@mail.example.fr>`,
          From: `famille-${ctx().dialect}@example.fr`,
          To: replyTo(fileA, a.id),
          Subject: 'Re',
        },
        'En même temps',
      );
      const outcomes = await Promise.all([post(racing), post(racing), post(racing)]);
      expect(outcomes.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      expect(outcomes.map((r) => r.json().outcome).sort()).toEqual(['duplicate', 'duplicate', 'threaded']);
      expect((await messagesOf(fileA.id)).filter((m) => m.body === 'En même temps')).toHaveLength(1);
      // Another message (another Message-ID) with the same words is a new message.
      expect((await post(racing.replace('twice-racing', 'other-racing'))).json().outcome).toBe('threaded');
    });

    it('refuses a forged, edited, foreign-school or expired reply address and writes nothing', async () => {
      const before = await counts();
      const key = ctx().deps.replyAddressKey;
      const genuine = replyTokenOf(key, { schoolId: a.id, requestId: fileA.id }, ctx().clock.now());
      const [, expiry, mac] = genuine.split('.');
      const forged = [
        `reply+${fileA.id}.${expiry}.${'0'.repeat(24)}@${DOMAIN}`,
        // another file's id under this file's MAC
        `reply+${fileB.id}.${expiry}.${mac}@${DOMAIN}`,
        // a later expiry under the same MAC
        `reply+${fileA.id}.${(Number.parseInt(expiry!, 36) + 400).toString(36)}.${mac}@${DOMAIN}`,
        // signed for school A, but the file is school B's
        `reply+${replyTokenOf(key, { schoolId: a.id, requestId: fileB.id }, ctx().clock.now())}@${DOMAIN}`,
        `reply+nothing@${DOMAIN}`,
      ];
      for (const to of forged) {
        const response = await post(rawEmail({ From: 'x@example.fr', To: to, Subject: 'Re' }, 'Hop'));
        expect(response.statusCode, to).toBe(403);
        expect(response.json().error.message).toMatch(/adresse de réponse|reply address/i);
      }
      const old = replyAddressOf(
        key,
        DOMAIN,
        { schoolId: a.id, requestId: fileA.id },
        new Date('2026-01-01T00:00:00Z'),
      );
      const expired = await post(rawEmail({ From: 'x@example.fr', To: old, Subject: 'Re' }, 'Hop'));
      expect(expired.statusCode).toBe(403);
      expect(expired.json().error.message).toContain('expiré');
      expect(await counts()).toEqual(before);
    });

    it('a spoofed From changes nothing: the reply is the file’s customer’s; without a token it opens no existing file', async () => {
      const response = await post(
        rawEmail(
          { From: `Tom <autre-${ctx().dialect}@example.fr>`, To: replyTo(fileA, a.id), Subject: 'Re' },
          'Coucou',
        ),
      );
      expect(response.json()).toMatchObject({ outcome: 'threaded', requestId: fileA.id });
      const author = await ctx()
        .deps.db.kysely.selectFrom('activity')
        .select('actor_name')
        .where('request_id', '=', fileA.id)
        .where('action', '=', 'message.received')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(author.actor_name).toBe('Léa Martin');
      // The existing customer writing to the school's address with the file's subject: a NEW request.
      const general = await post(
        rawEmail(
          {
            From: `famille-${ctx().dialect}@example.fr`,
            To: `${a.slug}@${DOMAIN}`,
            Subject: `Re: dossier ${fileA.number}`,
            'In-Reply-To': `<file.${fileA.id}@${DOMAIN}>`,
          },
          'Encore moi',
        ),
      );
      expect(general.statusCode).toBe(201);
      expect(general.json().requestId).not.toBe(fileA.id);
    });

    it('a message to the school’s address opens a new e-mail request for its sender, in that school only', async () => {
      const sender = `nouveau-${ctx().dialect}@example.fr`;
      const response = await post(
        rawEmail(
          { From: `Chloé Petit <${sender}>`, To: `École <${b.slug}@${DOMAIN}>`, Subject: 'Cours de ski' },
          'Bonjour, un cours ?',
        ),
      );
      expect(response.statusCode, response.body).toBe(201);
      const { requestId } = response.json() as { requestId: string };
      const request = await ctx()
        .deps.db.kysely.selectFrom('requests')
        .innerJoin('customers', 'customers.id', 'requests.customer_id')
        .select([
          'requests.school_id',
          'requests.source',
          'requests.last_message_author',
          'customers.first_name',
          'customers.email',
        ])
        .where('requests.id', '=', requestId)
        .executeTakeFirstOrThrow();
      expect(request).toEqual({
        school_id: b.id,
        source: 'email',
        last_message_author: 'customer',
        first_name: 'Chloé',
        email: sender,
      });
      expect((await messagesOf(requestId))[0]!.body).toBe('Cours de ski\n\nBonjour, un cours ?');
      // The same sender again: the same customer, found by normalised address.
      const again = await post(
        rawEmail({ From: sender.toUpperCase(), To: `${b.slug}@${DOMAIN}`, Subject: 'Encore' }, 'Re-bonjour'),
      );
      const customers = await ctx()
        .deps.db.kysely.selectFrom('requests')
        .select('customer_id')
        .where('id', 'in', [requestId, (again.json() as { requestId: string }).requestId])
        .execute();
      expect(new Set(customers.map((c) => c.customer_id)).size).toBe(1);
    });

    it('auto-replies and bounces open nothing', async () => {
      const before = await counts();
      const autos: Record<string, string>[] = [
        { 'Auto-Submitted': 'auto-replied' },
        { Precedence: 'bulk' },
        { 'X-Autoreply': 'yes' },
        { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"' },
      ];
      for (const extra of autos) {
        const response = await post(
          rawEmail(
            { From: 'vacances@example.fr', To: `${a.slug}@${DOMAIN}`, Subject: 'Absent', ...extra },
            '--b\r\n\r\nAbsent\r\n--b--',
          ),
        );
        expect(response.statusCode).toBe(202);
        expect(response.json()).toEqual({ outcome: 'ignored', reason: 'automatic' });
      }
      const bounce = await post(
        rawEmail(
          { From: 'MAILER-DAEMON@mx.example.fr', To: replyTo(fileA, a.id), Subject: 'Undelivered' },
          'failed',
        ),
      );
      expect(bounce.statusCode).toBe(202);
      expect(await counts()).toEqual(before);
    });

    it('refuses a bad secret, an oversized, malformed or unaddressed message, with a reason, creating nothing', async () => {
      const before = await counts();
      const good = rawEmail({ From: 'x@example.fr', To: `${a.slug}@${DOMAIN}`, Subject: 'S' }, 'Body');
      expect((await post(good, null)).statusCode).toBe(401);
      const wrong = await post(good, 'wrong');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('UNAUTHENTICATED');
      const huge = await post(`${good}${'x'.repeat(ctx().deps.config.inboundEmailMaxBytes)}`);
      expect(huge.statusCode).toBe(413);
      const malformed = await post('this is not an e-mail at all');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.message).toMatch(/RFC 5322/);
      const noFrom = await post(rawEmail({ To: `${a.slug}@${DOMAIN}`, Subject: 'S' }, 'Body'));
      expect(noFrom.statusCode).toBe(400);
      const elsewhere = await post(
        rawEmail({ From: 'x@example.fr', To: 'someone@elsewhere.fr', Subject: 'S' }, 'B'),
      );
      expect(elsewhere.statusCode).toBe(400);
      expect(elsewhere.json().error.message).toMatch(/destinataire|recipient/);
      expect(await counts()).toEqual(before);
    });
  },
  { config: { inboundEmailSecret: SECRET, inboundEmailMaxBytes: 200_000 } },
);
