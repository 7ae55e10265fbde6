// Public forms, progressive enhancement: the pages work as plain HTML forms; this script adds
// participant rows, registers the ALTCHA proof-of-work worker (the CSP allows workers from our
// own origin only) and holds a submission until the proof of work is done.

const ALTCHA_WORKER = '/f/assets/altcha/pbkdf2.js';

if (globalThis.$altcha) {
  globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', () => new Worker(ALTCHA_WORKER));
}

function renumber(section) {
  const list = section.querySelector('[data-participant-list]');
  const rows = [...list.querySelectorAll('[data-participant]')];
  const template = section.dataset.titleTemplate || '{n}';
  rows.forEach((row, index) => {
    const swap = (value) => value.replace(/participants([.-])\d+([.-])/g, `participants$1${index}$2`);
    row.querySelector('[data-participant-title]').textContent = template.replace('{n}', String(index + 1));
    for (const el of row.querySelectorAll('[name]')) el.name = swap(el.name);
    for (const el of row.querySelectorAll('[id]')) el.id = swap(el.id);
    for (const el of row.querySelectorAll('label[for]')) el.htmlFor = swap(el.htmlFor);
    for (const el of row.querySelectorAll('[aria-describedby]')) {
      el.setAttribute('aria-describedby', swap(el.getAttribute('aria-describedby')));
    }
    for (const el of row.querySelectorAll('[data-field]')) el.dataset.field = swap(el.dataset.field);
    row.querySelector('[data-remove-participant]').hidden = rows.length === 1;
  });
  section.querySelector('[data-add-participant]').hidden = rows.length >= Number(section.dataset.max || 12);
}

for (const section of document.querySelectorAll('[data-participants]')) {
  const list = section.querySelector('[data-participant-list]');
  section.querySelector('[data-add-participant]').addEventListener('click', () => {
    const clone = list.querySelector('[data-participant]').cloneNode(true);
    for (const el of clone.querySelectorAll('input, select')) {
      el.value = '';
      el.removeAttribute('aria-invalid');
    }
    for (const el of clone.querySelectorAll('.error')) el.remove();
    for (const el of clone.querySelectorAll('.has-error')) el.classList.remove('has-error');
    list.appendChild(clone);
    renumber(section);
    clone.querySelector('input')?.focus();
  });
  list.addEventListener('click', (event) => {
    const button = event.target.closest('[data-remove-participant]');
    if (!button) return;
    button.closest('[data-participant]').remove();
    renumber(section);
  });
  renumber(section);
}

// The message counter: counts as the server does (a line break is one character), turns red
// past the limit and says so once to screen readers, each time the limit is crossed.
for (const counter of document.querySelectorAll('[data-counter]')) {
  const field = counter.closest('.field');
  const area = field.querySelector('textarea');
  const status = field.querySelector('[data-counter-status]');
  const max = Number(counter.dataset.max);
  const number = new Intl.NumberFormat(document.documentElement.lang || undefined);
  let wasOver = area.value.length > max;
  const update = () => {
    const length = area.value.length;
    const isOver = length > max;
    const template = isOver ? counter.dataset.over : counter.dataset.count;
    counter.textContent = template
      .replace('{n}', number.format(length))
      .replace('{max}', number.format(max))
      .replace('{over}', number.format(length - max));
    counter.classList.toggle('is-over', isOver);
    if (isOver !== wasOver && status) status.textContent = isOver ? counter.textContent : '';
    wasOver = isOver;
  };
  area.addEventListener('input', update);
  update();
}

const form = document.querySelector('[data-intake-form]');
if (form) {
  const widget = form.querySelector('altcha-widget');
  const button = form.querySelector('button[type="submit"]');
  const label = button.textContent;
  let isSending = false;

  const busy = (on) => {
    button.disabled = on;
    button.textContent = on ? form.dataset.sending : label;
  };

  form.addEventListener('submit', (event) => {
    if (isSending) {
      event.preventDefault();
      return;
    }
    const state = typeof widget?.getState === 'function' ? widget.getState() : 'verified';
    if (state !== 'verified') {
      // Not verified yet: run (or wait for) the proof of work, then submit.
      event.preventDefault();
      busy(true);
      const resume = () => {
        widget.removeEventListener('statechange', onState);
        busy(false);
        form.requestSubmit();
      };
      const onState = (e) => {
        const next = e.detail?.state;
        if (next === 'verified') resume();
        else if (next === 'error' || next === 'expired') {
          widget.removeEventListener('statechange', onState);
          busy(false);
        }
      };
      widget.addEventListener('statechange', onState);
      if (state !== 'verifying') widget.verify();
      return;
    }
    isSending = true;
    busy(true);
  });

  window.addEventListener('pageshow', () => {
    isSending = false;
    busy(false);
  });

  form.ownerDocument.querySelector('[data-alert]')?.focus();
}
