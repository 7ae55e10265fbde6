import type { Language } from '../../app/intake/intake.i18n.js';
import type { SandboxSession } from '../../app/payments/sandbox-checkout.js';
import { formatMoney } from '../../domain/money.js';
import { esc, type PageContext, renderNoticePage, renderPublicPage } from '../forms/form-render.js';
import { SANDBOX_LOCALES, sandboxLabels } from './sandbox-checkout.i18n.js';

/**
 * The sandbox's hosted checkout page (`/pay/sandbox/:sessionId`), in the payer's language: the
 * amount, and the three answers a bank may give — then, for a pending one, its later acceptance.
 */
export function renderSandboxCheckoutPage(session: SandboxSession, language: Language): string {
  const t = sandboxLabels(language);
  const ctx: PageContext = { school: { slug: '', name: session.schoolName }, language, enabledForms: [] };
  const amount = formatMoney(session.amountCents, SANDBOX_LOCALES[language]);
  const action = `/pay/sandbox/${esc(session.sessionId)}`;
  const button = (choice: string, label: string) =>
    `<button type="submit" name="choice" value="${choice}" data-choice="${choice}" class="${choice === 'accepted' || choice === 'accept_pending' ? 'primary-button' : 'secondary-button'}">${esc(label)}</button>`;
  let choices: string;
  if (session.state === 'created' || session.state === 'open')
    choices = `<form method="post" action="${action}" class="sandbox-choices">
${button('accepted', t.accept)}
${button('refused', t.refuse)}
${button('pending', t.pending)}
</form>`;
  else if (session.state === 'pending')
    choices = `<p role="status">${esc(t.isPending)}</p>
<form method="post" action="${action}">${button('accept_pending', t.acceptPending)}</form>`;
  else choices = `<p role="status" data-state="${esc(session.state)}">${esc(t.done[session.state])}</p>`;
  return renderPublicPage(
    ctx,
    t.title,
    `<section class="card" data-sandbox-session>
<p class="hint">${esc(t.notice)}</p>
<h2>${esc(t.pay(session.schoolName, session.fileNumber))}</h2>
<p><strong>${esc(t.purpose[session.purpose] ?? session.purpose)} : <span data-amount>${esc(amount)}</span></strong></p>
${choices}
<p><a href="${esc(session.returnUrl)}">${esc(t.back)}</a></p>
</section>`,
  );
}

export function renderSandboxUnknownPage(language: Language): string {
  return renderNoticePage(
    { school: { slug: '', name: 'Schuss' }, language, enabledForms: [] },
    sandboxLabels(language).unknown,
  );
}
