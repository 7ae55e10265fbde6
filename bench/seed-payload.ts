import type { FormPayload, PayloadParticipant } from '../src/shared/form-payload.js';
import { DURATIONS, KNOWN_PRODUCT_KINDS, PRACTICES, SLOTS } from '../src/shared/vocabulary.js';
import type { Rng } from './random.js';

const DAY = 86_400_000;

/** Who wrote, as the payload records them. */
export interface PayloadAuthor {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  language: string;
}

/**
 * What a seeded request's form submitted, typed by the shared `FormPayload` contract (the one
 * the intake writes and the staff app reads): a field the reader does not know fails the type
 * check here instead of showing empty in the conversation.
 */
export function seedFormPayload(
  rng: Rng,
  form: FormPayload['form'],
  facts: { author: PayloadAuthor; participants: PayloadParticipant[]; message: string; wishedMs: number },
): FormPayload {
  const { author, participants, message, wishedMs } = facts;
  const common = {
    language: author.language,
    customer: {
      firstName: author.firstName,
      lastName: author.lastName,
      email: author.email,
      phone: author.phone,
    },
    message,
  };
  const dates = { from: isoDay(wishedMs), to: isoDay(wishedMs + rng.int(0, 6) * DAY) };
  switch (form) {
    case 'contact':
      return { form: 'contact', ...common };
    case 'vel':
      return {
        form: 'vel',
        ...common,
        participants,
        productType: rng.pick(KNOWN_PRODUCT_KINDS),
        practice: rng.pick(PRACTICES),
        dates,
      };
    case 'custom':
      return {
        form: 'custom',
        ...common,
        participants,
        practice: rng.pick(PRACTICES),
        dates,
        slots: [rng.pick(SLOTS)],
        duration: rng.pick(DURATIONS),
        sessions: rng.int(1, 6),
        instructor: null,
        lessonLanguage: author.language,
      };
    default: {
      const never: never = form;
      return never;
    }
  }
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
