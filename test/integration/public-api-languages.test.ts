import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/app/requests/requests.schemas.js';
import { publicApiMessages } from '../../src/http/public-api.i18n.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor } from '../support/http.js';
import { TEST_INTAKE, uniqueIp } from '../support/intake-client.js';

/**
 * The public intake API is read by a school's website visitors: what it refuses — an unknown
 * school, too many challenges, a body that is not JSON, an address too long or unknown — comes in
 * the visitor's language (the six form languages), not in the staff's French or English.
 */

describe('the public API’s own texts', () => {
  it('exist in each of the six form languages, each language its own', () => {
    const french = publicApiMessages('fr');
    for (const language of LANGUAGES) {
      const messages = publicApiMessages(language);
      for (const [key, text] of Object.entries(messages)) {
        const said = typeof text === 'function' ? text('GET', '/api/public/x') : text;
        expect(said, `${language}.${key}`).toMatch(/\S/);
        if (language !== 'fr') {
          const inFrench = french[key as keyof typeof french];
          expect(said, `${language}.${key}`).not.toBe(
            typeof inFrench === 'function' ? inFrench('GET', '/api/public/x') : inFrench,
          );
        }
      }
    }
  });
});

describeEachDatabase(
  'the public API answers in the visitor’s language',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeSchool>>;

    beforeAll(async () => {
      app = await appFor(ctx());
      school = await makeSchool(ctx().deps);
    });
    afterAll(() => app.close());

    it('an unknown school, in German and in Spanish', async () => {
      const german = await app.inject({
        url: '/api/public/nulle-part/forms',
        headers: { 'accept-language': 'de-DE,de;q=0.9' },
      });
      expect(german.statusCode).toBe(404);
      expect(german.json().error.message).toBe('Skischule nicht gefunden.');
      const spanish = await app.inject({
        url: '/api/public/nulle-part/challenge',
        headers: { 'accept-language': 'es' },
      });
      expect(spanish.json().error.message).toBe('Escuela no encontrada.');
    });

    it('too many challenges from one address, in Italian, saying when to come back', async () => {
      const ip = uniqueIp();
      for (let i = 0; i < TEST_INTAKE.challengePerIp.max; i++) {
        const r = await app.inject({ url: `/api/public/${school.slug}/challenge`, remoteAddress: ip });
        expect(r.statusCode).toBe(200);
      }
      const blocked = await app.inject({
        url: `/api/public/${school.slug}/challenge`,
        remoteAddress: ip,
        headers: { 'accept-language': 'it-IT' },
      });
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json().error).toEqual({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^Abbiamo ricevuto .* \d+ min/),
      });
      expect(blocked.json().error.message).not.toMatch(/vérifications/);
    });

    it('a body that is not JSON, in Dutch (?lang=) and in English (Accept-Language)', async () => {
      const post = (query: string, headers: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: `/api/public/${school.slug}/requests${query}`,
          headers: { 'content-type': 'application/json', ...headers },
          payload: '{"form": "contact",',
        });
      const dutch = await post('?lang=nl', {});
      expect(dutch.statusCode).toBe(400);
      expect(dutch.json().error.message).toBe('Het verzonden verzoek is geen geldige JSON.');
      const english = await post('', { 'accept-language': 'en-GB' });
      expect(english.json().error.message).toBe('The request sent is not valid JSON.');
    });

    it('an address too long or unknown, in the visitor’s language; staff routes keep French and English', async () => {
      const tooLong = await app.inject({
        url: `/api/public/${'x'.repeat(101)}/forms`,
        headers: { 'accept-language': 'de' },
      });
      expect(tooLong.statusCode).toBe(414);
      expect(tooLong.json().error.message).toBe('Die angeforderte Adresse ist zu lang.');
      const unknown = await app.inject({
        url: `/api/public/${school.slug}/nothing`,
        headers: { 'accept-language': 'es-ES' },
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toBe(`Ninguna dirección GET /api/public/${school.slug}/nothing.`);
      // A staff route speaks the staff's languages only: German falls back to French.
      const staff = await app.inject({ url: '/api/nothing', headers: { 'accept-language': 'de' } });
      expect(staff.json().error.message).toBe('Aucune route GET /api/nothing.');
    });
  },
  { config: { intake: TEST_INTAKE } },
);
