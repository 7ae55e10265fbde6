import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/app/crypto.js';
import type { App } from '../../src/http/types.js';
import type { PosOrderPage } from '../../src/shared/contracts/pos.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import {
  bearer,
  createKey,
  fileWith,
  KIDS,
  type PosCatalogue,
  pay,
  posCatalogue,
  type School,
  statusOf,
} from '../support/pos-fixtures.js';

describeEachDatabase('the POS software API, “Saisi dans logiciel” and “Commande traitée”', (ctx) => {
  let app: App;
  let school: School;
  let other: School;
  let admin: Client;
  let marie: Client;
  let otherMarie: Client;
  let catalogue: PosCatalogue;
  let otherCatalogue: PosCatalogue;
  let key: string;
  let otherKey: string;
  const db = () => ctx().deps.db.kysely;

  beforeAll(async () => {
    app = await appFor(ctx());
    school = await makeSchool(ctx().deps, { name: 'École démo' });
    other = await makeSchool(ctx().deps);
    admin = new Client(app);
    await admin.login(school.admin.email);
    marie = new Client(app);
    await marie.login(school.secretary.email);
    otherMarie = new Client(app);
    await otherMarie.login(other.secretary.email);
    const otherAdmin = new Client(app);
    await otherAdmin.login(other.admin.email);
    catalogue = await posCatalogue(ctx(), school.id);
    otherCatalogue = await posCatalogue(ctx(), other.id);
    key = (await createKey(admin)).key;
    otherKey = (await createKey(otherAdmin, 'Caisse voisine')).key;
  });
  afterAll(() => app.close());

  /** A file with these lessons, paid in full. */
  async function paidFile(
    kinds: ('online' | 'desk')[],
    client = marie,
    schoolId = school.id,
    cat = catalogue,
  ) {
    const file = await fileWith(client, cat, kinds);
    await pay(ctx(), schoolId, file.id, file.totalCents);
    return file;
  }

  async function readyNumbers(k = key): Promise<string[]> {
    const numbers: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await app.inject({
        method: 'GET',
        url: `/api/pos/v1/orders?state=ready&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        headers: bearer(k),
      });
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json() as PosOrderPage;
      numbers.push(...page.orders.map((o) => o.number));
      cursor = page.nextCursor;
    } while (cursor);
    return numbers;
  }

  const ack = (number: string, k = key) =>
    app.inject({ method: 'POST', url: `/api/pos/v1/orders/${number}/ack`, headers: bearer(k) });

  const tick = async (id: string, isEnteredInPos: boolean, client = marie) => {
    const { version } = await statusOf(ctx(), id);
    return client.request('PUT', `/api/requests/${id}/entered-in-pos`, { version, isEnteredInPos });
  };

  describe('POS keys (Paramètres → Logiciel de caisse)', () => {
    it('shows a new key once, keeps only its sha256, and lists it by name without the key', async () => {
      const created = await createKey(admin, 'Caisse du bas');
      expect(created.key).toMatch(/^spk_[\w-]{43}$/);
      const row = await db()
        .selectFrom('pos_keys')
        .selectAll()
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(row.key_hash).toBe(sha256(created.key));
      expect(JSON.stringify(row)).not.toContain(created.key.slice(4));
      const list = await admin.get('/api/settings/pos-keys');
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(created.key.slice(4));
      expect(list.json().keys.map((k: { name: string }) => k.name)).toContain('Caisse du bas');
    });

    it('is for admins only', async () => {
      expect((await marie.post('/api/settings/pos-keys', { name: 'x' })).statusCode).toBe(403);
      expect((await marie.get('/api/settings/pos-keys')).statusCode).toBe(403);
    });

    it('refuses a revoked key, a missing one and a made-up one; another school’s key id is not found', async () => {
      const created = await createKey(admin, 'Ancienne caisse');
      expect(
        (
          await app.inject({
            method: 'GET',
            url: '/api/pos/v1/orders?state=ready',
            headers: bearer(created.key),
          })
        ).statusCode,
      ).toBe(200);
      const revoked = await admin.request('DELETE', `/api/settings/pos-keys/${created.id}`);
      expect(revoked.statusCode).toBe(200);
      const refused = await app.inject({
        method: 'GET',
        url: '/api/pos/v1/orders?state=ready',
        headers: bearer(created.key),
      });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('UNAUTHENTICATED');
      expect((await app.inject({ method: 'GET', url: '/api/pos/v1/orders?state=ready' })).statusCode).toBe(
        401,
      );
      expect(
        (
          await app.inject({
            method: 'GET',
            url: '/api/pos/v1/orders?state=ready',
            headers: bearer('spk_forged'),
          })
        ).statusCode,
      ).toBe(401);
      const otherAdmin = new Client(app);
      await otherAdmin.login(other.admin.email);
      expect((await otherAdmin.request('DELETE', `/api/settings/pos-keys/${created.id}`)).statusCode).toBe(
        404,
      );
    });

    it('logs every use with the key’s name, and journals the creation', async () => {
      const created = await createKey(admin, 'Caisse journalisée');
      await app.inject({
        method: 'GET',
        url: '/api/pos/v1/orders?state=ready',
        headers: bearer(created.key),
      });
      const uses = await db()
        .selectFrom('pos_key_uses')
        .selectAll()
        .where('key_id', '=', created.id)
        .execute();
      expect(uses).toHaveLength(1);
      expect(uses[0]).toMatchObject({ key_name: 'Caisse journalisée', operation: 'list' });
      const view = (await admin.get('/api/settings/pos-keys')).json();
      expect(view.uses[0]).toMatchObject({ keyName: 'Caisse journalisée', operation: 'list' });
      const journal = await db()
        .selectFrom('activity')
        .select(['action', 'details_json', 'actor_name'])
        .where('school_id', '=', school.id)
        .where('action', '=', 'pos.key_created')
        .execute();
      expect(journal.map((j) => JSON.parse(j.details_json).name)).toContain('Caisse journalisée');
    });
  });

  describe('GET /api/pos/v1/orders?state=ready', () => {
    it('lists a fully paid file with online lines: customer, participants, product, session, price, VAT, payments', async () => {
      const file = await paidFile(['online']);
      const r = await app.inject({
        method: 'GET',
        url: '/api/pos/v1/orders?state=ready&limit=200',
        headers: bearer(key),
      });
      const page = r.json() as PosOrderPage;
      expect(page.schema).toBe('schuss.pos.v1');
      const order = page.orders.find((o) => o.number === file.number)!;
      expect(order.customer).toMatchObject({ firstName: 'Anaïs', language: 'fr' });
      expect(order.totalCents).toBe(43_000);
      expect(order.paidCents).toBe(43_000);
      expect(order.lines).toHaveLength(1);
      expect(order.lines[0]).toMatchObject({
        label: 'Cours collectif enfants',
        productKind: 'cours_collectif',
        quantity: 2,
        unitPriceCents: 21_500,
        totalCents: 43_000,
        vatRateBp: 1000,
        vatCents: 3909,
        session: { startsOn: '2026-12-21', endsOn: '2026-12-26', startTime: '09:00', endTime: '11:30' },
        dates: { from: '2026-12-21', to: '2026-12-26' },
        participants: KIDS,
      });
      expect(order.payments).toEqual([
        expect.objectContaining({ amountCents: 43_000, method: 'cheque', kind: 'manual' }),
      ]);
    });

    it('leaves out files not fully paid, desk-only files, files already imported and other schools’ files', async () => {
      const deposit = await fileWith(marie, catalogue, ['online']);
      await pay(ctx(), school.id, deposit.id, 10_000);
      const unpaid = await fileWith(marie, catalogue, ['online']);
      const deskOnly = await paidFile(['desk']);
      const imported = await paidFile(['online']);
      expect((await ack(imported.number)).statusCode).toBe(200);
      const ready = await paidFile(['online', 'desk']);
      const theirs = await paidFile(['online'], otherMarie, other.id, otherCatalogue);
      const numbers = await readyNumbers();
      expect(numbers).toContain(ready.number);
      for (const file of [deposit, unpaid, deskOnly, imported]) expect(numbers).not.toContain(file.number);
      // The other school's key sees its own file, and none of ours.
      const theirNumbers = await readyNumbers(otherKey);
      expect(theirNumbers).toEqual([theirs.number]);
      const mixed = (
        await app.inject({
          method: 'GET',
          url: '/api/pos/v1/orders?state=ready&limit=200',
          headers: bearer(key),
        })
      ).json() as PosOrderPage;
      // A mixed file lists only its online line: the desk line is typed in by hand.
      expect(mixed.orders.find((o) => o.number === ready.number)!.lines.map((l) => l.label)).toEqual([
        'Cours collectif enfants',
      ]);
    });

    it('pages with a cursor, in number order, and refuses a forged cursor', async () => {
      for (let i = 0; i < 3; i++) await paidFile(['online']);
      const all = await readyNumbers();
      expect(all.length).toBeGreaterThanOrEqual(3);
      expect([...all].sort()).toEqual(all);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = await app.inject({
          method: 'GET',
          url: `/api/pos/v1/orders?state=ready&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          headers: bearer(key),
        });
        const page = r.json() as PosOrderPage;
        expect(page.orders.length).toBeLessThanOrEqual(2);
        seen.push(...page.orders.map((o) => o.number));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.ceil(all.length / 2));
      const forged = await app.inject({
        method: 'GET',
        url: '/api/pos/v1/orders?state=ready&cursor=%3D%3D',
        headers: bearer(key),
      });
      expect(forged.statusCode).toBe(400);
      const wrongState = await app.inject({
        method: 'GET',
        url: '/api/pos/v1/orders?state=all',
        headers: bearer(key),
      });
      expect(wrongState.statusCode).toBe(400);
    });

    it('answers CSV for Accept: text/csv — BOM, “;”, CRLF, formula-like cells neutralised', async () => {
      const file = await fileWith(marie, catalogue, ['online']);
      // What a customer typed on a public form lands here as it is: the POS CSV must not run it.
      const { customer_id } = await db()
        .selectFrom('requests')
        .select('customer_id')
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable('customers')
        .set({
          first_name: '+33 6 12',
          last_name: '=HYPERLINK("http://x","y")',
          email: '@x@ecole.test',
          phone: '-1+2',
        })
        .where('id', '=', customer_id)
        .execute();
      await pay(ctx(), school.id, file.id, file.totalCents);
      const r = await app.inject({
        method: 'GET',
        url: '/api/pos/v1/orders?state=ready&limit=200',
        headers: { ...bearer(key), accept: 'text/csv' },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
      const raw = r.rawPayload;
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = raw.subarray(3).toString('utf8');
      const rows = text.split('\r\n');
      expect(rows.at(-1)).toBe('');
      expect(text.replaceAll('\r\n', '')).not.toContain('\n');
      expect(rows[0]!.split(';').slice(0, 3)).toEqual(['Numéro', 'Date du dossier', 'Nom']);
      const row = rows.find((line) => line.startsWith(file.number))!;
      const cells = row.split(';');
      expect(cells[2]).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
      expect(cells[3]).toBe(`'+33 6 12`);
      expect(cells[4]!.startsWith(`'@x`)).toBe(true);
      expect(cells[5]).toBe(`'-1+2`);
      expect(cells[6]).toBe('Cours collectif enfants');
      expect(cells.slice(13, 18)).toEqual(['2', '215,00', '430,00', '10,00 %', '39,09']);
      expect(cells[12]).toBe('Léa 2016-03-02 beginner | Tom 2018-07-14 first_time');
    });

    it('neutralises tab and carriage-return cells too', async () => {
      const { ordersCsv } = await import('../../src/app/pos/pos-csv.js');
      const csv = ordersCsv([
        {
          number: '2026-1',
          createdAt: '2026-12-01T00:00:00.000Z',
          customer: { firstName: '\tTab', lastName: '\rReturn', email: 'a;b@x', phone: null, language: 'fr' },
          totalCents: 100,
          paidCents: 100,
          lines: [
            {
              id: 'l',
              productId: null,
              productKind: null,
              label: 'A "B"',
              quantity: 1,
              unitPriceCents: 100,
              totalCents: 100,
              vatRateBp: 0,
              vatCents: 0,
              session: null,
              dates: null,
              participants: [],
            },
          ],
          payments: [],
        },
      ]);
      const row = csv.split('\r\n')[1]!;
      expect(row).toContain(`"'\rReturn";'\tTab;"a;b@x"`);
      expect(row).toContain(`"A ""B"""`);
    });
  });

  describe('POST /api/pos/v1/orders/:number/ack', () => {
    it('marks the online lines imported, moves the file on, and changes nothing the second time', async () => {
      const file = await paidFile(['online']);
      expect((await statusOf(ctx(), file.id)).status).toBe('paid');
      const first = await ack(file.number);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({
        schema: 'schuss.pos.v1',
        number: file.number,
        importedLines: 1,
        status: 'processed',
      });
      const version = (await statusOf(ctx(), file.id)).version;
      const again = await ack(file.number);
      expect(again.json()).toMatchObject({ importedLines: 0, status: 'processed' });
      expect((await statusOf(ctx(), file.id)).version).toBe(version);
      const journal = await db()
        .selectFrom('activity')
        .select(['actor_kind', 'actor_name', 'details_json'])
        .where('request_id', '=', file.id)
        .where('action', '=', 'pos.lines_imported')
        .execute();
      expect(journal).toEqual([
        {
          actor_kind: 'pos',
          actor_name: 'Caisse 4807',
          details_json: JSON.stringify({ number: file.number, lines: 1 }),
        },
      ]);
      const uses = await db()
        .selectFrom('pos_key_uses')
        .select(['operation', 'detail'])
        .where('detail', '=', file.number)
        .execute();
      expect(uses).toEqual([
        { operation: 'ack', detail: file.number },
        { operation: 'ack', detail: file.number },
      ]);
    });

    it('is a 404 for an unknown number and for another school’s number (their file untouched)', async () => {
      expect((await ack('1999-99999')).statusCode).toBe(404);
      const ours = new Set(
        (await db().selectFrom('requests').select('number').where('school_id', '=', school.id).execute()).map(
          (r) => r.number,
        ),
      );
      let theirs = await paidFile(['online'], otherMarie, other.id, otherCatalogue);
      while (ours.has(theirs.number))
        theirs = await paidFile(['online'], otherMarie, other.id, otherCatalogue);
      const r = await ack(theirs.number);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
      expect((await statusOf(ctx(), theirs.id)).status).toBe('paid');
    });
  });

  describe('“Saisi dans logiciel” and the status rule', () => {
    const cases: { lines: ('online' | 'desk')[]; imported: boolean; ticked: boolean; status: string }[] = [];
    for (const lines of [['online'], ['desk'], ['online', 'desk']] as ('online' | 'desk')[][])
      for (const imported of [false, true])
        for (const ticked of [false, true]) {
          const hasOnline = lines.includes('online');
          const hasDesk = lines.includes('desk');
          const processed = (!hasOnline || imported) && (!hasDesk || ticked);
          cases.push({ lines, imported, ticked, status: processed ? 'processed' : 'paid' });
        }

    for (const c of cases)
      it(`${c.lines.join(' + ')} lines, ${c.imported ? 'imported' : 'not imported'}, ${c.ticked ? 'ticked' : 'not ticked'} → ${c.status}`, async () => {
        const file = await paidFile(c.lines);
        if (c.imported) expect((await ack(file.number)).statusCode).toBe(200);
        if (c.ticked) expect((await tick(file.id, true)).statusCode).toBe(200);
        const state = await statusOf(ctx(), file.id);
        expect(state.status).toBe(c.status);
        expect(state.is_entered_in_pos).toBe(c.ticked ? 1 : 0);
      });

    it('unticking moves a processed file back to “Paiement soldé”, journaled both ways', async () => {
      const file = await paidFile(['desk']);
      const on = await tick(file.id, true);
      expect(on.json()).toMatchObject({ status: 'processed' });
      const off = await tick(file.id, false);
      expect(off.json()).toMatchObject({ status: 'paid' });
      const journal = await db()
        .selectFrom('activity')
        .select(['details_json', 'actor_name'])
        .where('request_id', '=', file.id)
        .where('action', '=', 'pos.entered_in_pos_changed')
        .orderBy('id')
        .execute();
      expect(journal.map((j) => JSON.parse(j.details_json))).toEqual([
        { isEnteredInPos: true },
        { isEnteredInPos: false },
      ]);
      expect(journal[0]!.actor_name).toBe(school.secretary.name);
    });

    it('a new line after processing moves the file back to “Acompte versé”', async () => {
      const file = await paidFile(['online', 'desk']);
      await ack(file.number);
      await tick(file.id, true);
      expect((await statusOf(ctx(), file.id)).status).toBe('processed');
      const { version } = await statusOf(ctx(), file.id);
      const added = await marie.post(`/api/requests/${file.id}/lines`, {
        kind: 'catalog',
        version,
        ...catalogue.online,
        participants: [KIDS[0]],
      });
      expect(added.statusCode, added.body).toBe(201);
      expect((await statusOf(ctx(), file.id)).status).toBe('deposit_paid');
    });

    it('a refund after processing moves the file back to “Acompte versé”', async () => {
      const file = await paidFile(['online']);
      await ack(file.number);
      expect((await statusOf(ctx(), file.id)).status).toBe('processed');
      await pay(ctx(), school.id, file.id, -5_000);
      expect((await statusOf(ctx(), file.id)).status).toBe('deposit_paid');
    });

    it('is ticked on a fully paid file only, refuses a stale version, and another school’s file is not found', async () => {
      const file = await fileWith(marie, catalogue, ['desk']);
      const refused = await tick(file.id, true);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('INVALID_STATE');
      await pay(ctx(), school.id, file.id, file.totalCents);
      const stale = await marie.request('PUT', `/api/requests/${file.id}/entered-in-pos`, {
        version: 1,
        isEnteredInPos: true,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('CONFLICT');
      const foreign = await tick(file.id, true, otherMarie);
      expect(foreign.statusCode).toBe(404);
      expect((await statusOf(ctx(), file.id)).is_entered_in_pos).toBe(0);
    });
  });

  describe('the staff app: “Export pour le logiciel” and “Marquer comme importé”', () => {
    it('exports the ready orders as CSV and marks a file imported, both journaled', async () => {
      const file = await paidFile(['online']);
      const csv = await marie.get('/api/pos/export.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-disposition']).toContain('attachment');
      expect(csv.body).toContain(file.number);
      const { version } = await statusOf(ctx(), file.id);
      const marked = await marie.post(`/api/requests/${file.id}/pos-import`, { version });
      expect(marked.statusCode, marked.body).toBe(200);
      expect(marked.json().status).toBe('processed');
      const actions = await db()
        .selectFrom('activity')
        .select(['action', 'actor_name'])
        .where('school_id', '=', school.id)
        .where('action', 'in', ['pos.exported', 'pos.lines_imported'])
        .where('actor_kind', '=', 'staff')
        .execute();
      expect(actions.map((a) => a.action).sort()).toEqual(
        expect.arrayContaining(['pos.exported', 'pos.lines_imported']),
      );
      expect((await otherMarie.post(`/api/requests/${file.id}/pos-import`, { version })).statusCode).toBe(
        404,
      );
    });
  });

  describe('the OpenAPI document', () => {
    it('documents the versioned POS schema at /api/pos/v1/openapi.json', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/pos/v1/openapi.json' });
      expect(r.statusCode).toBe(200);
      const doc = r.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.version).toBe('schuss.pos.v1');
      expect(Object.keys(doc.paths).sort()).toEqual([
        '/api/pos/v1/orders',
        '/api/pos/v1/orders/{number}/ack',
      ]);
      const listing = doc.paths['/api/pos/v1/orders'].get;
      expect(listing.security).toEqual([{ posKey: [] }]);
      const schema = JSON.stringify(listing.responses['200']);
      for (const field of ['participants', 'birthDate', 'vatCents', 'nextCursor', 'session', 'payments'])
        expect(schema).toContain(field);
      const full = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      expect(full.components.securitySchemes.posKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    });
  });
});
