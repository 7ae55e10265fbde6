import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalTokenOf } from '../../src/app/portal/private-link.js';
import { routeTableOf } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { insertDayOff, insertInstructor } from '../support/catalogue-fixtures.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase, TEST_ORIGIN, type TestContext } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import { contactBody } from '../support/intake-client.js';
import { pay, quotedFile, setSales } from '../support/payments-fixtures.js';
import { bearer, createKey, fileWith, pay as payDirect, posCatalogue } from '../support/pos-fixtures.js';
import { openStream } from '../support/sse.js';

/**
 * School isolation, generated from the router's own table: every route that takes an id, a
 * number or a token is called as school A (its staff, POS key, customer link, intake key) with
 * school B's values, and answers 404 (403 for keys) with nothing of B changed and nothing of B
 * shown. A route missing from ROUTES below fails the test: a new route must say how it is probed.
 */

type School = Awaited<ReturnType<typeof makeSchool>>;

/** What school B holds (real data, made through the app), and what A's callers are. */
interface World {
  app: App;
  ctx: TestContext;
  a: {
    school: School;
    admin: Client;
    file: { id: string; version: number };
    lineId: string;
    token: string;
    quotedId: string;
    posKey: string;
    intakeKey: string;
  };
  b: {
    school: School;
    admin: Client;
    file: { id: string; number: string; version: number };
    /** A file number B has and A has not (numbers are per school). */
    onlyNumber: string;
    lineId: string;
    optionalLineId: string;
    offerId: string;
    paymentId: string;
    anomalyId: string;
    quoted: { id: string; token: string; email: string };
    customerId: string;
    customerEmail: string;
    categoryId: string;
    productId: string;
    sessionId: string;
    instructorId: string;
    posKeyId: string;
    archiveJobId: string;
    notificationId: string;
    sandboxSessionId: string;
    intakeKey: string;
    /** A mail B sent (mail_log) and one of B's outbox rows. */
    mailId: string;
    outboxId: string;
  };
}

type Call = (w: World) => Promise<LightMyRequestResponse>;
interface Probe {
  what: string;
  call: Call;
  /** The statuses that mean "refused": 404 for staff, 403/404 for keys and links. */
  expect: readonly number[];
  /** For a redirect: where it must go. */
  location?: RegExp;
}
/** A route that takes no id, number or token of a school's, and why it is safe as it is. */
type Entry = { probes: readonly Probe[] } | { none: string };

const NOT_FOUND = [404] as const;
/** An id in a body that names another school's thing is refused as an unknown one is: a field error or 404. */
const UNKNOWN_REFERENCE = [400, 404] as const;

async function versionOf(w: World, id: string): Promise<number> {
  const row = await w.ctx.deps.db.kysely
    .selectFrom('requests')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.version;
}

const staff =
  (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: (w: World) => string,
    body?: (w: World) => Promise<unknown> | unknown,
  ): Call =>
  async (w) =>
    w.a.admin.request(
      method,
      url(w),
      body ? await body(w) : method === 'GET' || method === 'DELETE' ? undefined : {},
    );

/** A probe with B's file id (and B's current version, so no version check hides the school check). */
function onBFile(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  suffix: string | ((w: World) => string),
  body: (w: World, version: number) => unknown = (_w, version) => ({ version }),
): Probe {
  return {
    what: 'B’s file',
    call: staff(
      method,
      (w) => `/api/requests/${w.b.file.id}${typeof suffix === 'string' ? suffix : suffix(w)}`,
      async (w) => body(w, await versionOf(w, w.b.file.id)),
    ),
    expect: NOT_FOUND,
  };
}

/** A probe on A's own file that names one of B's things in its body. */
function onAFile(
  what: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  suffix: (w: World) => string,
  body?: (w: World, version: number) => unknown,
): Probe {
  return {
    what,
    call: staff(
      method,
      (w) => `/api/requests/${w.a.file.id}${suffix(w)}`,
      body && (async (w) => body(w, await versionOf(w, w.a.file.id))),
    ),
    expect: NOT_FOUND,
  };
}

const listing = (url: string): Entry => ({
  probes: [{ what: 'A’s own list (B’s rows must not show)', call: staff('GET', () => url), expect: [200] }],
});

const kids = [{ firstName: 'Léa', birthDate: '2016-03-02', level: 'beginner' }];

const ROUTES: Record<string, Entry> = {
  'GET /': { none: 'redirect to /app' },
  'GET /app': { none: 'the staff app’s HTML' },
  'GET /app/*': { none: 'the staff app’s HTML' },
  'GET /api/docs': { none: 'API documentation' },
  'GET /api/docs/static/index.html': { none: 'API documentation' },
  'GET /api/docs/static/swagger-initializer.js': { none: 'API documentation' },
  'GET /api/docs/json': { none: 'API documentation' },
  'GET /api/docs/yaml': { none: 'API documentation' },
  'GET /api/docs/static/*': { none: 'API documentation' },
  'GET /api/health': { none: 'liveness, no data' },
  'GET /api/metrics': { none: 'installation metrics (token-protected), no school data' },
  'POST /api/auth/login': { none: 'an e-mail and password, no id' },
  'POST /api/auth/logout': { none: 'the caller’s own session' },
  'GET /api/auth/me': { none: 'the caller’s own session' },
  'PATCH /api/auth/me': { none: 'the caller’s own profile' },
  'GET /api/staff': listing('/api/staff'),
  'POST /api/staff': { none: 'creates a login in the caller’s school' },
  'PATCH /api/staff/:id': {
    probes: [
      {
        what: 'B’s secretary',
        call: staff(
          'PATCH',
          (w) => `/api/staff/${w.b.school.secretary.id}`,
          () => ({ name: 'Volé' }),
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /api/requests': listing('/api/requests?tab=in_progress'),
  'GET /api/search': {
    probes: [
      {
        what: 'B’s customer e-mail',
        call: staff('GET', (w) => `/api/search?q=${encodeURIComponent(w.b.customerEmail)}`),
        expect: [200],
      },
      { what: 'B’s customer name', call: staff('GET', () => '/api/search?q=Isolée'), expect: [200] },
      {
        what: 'B’s file number',
        call: staff('GET', (w) => `/api/search?q=${w.b.file.number}`),
        expect: [200],
      },
    ],
  },
  'GET /api/customers': {
    probes: [{ what: 'B’s customer', call: staff('GET', () => '/api/customers?q=Isolée'), expect: [200] }],
  },
  'POST /api/requests': {
    probes: [
      {
        what: 'a new file in B’s category (refused as an unknown category is)',
        call: staff(
          'POST',
          () => '/api/requests',
          (w) => ({
            customer: { email: 'nouveau@example.fr', firstName: 'Nou', lastName: 'Veau', language: 'fr' },
            message: 'Bonjour',
            categoryId: w.b.categoryId,
          }),
        ),
        expect: UNKNOWN_REFERENCE,
      },
    ],
  },
  'GET /api/requests/:id': { probes: [onBFile('GET', '')] },
  'PATCH /api/requests/:id': {
    probes: [
      onBFile('PATCH', '', (_w, version) => ({ version, language: 'en' })),
      {
        ...onAFile(
          'B’s category on A’s file',
          'PATCH',
          () => '',
          (w, version) => ({ version, categoryId: w.b.categoryId }),
        ),
        expect: UNKNOWN_REFERENCE,
      },
    ],
  },
  'POST /api/requests/:id/messages': { probes: [onBFile('POST', '/messages', () => ({ body: 'Bonjour' }))] },
  'PATCH /api/requests/:id/customer': {
    probes: [onBFile('PATCH', '/customer', () => ({ version: 1, note: 'volé' }))],
  },
  'POST /api/requests/:id/presence': { probes: [onBFile('POST', '/presence', () => ({ leaving: false }))] },
  'GET /api/requests/:id/devis': { probes: [onBFile('GET', '/devis')] },
  'POST /api/requests/:id/lines': {
    probes: [
      onBFile('POST', '/lines', (_w, version) => ({ kind: 'extra', version, productId: 'x', quantity: 1 })),
      onAFile(
        'B’s lesson and session on A’s file',
        'POST',
        () => '/lines',
        (w, version) => ({
          kind: 'catalog',
          version,
          productId: w.b.productId,
          sessionId: w.b.sessionId,
          participants: kids,
        }),
      ),
      onAFile(
        'B’s instructor on A’s custom lesson',
        'POST',
        () => '/lines',
        (w, version) => ({
          kind: 'custom',
          version,
          dates: { from: '2026-12-21', to: null },
          slots: ['morning'],
          hours: 2,
          instructorId: w.b.instructorId,
          participants: kids,
          priceCents: 10_000,
        }),
      ),
    ],
  },
  'PATCH /api/requests/:id/lines/:lineId': {
    probes: [
      onBFile(
        'PATCH',
        (w) => `/lines/${w.b.lineId}`,
        (_w, version) => ({ version, quantity: 2 }),
      ),
      onAFile(
        'B’s line under A’s file',
        'PATCH',
        (w) => `/lines/${w.b.lineId}`,
        (_w, version) => ({ version, quantity: 2 }),
      ),
      onAFile(
        'B’s session on A’s line',
        'PATCH',
        (w) => `/lines/${w.a.lineId}`,
        (w, version) => ({ version, sessionId: w.b.sessionId }),
      ),
    ],
  },
  'DELETE /api/requests/:id/lines/:lineId': {
    probes: [
      {
        what: 'B’s file and line',
        call: async (w) =>
          w.a.admin.request(
            'DELETE',
            `/api/requests/${w.b.file.id}/lines/${w.b.lineId}?version=${await versionOf(w, w.b.file.id)}`,
          ),
        expect: NOT_FOUND,
      },
      {
        what: 'B’s line under A’s file',
        call: async (w) =>
          w.a.admin.request(
            'DELETE',
            `/api/requests/${w.a.file.id}/lines/${w.b.lineId}?version=${await versionOf(w, w.a.file.id)}`,
          ),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /api/requests/:id/availability': {
    probes: [
      {
        what: 'B’s file',
        call: staff(
          'GET',
          (w) =>
            `/api/requests/${w.b.file.id}/availability?instructorId=${w.a.file.id}&from=2026-12-01&to=2026-12-31`,
        ),
        expect: NOT_FOUND,
      },
      {
        what: 'B’s instructor from A’s file',
        call: staff(
          'GET',
          (w) =>
            `/api/requests/${w.a.file.id}/availability?instructorId=${w.b.instructorId}&from=2026-12-01&to=2026-12-31`,
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /api/requests/:id/custom-lesson': {
    probes: [
      onBFile('POST', '/custom-lesson', (w, version) => ({
        version,
        lineId: w.b.lineId,
        dates: { from: '2026-12-21', to: null },
        slots: ['morning'],
        hours: 2,
        sessions: 1,
        instructorId: null,
        priceCents: 10_000,
      })),
    ],
  },
  'GET /api/notifications': listing('/api/notifications'),
  'POST /api/notifications/:id/read': {
    probes: [
      {
        what: 'B’s notification',
        call: staff('POST', (w) => `/api/notifications/${w.b.notificationId}/read`),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /api/categories': listing('/api/categories'),
  'POST /api/categories': { none: 'creates a category in the caller’s school' },
  'PUT /api/categories/:id': {
    probes: [
      {
        what: 'B’s category',
        call: staff(
          'PUT',
          (w) => `/api/categories/${w.b.categoryId}`,
          () => ({ name: 'Volée', color: '#ff0000' }),
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /api/events': { none: 'the caller’s school’s stream: probed by “live events” below' },
  'POST /api/public/:school/requests': {
    probes: [
      {
        what: 'A’s intake key on B’s form',
        call: (w) =>
          w.app.inject({
            method: 'POST',
            url: `/api/public/${w.b.school.slug}/requests`,
            headers: { 'x-intake-key': w.a.intakeKey },
            payload: contactBody(),
          }),
        expect: [403],
      },
    ],
  },
  'GET /api/public/:school/challenge': {
    none: 'a school’s public proof-of-work challenge (its slug is public)',
  },
  'GET /api/public/:school/forms': { none: 'a school’s public form settings (its slug is public)' },
  'GET /api/settings/forms': { none: 'the caller’s school’s settings' },
  'PUT /api/settings/forms': { none: 'the caller’s school’s settings' },
  'POST /api/settings/intake-key': { none: 'rotates the caller’s school’s key' },
  'POST /api/requests/:id/quotes': { probes: [onBFile('POST', '/quotes')] },
  'POST /api/requests/:id/payment-links': {
    probes: [onBFile('POST', '/payment-links', (_w, version) => ({ version, amount: 'deposit' }))],
  },
  'POST /api/requests/:id/offers/:offerId/extend': {
    probes: [
      {
        what: 'B’s file and offer',
        call: staff(
          'POST',
          (w) => `/api/requests/${w.b.quoted.id}/offers/${w.b.offerId}/extend`,
          async (w) => ({ version: await versionOf(w, w.b.quoted.id), validUntil: '2027-01-31' }),
        ),
        expect: NOT_FOUND,
      },
      onAFile(
        'B’s offer under A’s file',
        'POST',
        (w) => `/offers/${w.b.offerId}/extend`,
        (_w, version) => ({ version, validUntil: '2027-01-31' }),
      ),
    ],
  },
  'GET /api/requests/:id/offers/:offerId/pdf': {
    probes: [
      {
        what: 'B’s file and offer',
        call: staff('GET', (w) => `/api/requests/${w.b.quoted.id}/offers/${w.b.offerId}/pdf`),
        expect: NOT_FOUND,
      },
      {
        what: 'B’s offer under A’s file',
        call: staff('GET', (w) => `/api/requests/${w.a.file.id}/offers/${w.b.offerId}/pdf`),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /api/requests/:id/private-link': { probes: [onBFile('POST', '/private-link')] },
  'GET /api/requests/:id/payments': { probes: [onBFile('GET', '/payments')] },
  'POST /api/requests/:id/payments': {
    probes: [
      onBFile('POST', '/payments', (_w, version) => ({
        version,
        amount: '10',
        receivedOn: '2026-12-02',
        payerName: 'Volé',
        method: 'cash',
      })),
    ],
  },
  'PUT /api/requests/:id/online-payment': {
    probes: [onBFile('PUT', '/online-payment', (_w, version) => ({ version, isAllowed: false }))],
  },
  'PUT /api/requests/:id/deposit-rule': {
    probes: [onBFile('PUT', '/deposit-rule', (_w, version) => ({ version, rule: null }))],
  },
  'POST /api/requests/:id/payment-anomalies/:anomalyId/resolve': {
    probes: [
      {
        what: 'B’s file and anomaly',
        call: staff(
          'POST',
          (w) => `/api/requests/${w.b.quoted.id}/payment-anomalies/${w.b.anomalyId}/resolve`,
          async (w) => ({ version: await versionOf(w, w.b.quoted.id), note: 'volé' }),
        ),
        expect: NOT_FOUND,
      },
      onAFile(
        'B’s anomaly under A’s file',
        'POST',
        (w) => `/payment-anomalies/${w.b.anomalyId}/resolve`,
        (_w, version) => ({ version, note: 'volé' }),
      ),
    ],
  },
  'GET /api/catalogue': listing('/api/catalogue'),
  'POST /api/catalogue/products': { none: 'creates a product in the caller’s school' },
  'PATCH /api/catalogue/products/:id': {
    probes: [
      {
        what: 'B’s product',
        call: staff(
          'PATCH',
          (w) => `/api/catalogue/products/${w.b.productId}`,
          () => ({ name: 'Volé' }),
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /api/catalogue/products/:id/sessions': {
    probes: [
      {
        what: 'a session on B’s product',
        call: staff(
          'POST',
          (w) => `/api/catalogue/products/${w.b.productId}/sessions`,
          () => ({
            startsOn: '2027-01-04',
            endsOn: '2027-01-08',
            startTime: '09:00',
            endTime: '11:00',
            meetingPoint: 'Front de neige',
            capacity: 8,
          }),
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  'PATCH /api/catalogue/sessions/:id': {
    probes: [
      {
        what: 'B’s session',
        call: staff(
          'PATCH',
          (w) => `/api/catalogue/sessions/${w.b.sessionId}`,
          () => ({ capacity: 1 }),
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /api/catalogue/instructors': { none: 'creates an instructor in the caller’s school' },
  'PATCH /api/catalogue/instructors/:id': {
    probes: [
      {
        what: 'B’s instructor',
        call: staff(
          'PATCH',
          (w) => `/api/catalogue/instructors/${w.b.instructorId}`,
          () => ({ firstName: 'Volé' }),
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /api/catalogue/instructors/:id/days-off': {
    probes: [
      {
        what: 'a day off for B’s instructor',
        call: staff(
          'POST',
          (w) => `/api/catalogue/instructors/${w.b.instructorId}/days-off`,
          () => ({ day: '2027-01-05', reason: '' }),
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  'DELETE /api/catalogue/instructors/:id/days-off/:day': {
    probes: [
      {
        what: 'B’s instructor’s day off',
        call: staff('DELETE', (w) => `/api/catalogue/instructors/${w.b.instructorId}/days-off/2026-12-22`),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /api/settings/sales': { none: 'the caller’s school’s settings' },
  'PUT /api/settings/sales': { none: 'the caller’s school’s settings' },
  'GET /api/pos/v1/orders': {
    probes: [
      {
        what: 'A’s key lists A’s orders only',
        call: (w) => w.app.inject({ url: '/api/pos/v1/orders?state=ready', headers: bearer(w.a.posKey) }),
        expect: [200],
      },
      {
        what: 'as CSV',
        call: (w) =>
          w.app.inject({
            url: '/api/pos/v1/orders?state=ready',
            headers: { ...bearer(w.a.posKey), accept: 'text/csv' },
          }),
        expect: [200],
      },
    ],
  },
  'POST /api/pos/v1/orders/:number/ack': {
    probes: [
      {
        what: 'A’s key on a file number only B has',
        call: (w) =>
          w.app.inject({
            method: 'POST',
            url: `/api/pos/v1/orders/${w.b.onlyNumber}/ack`,
            headers: bearer(w.a.posKey),
          }),
        expect: [403, 404],
      },
    ],
  },
  'GET /api/pos/v1/openapi.json': { none: 'API documentation' },
  'GET /api/settings/pos-keys': listing('/api/settings/pos-keys'),
  'POST /api/settings/pos-keys': { none: 'creates a key in the caller’s school' },
  'DELETE /api/settings/pos-keys/:id': {
    probes: [
      {
        what: 'B’s POS key',
        call: staff('DELETE', (w) => `/api/settings/pos-keys/${w.b.posKeyId}`),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /api/pos/export.csv': listing('/api/pos/export.csv'),
  'POST /api/requests/:id/pos-import': { probes: [onBFile('POST', '/pos-import')] },
  'PUT /api/requests/:id/entered-in-pos': {
    probes: [onBFile('PUT', '/entered-in-pos', (_w, version) => ({ version, isEnteredInPos: true }))],
  },
  'POST /api/requests/:id/archive': { probes: [onBFile('POST', '/archive')] },
  'GET /api/archive/season': listing('/api/archive/season'),
  'POST /api/archive/season': { none: 'starts a job in the caller’s school' },
  'POST /api/archive/season/:id/run': {
    probes: [
      {
        what: 'B’s archive job',
        call: staff(
          'POST',
          (w) => `/api/archive/season/${w.b.archiveJobId}/run`,
          () => ({ batch: 10 }),
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /api/requests/:id/payments/:paymentId/refunds': {
    probes: [
      {
        what: 'B’s file and payment',
        call: staff(
          'POST',
          (w) => `/api/requests/${w.b.file.id}/payments/${w.b.paymentId}/refunds`,
          async (w) => ({ version: await versionOf(w, w.b.file.id), amount: '1' }),
        ),
        expect: NOT_FOUND,
      },
      onAFile(
        'B’s payment under A’s file',
        'POST',
        (w) => `/payments/${w.b.paymentId}/refunds`,
        (_w, version) => ({ version, amount: '1' }),
      ),
    ],
  },
  'POST /api/webhooks/payments/:provider': {
    probes: [
      {
        what: 'an unsigned event naming B’s checkout',
        call: (w) =>
          w.app.inject({
            method: 'POST',
            url: '/api/webhooks/payments/sandbox',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify({ type: 'checkout.completed', sessionId: w.b.sandboxSessionId }),
          }),
        expect: [400],
      },
    ],
  },
  'POST /c/:token/pay': {
    probes: [
      {
        what: 'a link forged for B’s file',
        call: (w) =>
          w.app.inject({
            method: 'POST',
            url: `/c/${forged(w)}/pay`,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'purpose=deposit',
          }),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /pay/sandbox/:sessionId': {
    probes: [
      {
        what: 'an unknown checkout',
        call: (w) => w.app.inject({ url: `/pay/sandbox/${w.b.sandboxSessionId}x` }),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /pay/sandbox/:sessionId': {
    probes: [
      {
        what: 'an unknown checkout',
        call: (w) =>
          w.app.inject({
            method: 'POST',
            url: `/pay/sandbox/${w.b.sandboxSessionId}x`,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'choice=accepted',
          }),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /api/customers/:id/gdpr-export': {
    probes: [
      {
        what: 'B’s customer',
        call: staff('GET', (w) => `/api/customers/${w.b.customerId}/gdpr-export`),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /api/customers/:id/gdpr-erase': {
    probes: [
      {
        what: 'B’s customer',
        call: staff(
          'POST',
          (w) => `/api/customers/${w.b.customerId}/gdpr-erase`,
          (w) => ({ confirmEmail: w.b.customerEmail }),
        ),
        expect: NOT_FOUND,
      },
    ],
  },
  ...Object.fromEntries(
    ['vel', 'contact', 'sur-mesure'].flatMap((page) => [
      [`GET /f/:school/${page}`, { none: 'a school’s public form (its slug is public)' }],
      [`POST /f/:school/${page}`, { none: 'a visitor’s submission to a public form (proof of work, no id)' }],
      [`GET /f/:school/${page}/merci`, { none: 'a public thank-you page' }],
    ]),
  ),
  'GET /f/assets/*': { none: 'static files' },
  'GET /portal-assets/:file': { none: 'static files' },
  'GET /c/:token': {
    probes: [
      {
        what: 'a link forged for B’s file',
        call: (w) => w.app.inject({ url: `/c/${forged(w)}` }),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /c/:token/devis.pdf': {
    probes: [
      {
        what: 'a link forged for B’s file',
        call: (w) => w.app.inject({ url: `/c/${forged(w)}/devis.pdf` }),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /c/:token/events': {
    probes: [
      {
        what: 'a link forged for B’s file',
        call: (w) => w.app.inject({ url: `/c/${forged(w)}/events` }),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /c/:token/messages': {
    probes: [
      {
        what: 'a link forged for B’s file',
        call: (w) => portalPost(w, `/c/${forged(w)}/messages`, 'body=vol%C3%A9'),
        expect: [403, 404],
      },
    ],
  },
  'POST /c/:token/options/:lineId/remove': {
    probes: [
      // Answered as an unknown line is: back to A's page with "not removable", nothing written.
      {
        what: 'A’s link, B’s optional line',
        call: (w) => portalPost(w, `/c/${w.a.token}/options/${w.b.optionalLineId}/remove`, ''),
        expect: [303],
        location: /\?refus=not_removable$/,
      },
      {
        what: 'a link forged for B’s file',
        call: (w) => portalPost(w, `/c/${forged(w)}/options/${w.b.optionalLineId}/remove`, ''),
        expect: [404],
      },
    ],
  },
  'GET /api/outbox': listing('/api/outbox'),
  'GET /api/outbox/:id/html': {
    probes: [
      {
        what: 'a mail B sent',
        call: staff('GET', (w) => `/api/outbox/${w.b.mailId}/html`),
        expect: NOT_FOUND,
      },
    ],
  },
  'POST /api/outbox/:id/retry': {
    probes: [
      {
        what: 'B’s outbox row',
        call: staff('POST', (w) => `/api/outbox/${w.b.outboxId}/retry`),
        expect: NOT_FOUND,
      },
    ],
  },
  'GET /api/me/email-notifications': { none: 'the caller’s own preferences' },
  'PUT /api/me/email-notifications': { none: 'the caller’s own preferences' },
  'POST /api/inbound/email': {
    probes: [
      {
        what: 'a reply to B’s file without the installation’s secret',
        call: (w) =>
          w.app.inject({
            method: 'POST',
            url: '/api/inbound/email',
            headers: { 'content-type': 'application/json' },
            payload: { to: `reply+${w.b.file.id}@schuss.localhost`, from: w.b.customerEmail, text: 'volé' },
          }),
        expect: [401, 403],
      },
    ],
  },
  'GET /c': { none: 'the “link not valid” page' },
  'GET /c/*': { none: 'the “link not valid” page' },
};

/** A token for B's file made with A's link nonce: a well-formed link that opens nothing. */
function forged(w: World): string {
  return portalTokenOf(w.ctx.deps.portalLinkKey, w.b.quoted.id, 'nonce-of-someone-else');
}

function portalPost(w: World, url: string, payload: string) {
  return w.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: TEST_ORIGIN,
      referer: `${TEST_ORIGIN}/c/${w.a.token}`,
    },
    payload,
  });
}

/** The customer's page stream (`/c/:token/events`): how many "changed" it has carried. */
async function portalStream(port: number, token: string) {
  let count = 0;
  let wake: (() => void) | null = null;
  const req = httpRequest({ host: '127.0.0.1', port, path: `/c/${token}/events` });
  await new Promise<void>((resolve, reject) => {
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (chunk.includes('event: ready')) resolve();
        count += chunk.split('event: changed').length - 1;
        wake?.();
      });
    });
    req.on('error', reject);
    req.end();
  });
  return {
    changes: () => count,
    async waitForChanges(n: number) {
      while (count < n) await new Promise<void>((resolve) => (wake = resolve));
    },
    close: () => req.destroy(),
  };
}

/** "POST /api/requests/:id" → a regular expression of the requests that route takes. */
function patternOf(route: string): RegExp {
  const escaped = route
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/:[a-zA-Z]+/g, '[^/]+')
    .replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Every row school B owns, in every table that has a school_id (and B's own schools row). */
async function digestOf(ctx: TestContext, schoolId: string): Promise<Record<string, string>> {
  const db = ctx.deps.db.kysely;
  const tables = await db.introspection.getTables();
  const out: Record<string, string> = {};
  for (const table of tables) {
    const key = table.columns.some((c) => c.name === 'school_id')
      ? 'school_id'
      : table.name === 'schools'
        ? 'id'
        : null;
    if (!key) continue;
    const rows = await (db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>)
      .selectFrom(table.name)
      .selectAll()
      .where(key, '=', schoolId)
      .execute();
    const lines = rows
      .map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
      .sort();
    out[table.name] =
      `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

describeEachDatabase('school isolation matrix', (ctx) => {
  let w: World;
  /** Strings only school B has: none may appear in an answer to A. */
  let secrets: string[];

  beforeAll(async () => {
    const c = ctx();
    c.clock.set('2026-12-02T09:00:00.000Z');
    const app = await appFor(c);
    const makeSide = async () => {
      const school = await makeSchool(c.deps);
      await setSales(c, school.id);
      const admin = new Client(app);
      await admin.login(school.admin.email);
      const catalogue = await posCatalogue(c, school.id);
      return { school, admin, catalogue };
    };
    const A = await makeSide();
    const B = await makeSide();

    // A: a file with a line, a quoted file (its private link), a POS key, an intake key.
    const aFile = await fileWith(A.admin, A.catalogue, ['online']);
    const aDevis = (await A.admin.get(`/api/requests/${aFile.id}/devis`)).json() as {
      lines: { id: string }[];
    };
    const aQuoted = await quotedFile(c, A.admin, A.school);
    const aKey = await createKey(A.admin);
    const aIntake = await A.admin.post('/api/settings/intake-key');
    expect(aIntake.statusCode, aIntake.body).toBe(201);

    // B: files with lines and a customer named "Isolée", a quote, payments, an anomaly, a day off,
    // a POS key, an intake key and a request from it (a notification), a season archive job.
    const bEmail = `isolee-${c.dialect}@example.fr`;
    const bFile = await fileWith(B.admin, B.catalogue, ['online', 'desk'], {
      firstName: 'Berthe',
      lastName: 'Isolée',
      email: bEmail,
    });
    const bDevis = (await B.admin.get(`/api/requests/${bFile.id}/devis`)).json() as {
      lines: { id: string }[];
    };
    await payDirect(c, B.school.id, bFile.id, 5_000, { payerName: 'Berthe Isolée' });
    const bPayment = await c.deps.db.kysely
      .selectFrom('payments')
      .select('id')
      .where('request_id', '=', bFile.id)
      .executeTakeFirstOrThrow();
    const bQuoted = await quotedFile(c, B.admin, B.school);
    const bOptional = await c.deps.db.kysely
      .selectFrom('lines')
      .select('id')
      .where('request_id', '=', bQuoted.id)
      .where('label', 'like', 'Assurance%')
      .executeTakeFirstOrThrow();
    await c.deps.db.kysely
      .updateTable('lines')
      .set({ is_optional: 1 })
      .where('id', '=', bOptional.id)
      .execute();
    const bOffers = (await B.admin.get(`/api/requests/${bQuoted.id}/devis`)).json() as {
      offers: { id: string }[];
    };
    const checkout = await pay(app, bQuoted.token, 'deposit');
    const sandboxSessionId = /\/pay\/sandbox\/([^/?#]+)/.exec(checkout)?.[1] ?? 'none';
    const anomalyId = `ano_iso_${c.dialect}`;
    await c.deps.db.kysely
      .insertInto('payment_anomalies')
      .values({
        id: anomalyId,
        school_id: B.school.id,
        request_id: bQuoted.id,
        payment_id: null,
        event_id: null,
        reason: 'amount_mismatch',
        amount_cents: 100,
        details_json: '{}',
        created_at: '2026-12-02T09:00:00.000Z',
        resolved_at: null,
        resolved_by_user_id: null,
        resolution_note: null,
      })
      .execute();
    const instructorId = await insertInstructor(c.deps.db.kysely, B.school.id, {
      firstName: 'Moniteur',
      lastName: 'Isolée',
    });
    await insertDayOff(c.deps.db.kysely, B.school.id, instructorId, '2026-12-22');
    const bKey = await createKey(B.admin);
    const bIntake = (await B.admin.post('/api/settings/intake-key')).json() as { key: string };
    const intake = await app.inject({
      method: 'POST',
      url: `/api/public/${B.school.slug}/requests`,
      headers: { 'x-intake-key': bIntake.key },
      payload: contactBody({
        customer: { firstName: 'Zoé', lastName: 'Isolée', email: `zoe-${c.dialect}@example.fr` },
      }),
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const notification = await c.deps.db.kysely
      .selectFrom('notifications')
      .select('id')
      .where('school_id', '=', B.school.id)
      .executeTakeFirst();
    const job = await B.admin.post('/api/archive/season', { scope: 'processed' });
    expect(job.statusCode, job.body).toBeLessThan(300);
    const archiveJobId =
      (job.json() as { id?: string; job?: { id: string } }).id ??
      (job.json() as { job: { id: string } }).job.id;
    const page = {
      customer: {
        id: (
          await c.deps.db.kysely
            .selectFrom('requests')
            .select('customer_id')
            .where('id', '=', bFile.id)
            .executeTakeFirstOrThrow()
        ).customer_id,
      },
    };
    const categories = (await B.admin.get('/api/categories')).json() as { items: { id: string }[] };
    const numbersOf = async (schoolId: string) =>
      (
        await c.deps.db.kysely
          .selectFrom('requests')
          .select('number')
          .where('school_id', '=', schoolId)
          .execute()
      ).map((r) => r.number);
    const aNumbers = new Set(await numbersOf(A.school.id));
    const onlyNumber = (await numbersOf(B.school.id)).find((n) => !aNumbers.has(n));
    if (!onlyNumber) throw new Error('B needs a file number A does not have');
    await c.deps.outbox.drain();

    w = {
      app,
      ctx: c,
      a: {
        school: A.school,
        admin: A.admin,
        file: aFile,
        lineId: aDevis.lines[0]!.id,
        token: aQuoted.token,
        quotedId: aQuoted.id,
        posKey: aKey.key,
        intakeKey: (aIntake.json() as { key: string }).key,
      },
      b: {
        school: B.school,
        admin: B.admin,
        file: bFile,
        onlyNumber,
        lineId: bDevis.lines[0]!.id,
        optionalLineId: bOptional.id,
        offerId: bOffers.offers[0]!.id,
        paymentId: bPayment.id,
        anomalyId,
        quoted: bQuoted,
        customerId: page.customer.id,
        customerEmail: bEmail,
        categoryId: categories.items[0]!.id,
        productId: B.catalogue.online.productId,
        sessionId: B.catalogue.online.sessionId,
        instructorId,
        posKeyId: bKey.id,
        archiveJobId,
        notificationId: notification?.id ?? 'none',
        sandboxSessionId,
        intakeKey: bIntake.key,
        mailId: (
          await c.deps.db.kysely
            .selectFrom('mail_log')
            .select('id')
            .where('school_id', '=', B.school.id)
            .executeTakeFirstOrThrow()
        ).id,
        outboxId: (
          await c.deps.db.kysely
            .selectFrom('outbox')
            .select('id')
            .where('school_id', '=', B.school.id)
            .executeTakeFirstOrThrow()
        ).id,
      },
    };
    secrets = [
      bEmail,
      'Isolée',
      bFile.id,
      bQuoted.id,
      bQuoted.email,
      w.b.customerId,
      w.b.productId,
      w.b.sessionId,
      instructorId,
      w.b.posKeyId,
      w.b.paymentId,
      w.b.offerId,
      w.b.categoryId,
      B.school.secretary.id,
      B.school.secretary.email,
    ];
  });

  afterAll(async () => {
    await w?.app.close();
  });

  it('every route of the router has an entry, and every entry is a route', () => {
    const table = routeTableOf(w.app)
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    const missing = table.filter((key) => !(key in ROUTES));
    expect(missing, 'routes without an isolation entry: add them to ROUTES').toEqual([]);
    const optional = new Set(['GET /app', 'GET /app/*', 'GET /api/metrics']);
    const stale = Object.keys(ROUTES).filter((key) => !table.includes(key) && !optional.has(key));
    expect(stale, 'entries for routes that do not exist').toEqual([]);
    const probedRoutes = table.filter((key) => 'probes' in ROUTES[key]!);
    console.info(
      `isolation matrix: ${table.length} routes; ${probedRoutes.length} take an id, a number or a token and are probed (${probedRoutes.reduce((n, key) => n + (ROUTES[key] as { probes: Probe[] }).probes.length, 0)} probes); ${table.length - probedRoutes.length} take none (reason given)`,
    );
  });

  it('A’s callers get 404 (403 for keys) on B’s values, see nothing of B, change nothing of B', async () => {
    const before = await digestOf(w.ctx, w.b.school.id);
    const failures: string[] = [];
    let probed = 0;
    for (const [route, entry] of Object.entries(ROUTES)) {
      if (!('probes' in entry)) continue;
      for (const probe of entry.probes) {
        probed++;
        const response = await probe.call(w);
        const where = `${route} — ${probe.what}`;
        // The probe must reach its own route (a typo would be a router 404, and pass for a refusal).
        const sent = `${response.raw.req.method} ${String(response.raw.req.url).split('?')[0]}`;
        if (!patternOf(route).test(sent)) failures.push(`${where}: the probe called ${sent}`);
        if (!probe.expect.includes(response.statusCode))
          failures.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        if (probe.location && !probe.location.test(String(response.headers.location)))
          failures.push(`${where}: redirected to ${response.headers.location}`);
        const leaked = secrets.filter((s) => response.body.includes(s));
        if (leaked.length > 0) failures.push(`${where}: shows B's ${leaked.join(', ')}`);
        await w.ctx.deps.outbox.drain();
        const after = await digestOf(w.ctx, w.b.school.id);
        const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
        if (changed.length > 0) {
          failures.push(`${where}: changed B's ${changed.join(', ')}`);
          Object.assign(before, after);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(probed).toBeGreaterThan(60);
    // ~80 probes, each followed by a digest of B's rows in every table: slow on a loaded machine.
  }, 180_000);

  it('live events: A’s staff stream never carries B’s events; A’s customer stream only A’s file', async () => {
    await w.app.listen({ port: 0, host: '127.0.0.1' });
    const address = w.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const aStream = openStream(port, w.a.admin.cookie!);
    await aStream.ready;
    expect(aStream.status()).toBe(200);
    // B's secretary replies on B's file; then A replies on A's: A's stream sees only A's.
    const bReply = await w.b.admin.post(`/api/requests/${w.b.file.id}/messages`, { body: 'Bonjour de B' });
    expect(bReply.statusCode).toBe(201);
    const aReply = await w.a.admin.post(`/api/requests/${w.a.file.id}/messages`, { body: 'Bonjour de A' });
    expect(aReply.statusCode).toBe(201);
    await aStream.waitFor((e) => e.data.requestId === w.a.file.id);
    aStream.close();
    const shown = JSON.stringify(aStream.events);
    expect(aStream.events.some((e) => e.data.requestId === w.b.file.id)).toBe(false);
    for (const s of secrets) expect(shown).not.toContain(s);

    // A's customer's page stream: B's change is not signalled; each of A's two changes is.
    const portal = await portalStream(port, w.a.token);
    await w.b.admin.post(`/api/requests/${w.b.quoted.id}/messages`, { body: 'Encore B' });
    await w.a.admin.post(`/api/requests/${w.a.quotedId}/messages`, { body: 'Un' });
    await portal.waitForChanges(1);
    await w.a.admin.post(`/api/requests/${w.a.quotedId}/messages`, { body: 'Deux' });
    await portal.waitForChanges(2);
    portal.close();
    expect(portal.changes()).toBe(2);
  });
});

describe('isolation matrix table', () => {
  it('names a reason for every route it does not probe', () => {
    for (const [route, entry] of Object.entries(ROUTES))
      if ('none' in entry) expect(entry.none.length, route).toBeGreaterThan(5);
  });
});
