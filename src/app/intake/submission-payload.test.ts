import { describe, expect, it } from 'vitest';
import { contactBody, customBody, velBody } from '../../../test/support/intake-client.js';
import { type FormPayload, readFormPayload } from '../../shared/form-payload.js';
import { parseIntake } from './intake.schemas.js';
import { submissionPayload } from './submission-payload.js';

/** As stored in `messages.payload_json`, then read by the staff app. */
function readBack(payload: FormPayload) {
  return readFormPayload(JSON.parse(JSON.stringify(payload)));
}

describe('the payload the intake writes', () => {
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
});
