import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import {
  browserSubmit,
  contactBody,
  customer,
  footprint,
  makeIntakeSchool,
  TEST_INTAKE,
} from '../support/intake-client.js';

/** Full-width letters and digits (ｚ is U+FF5A), as an East Asian keyboard types them. */
function fullWidth(ascii: string): string {
  return [...ascii].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
}

/** An address with an accent and its look-alikes; a fresh one per test, so each has its own customer. */
function zoe(): { real: string; zeroWidth: string; fullWidth: string } {
  const tag = randomBytes(3).toString('hex');
  return {
    real: `zoé-${tag}@example.fr`,
    zeroWidth: `zo\u200bé-${tag}@example.fr`,
    fullWidth: `${fullWidth('zo')}é-${fullWidth(tag)}@example.fr`,
  };
}

const MALFORMED = ['a@x..fr', '.a@x.fr', 'a@-x-.fr'];

describeEachDatabase(
  'text and e-mail hygiene: one rule for everything people type',
  (ctx) => {
    let app: App;
    let a: Awaited<ReturnType<typeof makeIntakeSchool>>;
    let admin: Client;
    const db = () => ctx().deps.db.kysely;

    beforeAll(async () => {
      app = await appFor(ctx());
      a = await makeIntakeSchool(ctx().deps);
      admin = new Client(app);
      await admin.login(a.admin.email);
    });
    afterAll(() => app.close());

    async function customersOf(emailNormalized: string) {
      return db()
        .selectFrom('customers')
        .selectAll()
        .where('school_id', '=', a.id)
        .where('email_normalized', '=', emailNormalized)
        .execute();
    }

    async function customerOfNumber(number: string) {
      const row = await db()
        .selectFrom('requests')
        .select('customer_id')
        .where('school_id', '=', a.id)
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      return row.customer_id;
    }

    describe('staff accounts (Paramètres → Personnel)', () => {
      const account = (overrides: Record<string, unknown>) => ({
        email: `compte-${randomBytes(3).toString('hex')}@ecole.test`,
        name: 'Camille Roux',
        role: 'secretary',
        password: 'un-mot-de-passe-long',
        ...overrides,
      });

      it('refuses a display name with NUL and a bidi override, naming the field', async () => {
        const before = await db().selectFrom('users').select('id').where('school_id', '=', a.id).execute();
        for (const name of ['Ev\u0000il\u202egnp.exe', 'Evil\u202egnp.exe', 'Ligne 1\nLigne 2']) {
          const r = await admin.post('/api/staff', account({ name }));
          expect(r.statusCode, JSON.stringify(name)).toBe(400);
          expect(r.json().error.code).toBe('VALIDATION');
          expect(r.json().error.fields).toEqual({ name: 'Nom : caractères de contrôle interdits.' });
        }
        const after = await db().selectFrom('users').select('id').where('school_id', '=', a.id).execute();
        expect(after).toHaveLength(before.length);
      });

      it('refuses a display name made only of invisible characters, and a lone surrogate', async () => {
        const invisible = await admin.post('/api/staff', account({ name: '\u200b\ufeff\u2060' }));
        expect(invisible.statusCode).toBe(400);
        expect(invisible.json().error.fields).toEqual({ name: 'Indiquez le nom.' });
        const broken = await admin.post('/api/staff', account({ name: 'Camille \ud800' }));
        expect(broken.statusCode).toBe(400);
        expect(broken.json().error.fields).toEqual({
          name: 'Nom : caractères illisibles (texte mal encodé), retapez-le.',
        });
      });

      it('refuses the same names when an existing account is renamed', async () => {
        const r = await admin.patch(`/api/staff/${a.secretary.id}`, { name: 'Ev\u0000il\u202egnp.exe' });
        expect(r.statusCode).toBe(400);
        expect(r.json().error.fields).toEqual({ name: 'Nom : caractères de contrôle interdits.' });
        const row = await db()
          .selectFrom('users')
          .select('name')
          .where('id', '=', a.secretary.id)
          .executeTakeFirstOrThrow();
        expect(row.name).not.toContain('\u0000');
      });

      it('stores a staff address without its zero-width characters, and refuses malformed ones', async () => {
        const { zeroWidth, real } = zoe();
        const created = await admin.post('/api/staff', account({ email: zeroWidth }));
        expect(created.statusCode).toBe(201);
        expect(created.json().email).toBe(real);
        await new Client(app).login(real, 'un-mot-de-passe-long');
        for (const email of MALFORMED) {
          const r = await admin.post('/api/staff', account({ email }));
          expect(r.statusCode, email).toBe(400);
          expect(r.json().error.fields).toEqual({ email: 'Adresse e-mail invalide.' });
        }
      });
    });

    describe('public forms', () => {
      it('finds the same customer for look-alike addresses (zero-width space, full-width letters)', async () => {
        const { real, zeroWidth, fullWidth } = zoe();
        const numbers: string[] = [];
        for (const [i, email] of [real, zeroWidth, fullWidth].entries()) {
          const r = await browserSubmit(
            ctx(),
            app,
            a.slug,
            contactBody({ customer: customer(email), message: `Question n° ${i + 1}` }),
          );
          expect(r.statusCode, email).toBe(201);
          numbers.push(r.json().number);
        }
        const customers = await customersOf(real);
        expect(customers).toHaveLength(1);
        expect(customers[0]!.email).toBe(real);
        for (const number of numbers) expect(await customerOfNumber(number)).toBe(customers[0]!.id);
      });

      it('refuses malformed addresses by name, in the form’s language, writing nothing', async () => {
        for (const email of MALFORMED) {
          const before = await footprint(ctx().deps, a.id);
          const fr = await browserSubmit(ctx(), app, a.slug, contactBody({ customer: customer(email) }));
          expect(fr.statusCode, email).toBe(400);
          expect(fr.json().error.fields).toEqual({ 'customer.email': 'Adresse e-mail invalide.' });
          const en = await browserSubmit(ctx(), app, a.slug, contactBody({ customer: customer(email) }), {
            query: '?lang=en',
          });
          expect(en.statusCode, email).toBe(400);
          expect(en.json().error.fields).toEqual({ 'customer.email': 'Invalid e-mail address.' });
          expect(await footprint(ctx().deps, a.id)).toEqual(before);
        }
      });

      it('refuses a last name made only of U+200B and U+FEFF as missing', async () => {
        const before = await footprint(ctx().deps, a.id);
        const r = await browserSubmit(
          ctx(),
          app,
          a.slug,
          contactBody({ customer: { ...customer(), lastName: '\u200b\ufeff\u200b' } }),
        );
        expect(r.statusCode).toBe(400);
        expect(r.json().error.fields).toEqual({ 'customer.lastName': 'Indiquez votre nom.' });
        expect(await footprint(ctx().deps, a.id)).toEqual(before);
      });

      it('refuses lone surrogates by name instead of storing U+FFFD', async () => {
        const before = await footprint(ctx().deps, a.id);
        const r = await browserSubmit(
          ctx(),
          app,
          a.slug,
          contactBody({ customer: { ...customer(), firstName: 'Zo\ud800' }, message: 'Bonjour \udc00' }),
        );
        expect(r.statusCode).toBe(400);
        const broken = 'Caractères illisibles (texte mal encodé) : retapez ce champ.';
        expect(r.json().error.fields).toEqual({ 'customer.firstName': broken, message: broken });
        const en = await browserSubmit(
          ctx(),
          app,
          a.slug,
          contactBody({ customer: { ...customer(), lastName: 'Fé\ud83d' } }),
          { query: '?lang=en' },
        );
        expect(en.json().error.fields).toEqual({
          'customer.lastName': 'Unreadable characters (badly encoded text): type this field again.',
        });
        expect(await footprint(ctx().deps, a.id)).toEqual(before);
      });

      it('keeps real names and emoji whole, trimming invisible characters at the ends', async () => {
        const { real } = zoe();
        const r = await browserSubmit(
          ctx(),
          app,
          a.slug,
          contactBody({
            customer: { ...customer(real), firstName: '\u200bZoé\ufeff', lastName: 'Nguyễn-Łukasz 🏔️' },
            message: 'Bonjour ⛷️\nÀ bientôt 👩\u200d🏫',
          }),
        );
        expect(r.statusCode).toBe(201);
        const [row] = await customersOf(real);
        expect(row).toMatchObject({ first_name: 'Zoé', last_name: 'Nguyễn-Łukasz 🏔️' });
      });
    });

    describe('staff app: Nouvelle demande, customer edits, categories', () => {
      const newRequest = (c: Record<string, unknown>, message = 'Demande au téléphone') =>
        admin.post('/api/requests', {
          customer: { email: zoe().real, firstName: 'Zoé', lastName: 'Martin', language: 'fr', ...c },
          message,
        });

      it('finds the customer of a look-alike address instead of creating another', async () => {
        const { real, zeroWidth, fullWidth } = zoe();
        const first = await newRequest({ email: real });
        expect(first.statusCode).toBe(201);
        for (const email of [zeroWidth, fullWidth]) {
          const again = await newRequest({ email });
          expect(again.statusCode, email).toBe(201);
          expect(again.json().customer.id).toBe(first.json().customer.id);
        }
        expect(await customersOf(real)).toHaveLength(1);
      });

      it('refuses malformed addresses, invisible-only names and lone surrogates, naming the field', async () => {
        for (const email of MALFORMED) {
          const r = await newRequest({ email });
          expect(r.statusCode, email).toBe(400);
          expect(r.json().error.fields).toEqual({ 'customer.email': 'Adresse e-mail invalide.' });
        }
        const invisible = await newRequest({ lastName: '\u200b\ufeff' });
        expect(invisible.statusCode).toBe(400);
        expect(invisible.json().error.fields).toEqual({ 'customer.lastName': 'Indiquez le nom.' });
        const broken = await newRequest({}, 'Bonjour \ud800');
        expect(broken.statusCode).toBe(400);
        expect(broken.json().error.fields).toEqual({
          message: 'Message : caractères illisibles (texte mal encodé), retapez-le.',
        });
      });

      it('refuses a customer edit to a look-alike of another customer’s address', async () => {
        const zoeA = zoe();
        const other = zoe();
        const first = await newRequest({ email: zoeA.real });
        const second = await newRequest({ email: other.real });
        expect(first.statusCode).toBe(201);
        for (const email of [zoeA.fullWidth, zoeA.zeroWidth]) {
          const r = await admin.patch(`/api/requests/${second.json().id}/customer`, {
            version: second.json().customer.version,
            email,
          });
          expect(r.statusCode, email).toBe(409);
          expect(r.json().error.fields).toEqual({
            email: 'Un autre client de l’école a déjà cette adresse e-mail.',
          });
        }
      });

      it('refuses a category name made only of invisible characters, or on two lines', async () => {
        const invisible = await admin.post('/api/categories', { name: '\u200b\u2060' });
        expect(invisible.statusCode).toBe(400);
        expect(invisible.json().error.fields).toEqual({ name: 'Indiquez le nom de la catégorie.' });
        const twoLines = await admin.post('/api/categories', { name: 'Ski\nalpin' });
        expect(twoLines.statusCode).toBe(400);
        expect(twoLines.json().error.fields).toEqual({
          name: 'Nom de la catégorie : caractères de contrôle interdits.',
        });
      });
    });
  },
  { config: { intake: TEST_INTAKE } },
);
