import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { DURATIONS, KNOWN_PRODUCT_KINDS, PRACTICES } from '../../shared/vocabulary';
import type { KeyedText, ServiceLabel } from '../api/requests.api';
import { formatCalendarDate } from '../format/format';
import { humanize, isOneOf } from './labels';

/**
 * The translate function as this module uses it: keys built from vocabulary values (checked by
 * `isOneOf` first) are looked up as plain strings — the typed `t` would expand every key of the
 * catalogues to check a template literal, which the compiler gives up on.
 */
type T = (key: string, options?: Record<string, unknown>) => string;

/** The app's typed `t`, seen as `T`. */
export function plainT(t: ReturnType<typeof useTranslation>['t']): T {
  return t as unknown as T;
}

function byKey(t: T, key: string): string {
  return t(key);
}

function practice(t: T, key: string): string {
  return isOneOf(PRACTICES, key) ? byKey(t, `intake.practices.${key}`) : humanize(key);
}

function duration(t: T, key: string): string {
  return isOneOf(DURATIONS, key) ? byKey(t, `generated.durations.${key}`) : humanize(key);
}

function productKind(t: T, key: string): string {
  return isOneOf(KNOWN_PRODUCT_KINDS, key) ? byKey(t, `intake.productKinds.${key}`) : humanize(key);
}

/**
 * What Schuss wrote by itself (a system message, a form summary, a custom lesson's label), in
 * the reader's language: the server stores a key and its parameters, never the sentence.
 */
export function renderKeyedText(t: T, text: KeyedText): string {
  switch (text.key) {
    case 'message.created_from_sale':
      return t('generated.createdFromSale');
    case 'message.vel_summary': {
      const p = text.params;
      const dates = p.to
        ? t('dossier.form.dateRange', { from: formatCalendarDate(p.from), to: formatCalendarDate(p.to) })
        : t('dossier.form.dateFrom', { from: formatCalendarDate(p.from) });
      return [
        productKind(t, p.productType),
        practice(t, p.practice),
        t('generated.participants', { count: p.participants }),
        dates,
      ].join(' · ');
    }
    case 'line.custom_lesson': {
      const p = text.params;
      const words = { practice: practice(t, p.practice), duration: duration(t, p.duration) };
      return p.sessions > 1
        ? t('generated.customLessonSessions', { ...words, sessions: p.sessions })
        : t('generated.customLesson', words);
    }
    default: {
      const never: never = text;
      return never;
    }
  }
}

/** A service of the lists: the school's own words as they are, a generated label in the reader's language. */
export function serviceLabelText(t: T, label: ServiceLabel): string {
  return typeof label === 'string' ? label : renderKeyedText(t, label);
}

/** The text of a message or a line: its keyed text when Schuss wrote it, else what was stored. */
export function useKeyedText() {
  const { t } = useTranslation();
  return useCallback(
    (text: KeyedText | null, stored: string): string => (text ? renderKeyedText(plainT(t), text) : stored),
    [t],
  );
}
