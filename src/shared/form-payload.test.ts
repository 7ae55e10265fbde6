import { describe, expect, it } from 'vitest';
import { Rng } from '../../bench/random.js';
import { seedFormPayload } from '../../bench/seed-payload.js';
import { type FormPayload, readFormPayload } from './form-payload.js';
import { DURATIONS, KNOWN_PRODUCT_KINDS, PRACTICES } from './vocabulary.js';

/** As stored in `messages.payload_json`, then read by the staff app. */
function readBack(payload: FormPayload) {
  return readFormPayload(JSON.parse(JSON.stringify(payload)));
}

const customer = { firstName: 'Héloïse', lastName: 'Février', email: 'heloise@example.fr', phone: null };
const participants = [
  { firstName: 'Léo', birthDate: '2018-03-14', level: 'beginner' },
  { firstName: 'Inès', birthDate: '2020-07-02', level: 'first_time' },
];

/** The three forms' payloads as the intake writes them (src/app/intake/submission-payload.test.ts builds them from submissions). */
const PAYLOADS: FormPayload[] = [
  {
    form: 'vel',
    language: 'fr',
    customer,
    participants,
    productType: 'cours_collectif',
    practice: 'ski_alpin',
    dates: { from: '2027-02-08', to: null },
    message: '',
  },
  { form: 'contact', language: 'de', customer: { ...customer, phone: '+49 30 1234' }, message: 'Guten Tag' },
  {
    form: 'custom',
    language: 'it',
    customer,
    participants: participants.slice(0, 1),
    practice: 'ski_de_randonnee',
    dates: { from: '2027-01-11', to: '2027-01-13' },
    slots: ['morning', 'afternoon'],
    duration: 'half_day',
    sessions: 3,
    instructor: { id: 'ins_1', name: 'Margaux Blanc' },
    lessonLanguage: 'it',
    message: 'Hors piste, si possible.',
  },
];

describe('the form payload contract', () => {
  it('reads back each form’s payload as it was written', () => {
    for (const payload of PAYLOADS) expect(readBack(payload)).toEqual(payload);
  });

  it('reads back the bench seed’s payloads with the product kind and the duration the staff app shows', () => {
    const rng = new Rng(8);
    const author = { ...customer, language: 'de' };
    const facts = {
      author,
      participants,
      message: 'Guten Tag',
      wishedMs: Date.parse('2027-01-10T09:00:00Z'),
    };
    for (const form of ['vel', 'contact', 'custom'] as const) {
      for (let i = 0; i < 20; i++) {
        const payload = seedFormPayload(rng, form, facts);
        const read = readBack(payload);
        expect(read).toEqual(payload);
        if (read?.form === 'vel') {
          expect(KNOWN_PRODUCT_KINDS).toContain(read.productType);
          expect(PRACTICES).toContain(read.practice);
        }
        if (read?.form === 'custom') expect(DURATIONS).toContain(read.duration);
      }
    }
  });
});
