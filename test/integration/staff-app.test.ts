import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { customerMailsInOutbox } from '../support/customer-mail.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import { openStream } from '../support/sse.js';

type School = Awaited<ReturnType<typeof makeSchool>>;

const customer = (
  email: string,
  firstName = 'Héloïse',
  lastName = 'Février',
  phone = '+33 6 12 34 56 78',
) => ({
  email,
  firstName,
  lastName,
  phone,
  language: 'fr',
});

describeEachDatabase('staff app: lists, counts, search, journal, notifications, live', (ctx) => {
  let app: App;
  let a: School;
  let b: School;
  let marie: Client;
  let admin: Client;
  let staffB: Client;
  let port: number;

  beforeAll(async () => {
    app = await appFor(ctx());
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    a = await makeSchool(ctx().deps);
    b = await makeSchool(ctx().deps);
    marie = new Client(app);
    await marie.login(a.secretary.email);
    admin = new Client(app);
    await admin.login(a.admin.email);
    staffB = new Client(app);
    await staffB.login(b.secretary.email);
  });
  afterAll(() => app.close());

  const open = (client: Client, email: string, message: string, extra: Record<string, unknown> = {}) =>
    client.post('/api/requests', { customer: customer(email), message, ...extra }).then((r) => {
      if (r.statusCode !== 201) throw new Error(r.body);
      return r.json();
    });

  it('lists simple requests newest activity first, with keyset pagination and the tab counts', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) {
      ctx().clock.advance(60_000);
      created.push(await open(marie, `list${i}@example.fr`, `Question ${i}`));
    }
    const first = await marie.get('/api/requests?tab=request&limit=2');
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((x: { number: string }) => x.number)).toEqual([
      created[4].number,
      created[3].number,
    ]);
    expect(page1.counts.request).toBe(5);
    expect(page1.counts.new).toBe(0);
    const page2 = (await marie.get(`/api/requests?tab=request&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((x: { number: string }) => x.number)).toEqual([
      created[2].number,
      created[1].number,
    ]);
    const page3 = (await marie.get(`/api/requests?tab=request&limit=2&cursor=${page2.nextCursor}`)).json();
    expect(page3.items.map((x: { number: string }) => x.number)).toEqual([created[0].number]);
    expect(page3.nextCursor).toBeNull();
    expect(page1.items[0]).toMatchObject({
      source: 'staff',
      customerName: 'Héloïse Février',
      lastMessagePreview: 'Question 4',
      lastMessageKeyed: null,
      isToHandle: true,
    });
  });

  it('filters by origin, category and "à traiter"', async () => {
    const categories = (await marie.get('/api/categories')).json().items;
    const groupes = categories.find((c: { name: string }) => c.name === 'Groupes');
    const tagged = await open(marie, 'groupe@example.fr', 'Un groupe de 12', { categoryId: groupes.id });
    const byCategory = (await marie.get(`/api/requests?tab=request&categoryId=${groupes.id}`)).json();
    expect(byCategory.items.map((x: { id: string }) => x.id)).toEqual([tagged.id]);
    expect(byCategory.items[0].categoryName).toBe('Groupes');
    const bySource = (await marie.get('/api/requests?tab=request&source=vel')).json();
    expect(bySource.items).toEqual([]);
    // A request noted by staff is the customer's: "à traiter" until someone answers it.
    const toHandle = (await marie.get('/api/requests?tab=request&toHandle=true&limit=100')).json();
    expect(toHandle.items.map((x: { id: string }) => x.id)).toContain(tagged.id);
    expect(toHandle.items.every((x: { isToHandle: boolean }) => x.isToHandle)).toBe(true);
    await marie.post(`/api/requests/${tagged.id}/messages`, { body: 'Nous vous rappelons demain.' });
    const answered = (await marie.get('/api/requests?tab=request&toHandle=true&limit=100')).json();
    expect(answered.items.map((x: { id: string }) => x.id)).not.toContain(tagged.id);
    expect(answered.items.length).toBe(toHandle.items.length - 1);
  });

  it('refuses an unknown tab or a forged cursor with a clear message', async () => {
    const tab = await marie.get('/api/requests?tab=paye');
    expect(tab.statusCode).toBe(400);
    expect(Object.keys(tab.json().error.fields)).toEqual(['tab']);
    const cursor = await marie.get('/api/requests?cursor=bm9wZQ');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.fields).toEqual({ cursor: 'Curseur invalide.' });
  });

  it('searches names, e-mails, phone, number and message words, ignoring accents and case', async () => {
    const created = await marie.post('/api/requests', {
      customer: customer('zoe.lefevre@example.fr', 'Zoé', 'Lefèvre-Dubœuf', '+33 6 99 88 77 66'),
      message: 'Cours de snowboard pour mon fils Théo pendant les vacances de février',
    });
    expect(created.statusCode).toBe(201);
    const r = created.json();
    await marie.post(`/api/requests/${r.id}/messages`, { body: 'Nous avons un créneau avec Jean-Baptiste' });
    const ids = async (q: string) =>
      (await marie.get(`/api/search?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((x: { id: string }) => x.id);
    expect(await ids('zoe lefevre-duboeuf')).toEqual([r.id]);
    expect(await ids('ZOÉ LEFÈVRE')).toEqual([r.id]);
    expect(await ids('zoe.lefevre@example')).toEqual([r.id]);
    expect(await ids('theo snowboard')).toEqual([r.id]);
    expect(await ids('creneau jean-baptiste')).toEqual([r.id]);
    expect(await ids('0699887766')).toEqual([r.id]);
    expect(await ids('+33 6 99 88')).toEqual([r.id]);
    expect(await ids(r.number)).toEqual([r.id]);
    const [year, sequence] = (r.number as string).split('-');
    expect(await ids(`${year} ${Number(sequence)}`)).toEqual([r.id]);
    expect(await ids('snowboard ski-nautique')).toEqual([]);
    expect(await ids('"*')).toEqual([]);
  });

  it('search, lists and pages never show another school’s files', async () => {
    const secret = await open(staffB, 'secret@b.example', 'Mot-clé-unique-béta');
    expect((await marie.get('/api/search?q=unique beta')).json().items).toEqual([]);
    expect(
      (await staffB.get('/api/search?q=unique beta')).json().items.map((x: { id: string }) => x.id),
    ).toEqual([secret.id]);
    const listA = (await marie.get('/api/requests?tab=request&limit=100')).json();
    expect(listA.items.map((x: { id: string }) => x.id)).not.toContain(secret.id);
    expect((await marie.get(`/api/requests/${secret.id}`)).statusCode).toBe(404);
    expect((await marie.post(`/api/requests/${secret.id}/messages`, { body: 'hack' })).statusCode).toBe(404);
    expect(
      (
        await marie.request('PATCH', `/api/requests/${secret.id}/customer`, {
          version: 1,
          firstName: 'X',
          lastName: 'Y',
          email: 'x@y.fr',
        })
      ).statusCode,
    ).toBe(404);
    expect((await marie.post(`/api/requests/${secret.id}/presence`, {})).statusCode).toBe(404);
    expect((await marie.get('/api/customers?q=secret')).json().items).toEqual([]);
    expect((await marie.get('/api/search?q=secret@b.example')).json().items).toEqual([]);
    expect(
      (await staffB.get('/api/search?q=secret@b')).json().items.map((x: { id: string }) => x.id),
    ).toEqual([secret.id]);
  });

  it('shows the dossier page with conversation, journal sentences and the customer’s other files', async () => {
    const first = await open(marie, 'famille@example.fr', 'Première demande');
    const second = await open(marie, 'FAMILLE@example.fr', 'Deuxième demande');
    const category = (await marie.get('/api/categories')).json().items[0];
    await admin.patch(`/api/requests/${second.id}`, { version: 1, categoryId: category.id, language: 'en' });
    await marie.post(`/api/requests/${second.id}/messages`, {
      body: 'Bonjour, voici nos disponibilités <script>alert(1)</script>',
    });
    const page = (await marie.get(`/api/requests/${second.id}`)).json();
    expect(page.request).toMatchObject({
      number: second.number,
      status: 'request',
      language: 'en',
      version: 2,
    });
    expect(page.categoryName).toBe(category.name);
    expect(
      page.messages.map((m: { authorKind: string; authorName: string; body: string }) => [
        m.authorKind,
        m.authorName,
        m.body,
      ]),
    ).toEqual([
      ['customer', 'Héloïse Février', 'Deuxième demande'],
      ['staff', a.secretary.name, 'Bonjour, voici nos disponibilités <script>alert(1)</script>'],
    ]);
    expect(page.activity.map((x: { sentence: string }) => x.sentence)).toEqual([
      `${a.secretary.name} a répondu au client`,
      `${a.admin.name} a changé la langue du client en anglais`,
      `${a.admin.name} a changé la catégorie en « ${category.name} »`,
      `${a.secretary.name} a noté la demande ${second.number} (téléphone / guichet)`,
    ]);
    expect(page.otherRequests.map((o: { id: string }) => o.id)).toEqual([first.id]);
    const outbox = await customerMailsInOutbox(ctx().deps.db.kysely, { schoolId: a.id });
    const reply = outbox.find((p) => p.text.includes('disponibilités'))!;
    expect(reply).toMatchObject({ to: 'famille@example.fr' });
    expect(reply.subject).toContain(second.number);
  });

  it('edits the customer’s contact details and finds them under the new name', async () => {
    const r = await open(marie, 'ancien@example.fr', 'Bonjour');
    const bad = await marie.request('PATCH', `/api/requests/${r.id}/customer`, {
      version: 1,
      firstName: '',
      lastName: 'Z',
      email: 'pas-un-mail',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({ firstName: 'Indiquez le prénom.' });
    const ok = await marie.request('PATCH', `/api/requests/${r.id}/customer`, {
      version: 1,
      firstName: 'Anaïs',
      lastName: 'Nouveau-Nom',
      email: 'nouveau@example.fr',
      phone: '04 79 00 00 00',
    });
    expect(ok.statusCode).toBe(204);
    const found = (await marie.get('/api/search?q=anais nouveau-nom')).json().items;
    expect(found.map((x: { id: string }) => x.id)).toEqual([r.id]);
    expect(found[0].customerName).toBe('Anaïs Nouveau-Nom');
    const listed = (await marie.get('/api/requests?tab=request&limit=100')).json().items;
    expect(listed.find((x: { id: string }) => x.id === r.id).customerName).toBe('Anaïs Nouveau-Nom');
    const stale = await marie.request('PATCH', `/api/requests/${r.id}/customer`, {
      version: 1,
      firstName: 'X',
      lastName: 'Y',
      email: 'x@y.fr',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain(a.secretary.name);
  });

  it('notifies staff, counts unread, and marks read per user', async () => {
    const { transact } = await import('../../src/app/tx.js');
    const { notifyStaff } = await import('../../src/app/requests/staff-notifications.js');
    const r = await open(marie, 'notif@example.fr', 'Hello');
    await transact(ctx().deps, (tx) =>
      notifyStaff(tx, a.id, { kind: 'request.created', requestId: r.id, payload: {} }),
    );
    const bell = (await marie.get('/api/notifications')).json();
    expect(bell.unread).toBeGreaterThanOrEqual(1);
    const item = bell.items.find((n: { requestId: string }) => n.requestId === r.id);
    expect(item).toMatchObject({
      kind: 'request.created',
      requestNumber: r.number,
      customerName: 'Héloïse Février',
      isRead: false,
    });
    expect((await marie.post(`/api/notifications/${item.id}/read`)).statusCode).toBe(204);
    // Marking it again is fine; someone else's notification — or another school's — is not found.
    expect((await marie.post(`/api/notifications/${item.id}/read`)).statusCode).toBe(204);
    const adminItem = (await admin.get('/api/notifications'))
      .json()
      .items.find((n: { requestId: string }) => n.requestId === r.id);
    expect((await marie.post(`/api/notifications/${adminItem.id}/read`)).statusCode).toBe(404);
    const ofOtherSchool = await staffB.post(`/api/notifications/${item.id}/read`);
    expect(ofOtherSchool.statusCode).toBe(404);
    expect(ofOtherSchool.json().error.code).toBe('NOT_FOUND');
    expect((await marie.get('/api/notifications')).json().unread).toBe(bell.unread - 1);
    const adminBell = (await admin.get('/api/notifications')).json();
    expect(adminBell.items.find((n: { requestId: string }) => n.requestId === r.id).isRead).toBe(false);
    expect(
      (await staffB.get('/api/notifications'))
        .json()
        .items.find((n: { requestId: string }) => n.requestId === r.id),
    ).toBeUndefined();
  });

  it('pushes live events to the school’s staff only, with presence', async () => {
    const streamA = openStream(port, admin.cookie!);
    const streamB = openStream(port, staffB.cookie!);
    await Promise.all([streamA.ready, streamB.ready]);
    const r = await open(marie, 'live@example.fr', 'En direct');
    const changed = await streamA.waitFor((e) => e.type === 'request.changed' && e.data.requestId === r.id);
    expect(changed.data).not.toHaveProperty('schoolId');
    await streamA.waitFor((e) => e.type === 'counts.changed');
    const presence = await marie.post(`/api/requests/${r.id}/presence`, {});
    expect(presence.json().viewers).toEqual([]);
    const seen = await streamA.waitFor((e) => e.type === 'presence' && e.data.requestId === r.id);
    expect(seen.data).toMatchObject({ userId: a.secretary.id, data: { name: a.secretary.name } });
    const adminView = await admin.post(`/api/requests/${r.id}/presence`, {});
    expect(adminView.json().viewers).toEqual([{ userId: a.secretary.id, name: a.secretary.name }]);
    // School B's staff opened their stream before all of this: a B event arrives, no A event ever did.
    const ofB = await open(staffB, 'b-live@b.example', 'B');
    await streamB.waitFor((e) => e.type === 'request.changed' && e.data.requestId === ofB.id);
    expect(streamB.events.some((e) => e.data.requestId === r.id)).toBe(false);
    expect(streamA.events.some((e) => e.data.requestId === ofB.id)).toBe(false);
    streamA.close();
    streamB.close();
  });
});
