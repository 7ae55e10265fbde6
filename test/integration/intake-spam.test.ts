import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIntakeDeps } from '../../src/app/intake/intake-deps.js';
import { loadAppSecret } from '../../src/app/settings/app-secret.js';
import type { App } from '../../src/http/types.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import {
  challenge,
  contactBody,
  customer,
  footprint,
  formToken,
  makeIntakeSchool,
  postIntake,
  solve,
  TEST_INTAKE,
  uniqueEmail,
  uniqueIp,
  velBody,
} from '../support/intake-client.js';

describeEachDatabase(
  'public intake: spam defences',
  (ctx) => {
    let app: App;
    let a: Awaited<ReturnType<typeof makeIntakeSchool>>;
    let b: Awaited<ReturnType<typeof makeIntakeSchool>>;

    beforeAll(async () => {
      app = await appFor(ctx());
      a = await makeIntakeSchool(ctx().deps);
      b = await makeIntakeSchool(ctx().deps);
    });
    afterAll(() => app.close());

    /** Signs in afresh: the fake clock runs far ahead in this file and old sessions expire. */
    async function newIntakeKey(): Promise<string> {
      const admin = new Client(app);
      await admin.login(a.admin.email);
      return (await admin.post('/api/settings/intake-key')).json().key;
    }

    /** Everything a genuine browser sends, ready to be spoiled one piece at a time. */
    async function genuine(body: Record<string, unknown> = contactBody()) {
      const token = await formToken(app, a.slug);
      const altcha = await solve(await challenge(app, a.slug));
      ctx().clock.advance(TEST_INTAKE.minFillMs + 1);
      return { ...body, formToken: token, altcha };
    }

    async function expectRefused(
      body: unknown,
      status: number,
      error: Record<string, unknown>,
      ip = uniqueIp(),
    ) {
      const before = await footprint(ctx().deps, a.id);
      const response = await postIntake(app, a.slug, body, { ip });
      expect(response.statusCode).toBe(status);
      expect(response.json().error).toEqual(error);
      expect(await footprint(ctx().deps, a.id)).toEqual(before);
      return response;
    }

    it('accepts the genuine submission the refusals below are spoiled from', async () => {
      const response = await postIntake(app, a.slug, await genuine());
      expect(response.statusCode).toBe(201);
    });

    it('refuses a filled honeypot, creating and sending nothing', async () => {
      await expectRefused({ ...(await genuine()), website: 'http://spam.example' }, 400, {
        code: 'VALIDATION',
        message: 'Envoi bloqué par le filtre anti-spam. Rechargez la page et réessayez.',
      });
    });

    it('refuses a form sent faster than a person can fill it', async () => {
      const token = await formToken(app, a.slug);
      const altcha = await solve(await challenge(app, a.slug));
      ctx().clock.advance(TEST_INTAKE.minFillMs - 1_000);
      await expectRefused({ ...contactBody(), formToken: token, altcha }, 400, {
        code: 'VALIDATION',
        message: 'Envoi trop rapide : relisez le formulaire puis envoyez-le à nouveau.',
      });
    });

    it('refuses a missing, forged or stale form token', async () => {
      const expired = 'Ce formulaire a expiré : rechargez la page.';
      const refusal = { code: 'VALIDATION', message: expired, fields: { formToken: expired } };
      const body = await genuine();
      await expectRefused({ ...body, formToken: undefined }, 400, refusal);
      const [stamp] = (body.formToken as string).split('.');
      await expectRefused({ ...body, formToken: `${stamp}.AAAA` }, 400, refusal);
      const old = await formToken(app, a.slug);
      ctx().clock.advance(TEST_INTAKE.formTokenTtlMs + 1);
      await expectRefused({ ...(await genuine()), formToken: old }, 400, refusal);
    });

    it('refuses a missing proof of work, a forged one, and the widget’s test mode', async () => {
      const body = await genuine();
      const missing = 'Cochez « Je ne suis pas un robot » et attendez la fin de la vérification.';
      await expectRefused({ ...body, altcha: undefined }, 400, {
        code: 'VALIDATION',
        message: missing,
        fields: { altcha: missing },
      });
      const failed = 'La vérification anti-robot a échoué : recommencez-la.';
      const refusal = { code: 'VALIDATION', message: failed, fields: { altcha: failed } };
      const payload = JSON.parse(Buffer.from(body.altcha as string, 'base64').toString());
      const forge = (p: unknown) => Buffer.from(JSON.stringify(p)).toString('base64');
      await expectRefused(
        {
          ...body,
          altcha: forge({ ...payload, solution: { ...payload.solution, derivedKey: '00'.repeat(32) } }),
        },
        400,
        refusal,
      );
      const cheaper = { ...payload.challenge.parameters, cost: 1 };
      await expectRefused(
        { ...body, altcha: forge({ ...payload, challenge: { ...payload.challenge, parameters: cheaper } }) },
        400,
        refusal,
      );
      await expectRefused(
        { ...body, altcha: forge({ challenge: null, solution: null, test: true }) },
        400,
        refusal,
      );
      await expectRefused({ ...body, altcha: 'pas du base64 ¤' }, 400, refusal);
    });

    it('refuses a solved challenge used a second time', async () => {
      const first = await genuine();
      expect((await postIntake(app, a.slug, first)).statusCode).toBe(201);
      const reused = 'Cette vérification a déjà servi : recommencez-la.';
      await expectRefused({ ...first, message: 'Une autre demande' }, 400, {
        code: 'VALIDATION',
        message: reused,
        fields: { altcha: reused },
      });
    });

    it('refuses a challenge solved too long ago', async () => {
      const token = await formToken(app, a.slug);
      const altcha = await solve(await challenge(app, a.slug));
      ctx().clock.advance(TEST_INTAKE.challengeTtlMs + 1_000);
      const expired = 'La vérification anti-robot a expiré : recommencez-la.';
      await expectRefused({ ...contactBody(), formToken: token, altcha }, 400, {
        code: 'VALIDATION',
        message: expired,
        fields: { altcha: expired },
      });
    });

    it('limits submissions per IP with a friendly 429 in the visitor’s language, then lets them through again', async () => {
      const ip = uniqueIp();
      for (let i = 0; i < TEST_INTAKE.perIp.max; i++) {
        const response = await postIntake(
          app,
          a.slug,
          await genuine(contactBody({ message: `Question ${i}` })),
          { ip },
        );
        expect(response.statusCode).toBe(201);
      }
      const before = await footprint(ctx().deps, a.id);
      const blocked = await postIntake(app, a.slug, await genuine(), { ip, query: '?lang=en' });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('RATE_LIMITED');
      expect(blocked.json().error.message).toMatch(
        /^We have received many requests from you\. Please try again in \d+ min, or call the school\.$/,
      );
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(await footprint(ctx().deps, a.id)).toEqual(before);
      ctx().clock.advance(TEST_INTAKE.perIp.windowMs);
      expect((await postIntake(app, a.slug, await genuine(), { ip })).statusCode).toBe(201);
    });

    it('limits submissions per e-mail address, whatever the IP', async () => {
      const email = uniqueEmail('insistant');
      for (let i = 0; i < TEST_INTAKE.perEmail.max; i++) {
        const body = await genuine(contactBody({ customer: customer(email), message: `Relance ${i}` }));
        expect((await postIntake(app, a.slug, body)).statusCode).toBe(201);
      }
      const body = await genuine(contactBody({ customer: customer(email.toUpperCase()), message: 'Encore' }));
      const blocked = await postIntake(app, a.slug, body);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.message).toMatch(/^Nous avons reçu beaucoup de demandes de votre part\./);
    });

    it('a school’s server posts with its intake key instead of proof of work, generously limited', async () => {
      const key = await newIntakeKey();
      expect(key).toMatch(/^sik_/);
      const school = await ctx()
        .deps.db.kysely.selectFrom('schools')
        .select('intake_key_hash')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(school.intake_key_hash).not.toContain(key);
      const ip = uniqueIp();
      for (let i = 0; i < TEST_INTAKE.perIp.max + 5; i++) {
        const response = await postIntake(app, a.slug, velBody(), { ip, headers: { 'x-intake-key': key } });
        expect(response.statusCode).toBe(201);
      }
      const honeypot = await postIntake(app, a.slug, velBody({ website: 'x' }), {
        ip,
        headers: { 'x-intake-key': key },
      });
      expect(honeypot.statusCode).toBe(400);
      const invalid = await postIntake(app, a.slug, velBody({ dates: { from: '2020-01-01' } }), {
        headers: { 'x-intake-key': key },
      });
      expect(invalid.json().error.fields).toEqual({ 'dates.from': 'Cette date est déjà passée.' });
    });

    it('refuses a wrong, another school’s or a replaced intake key', async () => {
      const old = await newIntakeKey();
      const current = await newIntakeKey();
      const refusal = { code: 'FORBIDDEN', message: 'Clé d’intégration invalide pour cette école.' };
      for (const key of ['sik_nimporte', old, '']) {
        const response = await postIntake(app, a.slug, contactBody(), { headers: { 'x-intake-key': key } });
        expect(response.statusCode).toBe(403);
        expect(response.json().error).toEqual(refusal);
      }
      const elsewhere = await postIntake(app, b.slug, contactBody(), {
        headers: { 'x-intake-key': current },
      });
      expect(elsewhere.statusCode).toBe(403);
      const ok = await postIntake(app, a.slug, contactBody(), { headers: { 'x-intake-key': current } });
      expect(ok.statusCode).toBe(201);
    });

    it('refuses a wrong intake key in the language of the school’s web developer', async () => {
      await newIntakeKey();
      const english = await postIntake(app, a.slug, contactBody(), {
        headers: { 'x-intake-key': 'sik_nimporte', 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect(english.statusCode).toBe(403);
      expect(english.json().error).toEqual({
        code: 'FORBIDDEN',
        message: 'Invalid integration key for this school.',
      });
      const french = await postIntake(app, a.slug, contactBody(), {
        headers: { 'x-intake-key': 'sik_nimporte', 'accept-language': 'fr-FR' },
      });
      expect(french.json().error.message).toBe('Clé d’intégration invalide pour cette école.');
    });

    it('hands out challenges within a per-IP limit', async () => {
      const ip = uniqueIp();
      for (let i = 0; i < TEST_INTAKE.challengePerIp.max; i++) {
        const response = await app.inject({ url: `/api/public/${a.slug}/challenge`, remoteAddress: ip });
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
      }
      const blocked = await app.inject({ url: `/api/public/${a.slug}/challenge`, remoteAddress: ip });
      expect(blocked.statusCode).toBe(429);
    });
  },
  { config: { intake: TEST_INTAKE } },
);

describeEachDatabase('the app secret behind form tokens and challenges', (ctx) => {
  it('is generated once and shared by every process on the database, unless APP_SECRET is set', async () => {
    const db = ctx().deps.db.kysely;
    const first = await loadAppSecret(db, undefined);
    expect(first.length).toBeGreaterThanOrEqual(43);
    expect(await loadAppSecret(db, undefined)).toBe(first);
    const other = await createIntakeDeps(db, ctx().deps.config);
    expect(other.secrets).toEqual(ctx().deps.intake.secrets);
    const configured = 'x'.repeat(40);
    expect(await loadAppSecret(db, configured)).toBe(configured);
    const withEnv = await createIntakeDeps(db, { ...ctx().deps.config, appSecret: configured });
    expect(withEnv.secrets.formToken).not.toBe(other.secrets.formToken);
    const rows = await db.selectFrom('app_settings').selectAll().execute();
    expect(rows).toEqual([{ key: 'app_secret', value: first }]);
  });
});
