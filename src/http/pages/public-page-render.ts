import type { Language } from '../../app/intake/intake.i18n.js';
import type { CustomerFile } from '../../app/portal/find-customer-file.js';
import { esc, type PageContext, renderNoticePage, renderPublicPage } from '../forms/form-render.js';
import { publicPageLabels } from './public-pages.i18n.js';

/** The header of a page that belongs to no school (an unknown address). */
export function neutralContext(language: Language): PageContext {
  return { school: { slug: '', name: 'Schuss' }, language, enabledForms: [] };
}

/**
 * The customer's private page, until the portal exists: their file was received, its number,
 * and what comes next (the school answers by e-mail). It offers nothing the build cannot do.
 */
export function renderCustomerFilePage(file: CustomerFile, language: Language): string {
  const t = publicPageLabels(language).customerFile;
  const date = new Intl.DateTimeFormat(publicPageLabels(language).dateLocale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: file.schoolTimeZone,
  }).format(new Date(file.receivedAt));
  const ctx: PageContext = { school: { slug: '', name: file.schoolName }, language, enabledForms: [] };
  return renderPublicPage(
    ctx,
    t.title(file.number),
    `<section class="card thanks" role="status">
<div class="tick" aria-hidden="true">✓</div>
<h2>${esc(t.received)}</h2>
<p>${esc(t.greeting(file.firstName))}</p>
<p data-request-number>${esc(t.body({ school: file.schoolName, number: file.number, date }))}</p>
</section>
<section class="card next">
<h2>${esc(t.nextTitle)}</h2>
<p>${esc(t.next(file.schoolName))}</p>
<p class="hint">${esc(t.keep)}</p>
</section>
<p class="fine">${esc(t.private)}</p>`,
  );
}

/** The answer to a private link that opens no file: the same look, and nothing about any file. */
export function renderLinkInvalidPage(language: Language): string {
  return renderNoticePage(neutralContext(language), publicPageLabels(language).linkInvalid);
}

export type ErrorPageKind = 'notFound' | 'refused' | 'serverError';

/** An error as a page, for the addresses people open in a browser (never JSON there). */
export function renderErrorPage(language: Language, kind: ErrorPageKind): string {
  return renderNoticePage(neutralContext(language), publicPageLabels(language)[kind]);
}
