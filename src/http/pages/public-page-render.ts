import type { Language } from '../../app/intake/intake.i18n.js';
import { type PageContext, renderNoticePage } from '../forms/form-render.js';
import { publicPageLabels } from './public-pages.i18n.js';

/** The header of a page that belongs to no school (an unknown address). */
export function neutralContext(language: Language): PageContext {
  return { school: { slug: '', name: 'Schuss' }, language, enabledForms: [] };
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
