import type { Language } from '../../app/intake/intake.i18n.js';
import { MAX_MESSAGE } from '../../app/intake/intake.schemas.js';
import type { OfferedInstructor } from '../../app/intake/intake-school.js';
import { LANGUAGES } from '../../app/requests/requests.schemas.js';
import type { FieldErrors } from '../../domain/errors.js';
import {
  type Duration,
  type IntakeForm,
  LEVELS,
  MAX_PARTICIPANTS,
  MAX_SESSIONS,
  type Practice,
  SLOTS,
} from '../../shared/vocabulary.js';
import { type FormLabels, formLabels, productKindLabel } from './forms.i18n.js';

/** The path segment of each form's page. */
export const FORM_PAGES: Record<IntakeForm, string> = {
  vel: 'vel',
  contact: 'contact',
  custom: 'sur-mesure',
};
export const ASSETS = '/f/assets';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value put in the page goes through here. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export interface PageContext {
  school: { slug: string; name: string };
  language: Language;
  enabledForms: IntakeForm[];
}

export interface FormView extends PageContext {
  form: IntakeForm;
  /** What the visitor typed (nested like the JSON body), kept across an error. */
  values: Record<string, unknown>;
  errors: FieldErrors;
  alert: string | null;
  formToken: string;
  /** Today in the school's time zone: the earliest wished date, the latest birth date. */
  today: string;
  choices: {
    productKinds: string[];
    practices: Practice[];
    durations: Duration[];
    instructors: OfferedInstructor[];
  };
}

function formUrl(ctx: PageContext, form: IntakeForm, lang = ctx.language): string {
  return `/f/${encodeURIComponent(ctx.school.slug)}/${FORM_PAGES[form]}?lang=${lang}`;
}

function read(values: Record<string, unknown>, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(values: Record<string, unknown>, path: string): string {
  const value = read(values, path);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

const idOf = (name: string) => `f-${name.replaceAll('.', '-')}`;

interface FieldOptions {
  name: string;
  label: string;
  view: FormView;
  required?: boolean;
  hint?: string;
  optional?: boolean;
  wide?: boolean;
}

function labelHtml(o: FieldOptions, t: FormLabels): string {
  const mark = o.required ? ' <span class="req" aria-hidden="true">*</span>' : '';
  const optional = o.optional ? ` <span class="opt">(${esc(t.hints.optional)})</span>` : '';
  return `<label for="${idOf(o.name)}">${esc(o.label)}${mark}${optional}</label>`;
}

function describe(o: FieldOptions): { attrs: string; after: string } {
  const error = o.view.errors[o.name];
  const ids: string[] = [];
  let after = '';
  if (o.hint) {
    ids.push(`${idOf(o.name)}-hint`);
    after += `<p class="hint" id="${idOf(o.name)}-hint">${esc(o.hint)}</p>`;
  }
  if (error) {
    ids.push(`${idOf(o.name)}-error`);
    after += `<p class="error" id="${idOf(o.name)}-error">${esc(error)}</p>`;
  }
  const attrs =
    (ids.length ? ` aria-describedby="${ids.join(' ')}"` : '') +
    (error ? ' aria-invalid="true"' : '') +
    (o.required ? ' required aria-required="true"' : '');
  return { attrs, after };
}

function wrap(o: FieldOptions, inner: string): string {
  const classes = ['field', o.wide ? 'wide' : '', o.view.errors[o.name] ? 'has-error' : ''].filter(Boolean);
  return `<div class="${classes.join(' ')}" data-field="${esc(o.name)}">${inner}</div>`;
}

function input(o: FieldOptions & { type?: string; autocomplete?: string; extra?: string }): string {
  const t = formLabels(o.view.language);
  const { attrs, after } = describe(o);
  const value = text(o.view.values, o.name);
  return wrap(
    o,
    `${labelHtml(o, t)}<input id="${idOf(o.name)}" name="${esc(o.name)}" type="${o.type ?? 'text'}" value="${esc(value)}"${
      o.autocomplete ? ` autocomplete="${o.autocomplete}"` : ''
    }${o.extra ?? ''}${attrs}>${after}`,
  );
}

function select(
  o: FieldOptions & { options: { value: string; label: string }[]; placeholder: string },
): string {
  const t = formLabels(o.view.language);
  const { attrs, after } = describe(o);
  const current = text(o.view.values, o.name);
  const options = [`<option value="">${esc(o.placeholder)}</option>`]
    .concat(
      o.options.map(
        (opt) =>
          `<option value="${esc(opt.value)}"${opt.value === current ? ' selected' : ''}>${esc(opt.label)}</option>`,
      ),
    )
    .join('');
  return wrap(
    o,
    `${labelHtml(o, t)}<select id="${idOf(o.name)}" name="${esc(o.name)}"${attrs}>${options}</select>${after}`,
  );
}

/**
 * A free-text field with a character counter: nothing typed or pasted is cut (no maxlength),
 * the counter says when it is too long and the server refuses it with the length.
 */
function textarea(o: FieldOptions & { max: number }): string {
  const t = formLabels(o.view.language);
  const counterId = `${idOf(o.name)}-counter`;
  const { attrs, after } = describe(o);
  const value = text(o.view.values, o.name);
  const length = value.replace(/\r\n?/g, '\n').length;
  const number = new Intl.NumberFormat(o.view.language);
  const fill = (template: string) =>
    template
      .replace('{n}', number.format(length))
      .replace('{max}', number.format(o.max))
      .replace('{over}', number.format(length - o.max));
  const isOver = length > o.max;
  const counter = `<p class="counter${isOver ? ' is-over' : ''}" id="${counterId}" data-counter data-max="${o.max}" data-count="${esc(
    t.counter.count,
  )}" data-over="${esc(t.counter.over)}">${esc(fill(isOver ? t.counter.over : t.counter.count))}</p>
<p class="sr-only" aria-live="polite" data-counter-status></p>`;
  const described = attrs.includes('aria-describedby="')
    ? attrs.replace('aria-describedby="', `aria-describedby="${counterId} `)
    : `${attrs} aria-describedby="${counterId}"`;
  return wrap(
    o,
    `${labelHtml(o, t)}<textarea id="${idOf(o.name)}" name="${esc(o.name)}" rows="5"${described}>${esc(
      value,
    )}</textarea>${counter}${after}`,
  );
}

function errorLine(view: FormView, name: string): string {
  const error = view.errors[name];
  return error ? `<p class="error" id="${idOf(name)}-error">${esc(error)}</p>` : '';
}

function participantsCount(view: FormView): number {
  const list = read(view.values, 'participants');
  const count = Array.isArray(list) ? list.length : 0;
  return Math.min(MAX_PARTICIPANTS, Math.max(1, count));
}

function participantBlock(view: FormView, i: number): string {
  const t = formLabels(view.language);
  const base = `participants.${i}`;
  return `<div class="participant" data-participant>
  <div class="participant-head"><span class="participant-title" data-participant-title>${esc(t.participant(i + 1))}</span>
  <button type="button" class="link-button" data-remove-participant>${esc(t.removeParticipant)}</button></div>
  <div class="grid three">
  ${input({ view, name: `${base}.firstName`, label: t.fields.participantFirstName, required: true, autocomplete: 'off' })}
  ${input({ view, name: `${base}.birthDate`, label: t.fields.birthDate, required: true, type: 'date', extra: ` max="${view.today}" min="1900-01-01"` })}
  ${select({
    view,
    name: `${base}.level`,
    label: t.fields.level,
    required: true,
    placeholder: t.choose,
    options: LEVELS.map((l) => ({ value: l, label: t.levels[l] })),
  })}
  </div>
</div>`;
}

function participantsSection(view: FormView): string {
  const t = formLabels(view.language);
  const blocks = Array.from({ length: participantsCount(view) }, (_, i) => participantBlock(view, i)).join(
    '',
  );
  return `<fieldset class="card" data-participants data-max="${MAX_PARTICIPANTS}" data-title-template="${esc(t.participant(999).replace('999', '{n}'))}">
  <legend>${esc(t.sections.participants)}</legend>
  ${errorLine(view, 'participants')}
  <div data-participant-list>${blocks}</div>
  <button type="button" class="secondary-button" data-add-participant>+ ${esc(t.addParticipant)}</button>
</fieldset>`;
}

function youSection(view: FormView): string {
  const t = formLabels(view.language);
  return `<fieldset class="card">
  <legend>${esc(t.sections.you)}</legend>
  <div class="grid two">
  ${input({ view, name: 'customer.firstName', label: t.fields.firstName, required: true, autocomplete: 'given-name' })}
  ${input({ view, name: 'customer.lastName', label: t.fields.lastName, required: true, autocomplete: 'family-name' })}
  ${input({ view, name: 'customer.email', label: t.fields.email, required: true, type: 'email', autocomplete: 'email', hint: t.hints.email })}
  ${input({ view, name: 'customer.phone', label: t.fields.phone, optional: true, type: 'tel', autocomplete: 'tel' })}
  </div>
</fieldset>`;
}

function datesFields(view: FormView): string {
  const t = formLabels(view.language);
  const limits = ` min="${view.today}"`;
  return `${input({ view, name: 'dates.from', label: t.fields.dateFrom, required: true, type: 'date', extra: limits })}
  ${input({ view, name: 'dates.to', label: t.fields.dateTo, optional: true, type: 'date', extra: limits })}`;
}

function practiceSelect(view: FormView): string {
  const t = formLabels(view.language);
  return select({
    view,
    name: 'practice',
    label: t.fields.practice,
    required: true,
    placeholder: t.choose,
    options: view.choices.practices.map((p) => ({ value: p, label: t.practices[p] })),
  });
}

function velLesson(view: FormView): string {
  const t = formLabels(view.language);
  return `<fieldset class="card">
  <legend>${esc(t.sections.lesson)}</legend>
  <div class="grid two">
  ${select({
    view,
    name: 'productType',
    label: t.fields.productType,
    required: true,
    placeholder: t.choose,
    options: view.choices.productKinds.map((k) => ({ value: k, label: productKindLabel(t, k) })),
  })}
  ${practiceSelect(view)}
  ${datesFields(view)}
  </div>
</fieldset>`;
}

function slotsField(view: FormView): string {
  const t = formLabels(view.language);
  const chosen = read(view.values, 'slots');
  const list = Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : [];
  const error = view.errors.slots;
  const boxes = SLOTS.map(
    (s) =>
      `<label class="check"><input type="checkbox" name="slots" value="${s}"${list.includes(s) ? ' checked' : ''}${
        error ? ' aria-invalid="true"' : ''
      }> <span>${esc(t.slots[s])}</span></label>`,
  ).join('');
  return `<div class="field wide${error ? ' has-error' : ''}" data-field="slots" role="group" aria-labelledby="f-slots-label"${
    error ? ' aria-describedby="f-slots-error"' : ''
  }>
  <span class="label" id="f-slots-label">${esc(t.fields.slots)} <span class="req" aria-hidden="true">*</span></span>
  <div class="checks">${boxes}</div>${errorLine(view, 'slots')}</div>`;
}

function customLesson(view: FormView): string {
  const t = formLabels(view.language);
  return `<fieldset class="card">
  <legend>${esc(t.sections.lesson)}</legend>
  <div class="grid two">
  ${practiceSelect(view)}
  ${select({
    view,
    name: 'lessonLanguage',
    label: t.fields.lessonLanguage,
    required: true,
    placeholder: t.choose,
    options: LANGUAGES.map((l) => ({ value: l, label: t.languages[l] })),
  })}
  ${datesFields(view)}
  ${slotsField(view)}
  ${select({
    view,
    name: 'duration',
    label: t.fields.duration,
    required: true,
    placeholder: t.choose,
    options: view.choices.durations.map((d) => ({ value: d, label: t.durations[d] })),
  })}
  ${input({
    view,
    name: 'sessions',
    label: t.fields.sessions,
    required: true,
    type: 'number',
    hint: t.hints.sessions,
    extra: ` min="1" max="${MAX_SESSIONS}" step="1" inputmode="numeric" placeholder="${esc(t.placeholders.sessions)}"`,
  })}
  ${select({
    view,
    name: 'instructorId',
    label: t.fields.instructor,
    optional: true,
    wide: true,
    placeholder: t.noPreference,
    options: view.choices.instructors.map((i) => ({
      value: i.id,
      label: `${i.firstName} ${i.lastName}${
        i.languages.length ? ` (${i.languages.map((l) => l.toUpperCase()).join(', ')})` : ''
      }`,
    })),
  })}
  </div>
</fieldset>`;
}

function messageSection(view: FormView): string {
  const t = formLabels(view.language);
  const isRequired = view.form === 'contact';
  return `<fieldset class="card">
  <legend>${esc(t.sections.message)}</legend>
  ${textarea({
    view,
    name: 'message',
    label: t.fields.message,
    required: isRequired,
    optional: !isRequired,
    hint: isRequired ? undefined : t.hints.message,
    wide: true,
    max: MAX_MESSAGE,
  })}
</fieldset>`;
}

function verifySection(view: FormView): string {
  const t = formLabels(view.language);
  const error = view.errors.altcha;
  return `<div class="card verify${error ? ' has-error' : ''}" data-field="altcha">
  <altcha-widget challenge="/api/public/${esc(encodeURIComponent(view.school.slug))}/challenge" name="altcha" auto="onfocus" language="${
    t.altchaLanguage
  }" configuration='{"hideLogo":true,"hideFooter":false}'></altcha-widget>
  ${errorLine(view, 'altcha')}
</div>`;
}

function head(ctx: PageContext, title: string, withWidget: boolean): string {
  const t = formLabels(ctx.language);
  const altcha = withWidget
    ? `<link rel="stylesheet" href="${ASSETS}/altcha/altcha.css">
<script type="module" src="${ASSETS}/altcha/altcha.js"></script>${
        t.altchaLanguage === 'en'
          ? ''
          : `\n<script type="module" src="${ASSETS}/altcha/i18n/${t.altchaLanguage}.js"></script>`
      }`
    : '';
  return `<!doctype html>
<html lang="${ctx.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${esc(title)} — ${esc(ctx.school.name)}</title>
<link rel="stylesheet" href="${ASSETS}/forms.css">
${altcha}
<script type="module" src="${ASSETS}/forms.js"></script>
</head>`;
}

function header(ctx: PageContext, current: IntakeForm | null, title: string, intro: string | null): string {
  const t = formLabels(ctx.language);
  const langs = LANGUAGES.map((l) =>
    l === ctx.language
      ? `<span aria-current="true">${l.toUpperCase()}</span>`
      : `<a href="${esc(current ? formUrl(ctx, current, l) : `?lang=${l}`)}" hreflang="${l}" lang="${l}">${l.toUpperCase()}</a>`,
  ).join('');
  const tabs =
    ctx.enabledForms.length > 1
      ? `<nav class="tabs" aria-label="${esc(ctx.school.name)}">${ctx.enabledForms
          .map((f) =>
            f === current
              ? `<span class="tab current" aria-current="page">${esc(t.titles[f])}</span>`
              : `<a class="tab" href="${esc(formUrl(ctx, f))}">${esc(t.titles[f])}</a>`,
          )
          .join('')}</nav>`
      : '';
  return `<header class="top">
  <div class="brand"><span class="logo" aria-hidden="true">❄</span><span class="school">${esc(ctx.school.name)}</span>
  <nav class="langs" aria-label="Langue / Language">${langs}</nav></div>
  ${tabs}
  <h1>${esc(title)}</h1>
  ${intro ? `<p class="intro">${esc(intro)}</p>` : ''}
</header>`;
}

/** A public form: fields in the visitor's language, typed values and server errors kept. */
export function renderFormPage(view: FormView): string {
  const t = formLabels(view.language);
  const title = t.titles[view.form];
  const sections =
    view.form === 'contact'
      ? [youSection(view), messageSection(view)]
      : view.form === 'vel'
        ? [youSection(view), participantsSection(view), velLesson(view), messageSection(view)]
        : [youSection(view), participantsSection(view), customLesson(view), messageSection(view)];
  const alert = view.alert
    ? `<div class="alert" role="alert" tabindex="-1" data-alert>${esc(view.alert)}</div>`
    : '';
  return `${head(view, title, true)}
<body>
<main class="page">
${header(view, view.form, title, t.intros[view.form])}
${alert}
<form method="post" action="${esc(formUrl(view, view.form))}" novalidate data-intake-form data-sending="${esc(t.sending)}">
<input type="hidden" name="formToken" value="${esc(view.formToken)}">
<div class="hp" aria-hidden="true"><label>${esc(t.honeypot)} <input type="text" name="website" tabindex="-1" autocomplete="off" value=""></label></div>
${sections.join('\n')}
${verifySection(view)}
<div class="actions">
<button type="submit" class="primary-button">${esc(t.submit)}</button>
<p class="fine">${esc(t.requiredLegend)} ${esc(t.privacy)}</p>
</div>
</form>
</main>
</body>
</html>`;
}

/** After a submission: the number, and what happens next. */
export function renderThanksPage(ctx: PageContext, form: IntakeForm, number: string): string {
  const t = formLabels(ctx.language);
  return `${head(ctx, t.thanks.title, false)}
<body>
<main class="page">
${header(ctx, null, t.titles[form], null)}
<section class="card thanks" role="status">
<div class="tick" aria-hidden="true">✓</div>
<h2>${esc(t.thanks.title)}</h2>
<p class="number" data-request-number>${esc(t.thanks.body(number))}</p>
<p>${esc(t.thanks.next)}</p>
<p><a class="secondary-button" href="${esc(formUrl(ctx, form))}">${esc(t.thanks.again)}</a></p>
</section>
</main>
</body>
</html>`;
}

/**
 * A public page outside the forms, in their look: the school's header, the language links
 * (`?lang=` on the same address), the title, then `content` (already escaped HTML).
 */
export function renderPublicPage(ctx: PageContext, title: string, content: string): string {
  return `${head(ctx, title, false)}
<body>
<main class="page">
${header(ctx, null, title, null)}
${content}
</main>
</body>
</html>`;
}

/** A closed form or an unknown school: a short page in the visitor's language. */
export function renderNoticePage(ctx: PageContext, notice: { title: string; body: string }): string {
  return renderPublicPage(
    ctx,
    notice.title,
    `<section class="card notice"><p>${esc(notice.body)}</p></section>`,
  );
}
