import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { setUserEmailNotifications } from '../../src/db/repositories/index.js';
import { ADMIN, MARIE, SCREENSHOTS, staffSuite } from '../support/e2e.js';

/**
 * E-mail both ways, as a new user meets it: a reply typed on the dossier goes out (the development
 * transport keeps it: Paramètres → Boîte d'envoi shows it, its HTML in a sandboxed frame); the
 * customer answers it from their mail client — the school's relay posts the raw message to
 * /api/inbound/email, addressed to the Reply-To the mail carried — and the answer appears live in
 * the conversation, the quoted history trimmed. Each staff member chooses their own e-mail
 * notifications in Paramètres → Mon compte, with the keyboard alone.
 */

const SECRET = 'e2e-inbound-secret-0123456789abcdef';
/** The demo's VEL demande for two children (src/app/intake/demo-requests.ts). */
const CUSTOMER = 'Camille Rousseau';
const REPLY = 'Bonjour Camille, il reste de la place mardi matin pour Léo et Inès. À bientôt !';
const ANSWER = 'Merci beaucoup, mardi matin nous convient parfaitement.';

// Provoked on purpose: the login page's "who am I" (401).
const suite = staffSuite({
  provoked: /status of 401/,
  actionTimeout: 30_000,
  env: { INBOUND_EMAIL_SECRET: SECRET },
  // The dispatcher runs as in `npm start`; Marie chose to be told by e-mail when a customer replies.
  setup: async (server) => {
    server.deps.outbox.start();
    const marie = await server.deps.db.kysely
      .selectFrom('users')
      .select(['id', 'school_id'])
      .where('email', '=', MARIE)
      .executeTakeFirstOrThrow();
    await setUserEmailNotifications(server.deps.db.kysely, marie.school_id, marie.id, ['customer.replied']);
  },
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/**
 * The Boîte d'envoi, open: « Actualiser » (never a reload of the page) until the dispatcher
 * delivered `rows` — the e-mails go out in the background, after the change that wrote them.
 */
async function waitForMail(page: Page, rows: ReturnType<Page['locator']>): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Boîte d’envoi (développement)' }).waitFor();
  await page.getByText('Aucun serveur SMTP n’est configuré').waitFor();
  const refresh = page.getByRole('button', { name: 'Actualiser' });
  const opened = await page.evaluate(() => performance.timeOrigin);
  await expect
    .poll(
      async () => {
        await refresh.click();
        await expect.poll(() => refresh.isEnabled()).toBe(true);
        return rows.count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  // The same page all along: the new e-mail came in without a reload.
  expect(await page.evaluate(() => performance.timeOrigin)).toBe(opened);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth),
    )
    .toBe(0);
}

/** What the school's mail relay posts: the customer's answer, as their mail client wrote it. */
function customerAnswer(p: { from: string; to: string; subject: string; inReplyTo: string }): string {
  return [
    `From: ${CUSTOMER} <${p.from}>`,
    `To: ${p.to}`,
    `Subject: Re: ${p.subject}`,
    'Message-ID: <e2e-answer-1@mail.example.fr>',
    `In-Reply-To: ${p.inReplyTo}`,
    'Date: Wed, 02 Dec 2026 10:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    ANSWER,
    '',
    'Le mer. 2 déc. 2026 à 09:30, École de ski <no-reply@schuss.localhost> a écrit :',
    `> ${REPLY}`,
    '',
  ].join('\r\n');
}

describe('e-mail both ways', { timeout: 180_000 }, () => {
  test('a reply goes out, is read in the Boîte d’envoi, and the customer’s e-mail answer lands live', async () => {
    const page = await suite.signIn(ADMIN, { width: 1280, height: 900 });
    await page.getByRole('table').getByRole('row').filter({ hasText: CUSTOMER }).first().click();
    await page.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();
    const fileUrl = page.url();
    const number = (await page.locator('main').getByText(/^N° /).first().textContent())!
      .replace(/^N° /, '')
      .trim();

    const conversation = page.getByRole('log', { name: 'Messages échangés avec le client' });
    const reply = page.getByRole('textbox', { name: 'Répondre au client' });
    await reply.fill(REPLY);
    await reply.press('Control+Enter');
    await conversation
      .getByRole('listitem')
      .filter({ hasText: 'il reste de la place mardi matin' })
      .waitFor();

    // Paramètres → Boîte d'envoi: the reply, as the customer receives it.
    await page.goto(`${suite.baseUrl}/app/parametres/boite-d-envoi`);
    await page.getByText('Aucun serveur SMTP n’est configuré').waitFor();
    const list = page.getByRole('table', { name: 'E-mails envoyés' });
    const sent = list.getByRole('row').filter({ hasText: number }).filter({ hasText: 'Réponse' });
    await waitForMail(page, sent);
    await sent.first().click();
    await page.getByTestId('outbox-subject').filter({ hasText: number }).waitFor();
    const html = page.frameLocator('iframe[title="Aperçu HTML"]');
    await html.getByText('il reste de la place mardi matin').waitFor();
    await page.getByTestId('outbox-text').filter({ hasText: 'il reste de la place mardi matin' }).waitFor();
    const headers = page.getByTestId('outbox-headers');
    const headerValue = async (name: string) =>
      (await headers.getByText(`${name}:`, { exact: false }).first().locator('code').textContent())!.trim();
    const replyTo = await headerValue('Reply-To');
    expect(replyTo).toMatch(/^reply\+[^@]+@/);
    const to = (await page.getByTestId('outbox-to').textContent())!.trim();
    const subject = (await page.getByTestId('outbox-subject').textContent())!.trim();
    const inReplyTo = await headerValue('In-Reply-To');
    await expectNoSidewaysScroll(page);
    await shoot(page, 'mail-outbox-1280');
    // On a phone: the same e-mail, the list above it.
    const phone = await suite.signIn(ADMIN, { width: 390, height: 844 });
    await phone.goto(`${suite.baseUrl}/app/parametres/boite-d-envoi`);
    await phone.getByTestId('outbox-subject').filter({ hasText: number }).waitFor();
    await phone
      .frameLocator('iframe[title="Aperçu HTML"]')
      .getByText('il reste de la place mardi matin')
      .waitFor();
    await expectNoSidewaysScroll(phone);
    await shoot(phone, 'mail-outbox-390');
    // The e-mail itself as a phone shows it (a full-page shot leaves an iframe below the fold blank).
    await phone.locator('iframe[title="Aperçu HTML"]').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(SCREENSHOTS, 'mail-outbox-390-email.png'), animations: 'disabled' });

    // The customer answers from their mail client; the relay posts it while the dossier is open.
    await page.goto(fileUrl);
    await conversation
      .getByRole('listitem')
      .filter({ hasText: 'il reste de la place mardi matin' })
      .waitFor();
    const raw = customerAnswer({ from: to, to: replyTo, subject, inReplyTo });
    const post = () =>
      fetch(`${suite.baseUrl}/api/inbound/email`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', 'x-inbound-secret': SECRET },
        body: raw,
      });
    const received = await post();
    expect(received.status).toBe(200);
    expect(await received.json()).toMatchObject({ outcome: 'threaded' });
    const answer = conversation.getByRole('listitem').filter({ hasText: ANSWER });
    await answer.waitFor();
    await answer.getByText(CUSTOMER).first().waitFor();
    // The quoted history stays out of the conversation; posted again, it is not stored twice.
    expect(await conversation.getByText('a écrit :').count()).toBe(0);
    // What Schuss keeps of the e-mail (its sender, its Message-ID) is no form to show.
    expect(await answer.getByText('Données du formulaire').count()).toBe(0);
    const again = await post();
    expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
    await page.reload();
    await answer.waitFor();
    expect(await answer.count()).toBe(1);
    await shoot(page, 'mail-outbox-answer-1280');

    // Marie chose customer replies: her e-mail with "Accéder au dossier" is in the Boîte d'envoi.
    await page.goto(`${suite.baseUrl}/app/parametres/boite-d-envoi`);
    const notice = list.getByRole('row').filter({ hasText: `${CUSTOMER} a répondu — dossier ${number}` });
    await waitForMail(page, notice);
    expect(await notice.count()).toBe(1);
    await notice.click();
    await page.getByTestId('outbox-to').filter({ hasText: MARIE }).waitFor();
    await html.getByText('Accéder au dossier').waitFor();
  });

  test('each staff member chooses their e-mail notifications in Mon compte, with the keyboard', async () => {
    const page = await suite.signIn(MARIE, { width: 390, height: 844 });
    const menu = page.getByRole('button', { name: /^Menu d.*Marie Dupont/ });
    await menu.focus();
    await page.keyboard.press('Enter');
    const item = page.getByRole('menuitem', { name: 'Mon compte et notifications' });
    await item.waitFor();
    await item.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/parametres\/mon-compte$/);
    const group = page.getByRole('group', { name: /Recevez un e-mail/ });
    const replies = group.getByRole('checkbox', { name: /Réponses des clients/ });
    const payments = group.getByRole('checkbox', { name: /Paiements/ });
    const requests = group.getByRole('checkbox', { name: /Nouvelles demandes/ });
    // What the setup chose for her is shown.
    await expect.poll(() => replies.isChecked()).toBe(true);
    expect(await payments.isChecked()).toBe(false);
    await replies.focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => payments.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Vos notifications par e-mail sont enregistrées.').waitFor();
    await expectNoSidewaysScroll(page);
    await shoot(page, 'mail-notifications-390');
    await page.reload();
    await expect.poll(() => payments.isChecked()).toBe(true);
    expect(await replies.isChecked()).toBe(true);
    expect(await requests.isChecked()).toBe(false);
  });
});
