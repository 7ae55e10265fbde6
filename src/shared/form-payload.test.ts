import { describe, expect, it } from 'vitest';
import { Rng } from '../../bench/random.js';
import { seedFormPayload } from '../../bench/seed-payload.js';
import { contactBody, customBody, customer, velBody } from '../../test/support/intake-client.js';
import { parseIntake } from '../app/intake/intake.schemas.js';
import { submissionPayload } from '../app/intake/submission-payload.js';
import { type FormPayload, readFormPayload } from './form-payload.js';
import { DURATIONS, KNOWN_PRODUCT_KINDS, PRACTICES } from './vocabulary.js';

/** As stored in `messages.payload_json`, then read by the staff app. */
function readBack(payload: FormPayload) {
  return readFormPayload(JSON.parse(JSON.stringify(payload)));
}

const participants = [
  { firstName: 'Léo', birthDate: '2018-03-14', level: 'beginner' },
  { firstName: 'Inès', birthDate: '2020-07-02', level: 'first_time' },
];

describe('the form payload contract', () => {
  it('reads back a VEL submission as the intake wrote it, with and without its optional fields', () => {
    const full = parseIntake(velBody(), 'fr');
    const bare = parseIntake(
      velBody({
        customer: { firstName: 'Oliver', lastName: 'Hughes', email: 'oliver@example.co.uk' },
        productType: 'club_enfants',
        dates: { from: '2027-02-08' },
        message: undefined,
      }),
      'en',
    );
    for (const [input, language] of [
      [full, 'fr'],
      [bare, 'en'],
    ] as const) {
      const payload = submissionPayload(input, language, null);
      expect(readBack(payload)).toEqual(payload);
    }
    expect(readBack(submissionPayload(bare, 'en', null))).toMatchObject({
      productType: 'club_enfants',
      dates: { from: '2027-02-08', to: null },
      customer: { phone: null },
      message: '',
    });
  });

  it('reads back a contact submission as the intake wrote it', () => {
    const payload = submissionPayload(parseIntake(contactBody(), 'fr'), 'fr', null);
    expect(readBack(payload)).toEqual(payload);
  });

  it('reads back a custom-lesson submission as the intake wrote it, with or without an instructor', () => {
    const input = parseIntake(customBody({ slots: ['afternoon', 'morning'], instructorId: 'ins_1' }), 'it');
    const instructor = { id: 'ins_1', firstName: 'Margaux', lastName: 'Blanc', languages: ['fr', 'it'] };
    for (const chosen of [instructor, null]) {
      const payload = submissionPayload(input, 'it', chosen);
      expect(readBack(payload)).toEqual(payload);
    }
    expect(readBack(submissionPayload(input, 'it', instructor))).toMatchObject({
      slots: ['morning', 'afternoon'],
      sessions: 3,
      instructor: { id: 'ins_1', name: 'Margaux Blanc' },
    });
  });

  it('reads back the bench seed’s payloads with the product kind and the duration the staff app shows', () => {
    const rng = new Rng(8);
    const author = { ...customer(), phone: null, language: 'de' };
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
