import { formatCalendarDate } from '../../domain/time-zone.js';
import { DURATION_LABELS_FR, PRACTICE_LABELS_FR, productKindLabelFr } from '../intake/intake.vocabulary.js';
import type { KeyedText } from './keyed-text.schemas.js';

const practiceFr = (key: string) => PRACTICE_LABELS_FR[key as keyof typeof PRACTICE_LABELS_FR] ?? key;
const durationFr = (key: string) => DURATION_LABELS_FR[key as keyof typeof DURATION_LABELS_FR] ?? key;

/**
 * A keyed text in French words, for the search index only: it holds what secretaries type
 * ("cours collectif ski alpin"), while screens render the key in each reader's language.
 */
export function searchWordsOf(text: KeyedText): string {
  switch (text.key) {
    case 'message.created_from_sale':
      return 'Dossier créé depuis la vente';
    case 'message.vel_summary': {
      const p = text.params;
      const dates = p.to
        ? `du ${formatCalendarDate(p.from)} au ${formatCalendarDate(p.to)}`
        : `à partir du ${formatCalendarDate(p.from)}`;
      const people = `${p.participants} participant${p.participants > 1 ? 's' : ''}`;
      return `${productKindLabelFr(p.productType)} · ${practiceFr(p.practice)} · ${people} · ${dates}`;
    }
    case 'line.custom_lesson': {
      const p = text.params;
      const sessions = p.sessions > 1 ? `${p.sessions} × ` : '';
      return `Cours sur mesure — ${practiceFr(p.practice)} — ${sessions}${durationFr(p.duration)}`;
    }
    default: {
      const never: never = text;
      return never;
    }
  }
}
