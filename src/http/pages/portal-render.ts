import type { PortalOutcome } from '../../app/portal/portal-actions.js';
import type { PortalLine, PortalView } from '../../app/portal/portal-view.js';
import { LANGUAGES } from '../../app/requests/requests.schemas.js';
import { cents, formatMoney } from '../../domain/money.js';
import { ASSETS, esc } from '../forms/form-render.js';
import { type PortalLabels, portalLabels } from './portal.i18n.js';

/** Where the portal's own stylesheet and script are served (beside the forms' assets). */
export const PORTAL_ASSETS = '/portal-assets';

/** A notice the page shows once, after an action (Post/Redirect/Get): `?ok=` or `?refus=`. */
export type PortalNotice =
  | { kind: 'ok'; what: 'reply' | 'removed' }
  | { kind: 'refused'; outcome: Exclude<PortalOutcome, 'done' | 'not_found'> };

export interface PortalPage {
  view: PortalView;
  /** The page's own address (`/c/<token>`), for its forms, PDF and live stream. */
  base: string;
  notice: PortalNotice | null;
}

/** Building an Intl formatter costs far more than using one: one set per locale and time zone, kept. */
const formatterSets = new Map<string, ReturnType<typeof buildFormatters>>();

function formatters(view: PortalView, t: PortalLabels) {
  const key = `${t.dateLocale}|${view.school.timeZone}`;
  let set = formatterSets.get(key);
  if (!set) {
    set = buildFormatters(t.dateLocale, view.school.timeZone);
    formatterSets.set(key, set);
  }
  return set;
}

function buildFormatters(locale: string, zone: string) {
  const dayFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const instantFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    money: (amount: number) => formatMoney(cents(amount), locale),
    day: (isoDay: string) => dayFormat.format(new Date(`${isoDay}T12:00:00Z`)),
    instant: (iso: string) => instantFormat.format(new Date(iso)),
    rate: (bp: number) => percent.format(bp / 10_000),
    quantity: (q: number) => quantity.format(q),
  };
}
type Formatters = ReturnType<typeof formatters>;

function lineItem(line: PortalLine, base: string, t: PortalLabels, f: Formatters): string {
  const badges = [
    line.isOptional ? `<span class="badge">${esc(t.option)}</span>` : '',
    line.isActive ? '' : `<span class="badge off">${esc(t.removed)}</span>`,
  ].join('');
  const remove = line.removeId
    ? `<form method="post" action="${esc(`${base}/options/${encodeURIComponent(line.removeId)}/remove`)}" class="remove" data-once>
<button type="submit" class="link-button" aria-label="${esc(`${t.remove} : ${line.label}`)}">${esc(t.remove)}</button></form>`
    : '';
  return `<li class="line${line.isActive ? '' : ' is-removed'}" data-line>
<div class="line-main"><span class="line-label">${esc(line.label)}</span>${badges}
<span class="line-detail">${esc(f.quantity(line.quantity))} × ${esc(f.money(line.unitPriceCents))}</span></div>
<div class="line-side"><span class="line-total">${esc(f.money(line.totalCents))}</span>${remove}</div>
</li>`;
}

function offerSection(page: PortalPage, t: PortalLabels, f: Formatters): string {
  const { view, base } = page;
  const offer = view.offer;
  const totals = view.totals;
  if (!offer || !totals) return `<section class="card"><p class="muted">${esc(t.waitingOffer)}</p></section>`;
  const title = offer.kind === 'quote' ? t.sections.quote : t.sections.paymentLink;
  const vatRows = totals.vat
    .filter((r) => r.vatCents > 0)
    .map(
      (r) =>
        `<div class="row minor"><dt>${esc(t.vatRow(f.rate(r.rateBp)))}</dt><dd>${esc(f.money(r.vatCents))}</dd></div>`,
    )
    .join('');
  const hasOption = view.lines.some((l) => l.removeId);
  return `<section class="card offer" aria-labelledby="offer-title" data-offer>
<div class="card-head"><h2 id="offer-title">${esc(title)}</h2>
<p class="meta">${esc(t.offerMeta({ number: offer.number, until: offer.validUntil ? f.day(offer.validUntil) : '—' }))}</p></div>
${offer.isExpired ? `<p class="note warn">${esc(t.expired)}</p>` : ''}
${offer.isChangedSinceSent ? `<p class="note">${esc(t.changedSinceSent)}</p>` : ''}
<ul class="lines" aria-label="${esc(t.table.service)}">${view.lines.map((l) => lineItem(l, base, t, f)).join('')}</ul>
${hasOption ? `<p class="hint">${esc(t.removeHint)}</p>` : ''}
<dl class="totals" data-totals>
<div class="row minor"><dt>${esc(t.net)}</dt><dd>${esc(f.money(totals.netCents))}</dd></div>
${vatRows}
<div class="row grand"><dt>${esc(t.total)}</dt><dd data-total>${esc(f.money(totals.totalCents))}</dd></div>
${totals.paidCents !== 0 ? `<div class="row"><dt>${esc(t.paid)}</dt><dd>${esc(f.money(totals.paidCents))}</dd></div>` : ''}
<div class="row due"><dt>${esc(t.due)}</dt><dd data-due>${esc(f.money(totals.dueCents))}</dd></div>
</dl>
<p><a class="secondary-button pdf" href="${esc(`${base}/devis.pdf`)}" download>⤓ ${esc(t.pdf)}</a></p>
</section>`;
}

function paySection(page: PortalPage, t: PortalLabels, f: Formatters): string {
  const { view, base } = page;
  if (!view.totals || view.totals.dueCents === 0) return '';
  if (view.payOptions.length === 0)
    return `<section class="card pay"><h2>${esc(t.pay.title)}</h2><p class="muted">${esc(t.pay.none)}</p></section>`;
  const buttons = view.payOptions
    .map(
      (o) => `<form method="post" action="${esc(`${base}/pay`)}" data-once>
<input type="hidden" name="purpose" value="${o.purpose}">
<button type="submit" class="primary-button pay-button${o.purpose === 'deposit' ? '' : ' alt'}" data-purpose="${o.purpose}">
<span>${esc(o.purpose === 'deposit' ? t.pay.deposit : t.pay.balance)}</span><strong>${esc(f.money(o.amountCents))}</strong></button>
</form>`,
    )
    .join('');
  return `<section class="card pay" aria-labelledby="pay-title" data-pay>
<h2 id="pay-title">${esc(t.pay.title)}</h2>
<div class="pay-buttons">${buttons}</div>
<p class="fine">${esc(t.pay.secure)}</p>
</section>`;
}

function scheduleSection(view: PortalView, t: PortalLabels, f: Formatters): string {
  const s = view.schedule;
  if (!s || !view.totals) return '';
  const deposit =
    s.depositCents === null
      ? ''
      : `<li class="step${s.isDepositPaid ? ' done' : ''}"><span class="dot" aria-hidden="true">${s.isDepositPaid ? '✓' : '1'}</span>
<span class="step-label">${esc(s.isDepositPaid ? t.depositPaid : t.deposit)}</span><span class="step-amount">${esc(f.money(s.depositCents))}</span></li>`;
  const balanceDone = s.balanceCents === 0;
  // A paid balance shows what it was: the total less the deposit step.
  const balanceShown = balanceDone ? view.totals.totalCents - (s.depositCents ?? 0) : s.balanceCents;
  const when = s.balanceDueOn ? t.balanceDueOn(f.day(s.balanceDueOn)) : t.balanceOnArrival;
  const balance = `<li class="step${balanceDone ? ' done' : ''}"><span class="dot" aria-hidden="true">${balanceDone ? '✓' : s.depositCents === null ? '1' : '2'}</span>
<span class="step-label">${esc(t.balance)}${balanceDone ? '' : ` <span class="when">${esc(when)}</span>`}</span><span class="step-amount">${esc(f.money(balanceShown))}</span></li>`;
  const payments =
    view.payments.length === 0
      ? `<p class="muted">${esc(t.nothingPaid)}</p>`
      : `<ul class="payments">${view.payments
          .map(
            (p) =>
              `<li><span>${esc(f.instant(p.receivedAt))} · ${esc(p.method === 'refund' ? t.refund : (t.methods[p.method] ?? p.method))}</span><strong>${esc(f.money(p.amountCents))}</strong></li>`,
          )
          .join('')}</ul>`;
  return `<section class="card schedule" aria-labelledby="schedule-title" data-schedule>
<h2 id="schedule-title">${esc(t.sections.schedule)}</h2>
<ol class="steps">${deposit}${balance}</ol>
<h3>${esc(t.sections.payments)}</h3>
${payments}
</section>`;
}

function conversationSection(page: PortalPage, t: PortalLabels, f: Formatters): string {
  const { view, base } = page;
  const items = view.conversation
    .map((m) => {
      const who =
        m.from === 'customer'
          ? t.you
          : m.staffName
            ? `${m.staffName} · ${view.school.name}`
            : view.school.name;
      const text = m.generated ? t.generated[m.generated] : m.body;
      return `<li class="bubble ${m.from === 'customer' ? 'mine' : 'theirs'}"><p class="who">${esc(who)} · <time datetime="${esc(m.at)}">${esc(f.instant(m.at))}</time></p>
<p class="text">${esc(text)}</p></li>`;
    })
    .join('');
  const form = view.canReply
    ? `<form method="post" action="${esc(`${base}/messages`)}" class="reply" data-once data-sending="${esc(t.reply.sending)}">
<label for="reply-body">${esc(t.reply.label)}</label>
<textarea id="reply-body" name="body" rows="4" required maxlength="5000"></textarea>
<div class="reply-actions"><p class="hint">${esc(t.reply.hint)}</p><button type="submit" class="primary-button">${esc(t.reply.send)}</button></div>
</form>`
    : `<p class="note">${esc(t.archived)}</p>`;
  return `<section class="card conversation" aria-labelledby="conversation-title">
<h2 id="conversation-title">${esc(t.sections.conversation)}</h2>
<ol class="thread" data-part="thread">${items}</ol>
${form}
</section>`;
}

function banners(page: PortalPage, t: PortalLabels, f: Formatters): string {
  const out: string[] = [];
  const ret = page.view.paymentReturn;
  if (ret)
    out.push(
      `<div class="banner ${ret.state}" role="status" data-payment-state="${ret.state}">${
        ret.state === 'pending' ? '<span class="spinner" aria-hidden="true"></span>' : ''
      }<span>${esc(t.paymentReturn[ret.state])} <strong>${esc(f.money(ret.amountCents))}</strong></span></div>`,
    );
  const n = page.notice;
  if (n?.kind === 'ok')
    out.push(
      `<div class="banner succeeded" role="status">${esc(n.what === 'reply' ? t.reply.sent : t.removedDone)}</div>`,
    );
  if (n?.kind === 'refused')
    out.push(`<div class="banner failed" role="alert">${esc(t.outcomes[n.outcome])}</div>`);
  return out.join('\n');
}

/** The parts of the page the live script swaps in place when the file changes (the reply box stays). */
function livePart(name: string, html: string): string {
  return `<div data-part="${name}">${html}</div>`;
}

/** The customer's private page: their file, the latest offer, paying, the schedule and the conversation. */
export function renderPortalPage(page: PortalPage): string {
  const { view, base } = page;
  const t = portalLabels(view.language);
  const f = formatters(view, t);
  const langs = LANGUAGES.map((l) =>
    l === view.language
      ? `<span aria-current="true">${l.toUpperCase()}</span>`
      : `<a href="?lang=${l}" hreflang="${l}" lang="${l}">${l.toUpperCase()}</a>`,
  ).join('');
  const summary = view.file.isArchived
    ? `<section class="card"><p class="note">${esc(t.archived)}</p></section>`
    : `${offerSection(page, t, f)}<div class="side">${paySection(page, t, f)}${scheduleSection(view, t, f)}</div>`;
  return `<!doctype html>
<html lang="${view.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${esc(t.title(view.file.number))} — ${esc(view.school.name)}</title>
<link rel="stylesheet" href="${ASSETS}/forms.css">
<link rel="stylesheet" href="${PORTAL_ASSETS}/portal.css">
<script type="module" src="${PORTAL_ASSETS}/portal.js"></script>
</head>
<body class="portal">
<main class="page" data-portal data-live="${esc(`${base}/events`)}" data-live-label="${esc(t.live)}">
<header class="top hero">
<div class="brand"><span class="logo" aria-hidden="true">❄</span><span class="school">${esc(view.school.name)}</span>
<nav class="langs" aria-label="Langue / Language">${langs}</nav></div>
<p class="greeting">${esc(t.greeting(view.file.customerFirstName))}</p>
<h1>${esc(t.title(view.file.number))}</h1>
<p class="intro">${esc(t.intro(view.school.name))}</p>
</header>
${livePart('banners', banners(page, t, f))}
${livePart('summary', summary)}
${conversationSection(page, t, f)}
<p class="fine center">${esc(t.private)}</p>
</main>
</body>
</html>`;
}
