import type { FormPayload } from '../../shared/form-payload.js';
import { type KeyedText, keyedColumns } from '../requests/keyed-text.schemas.js';
import type { NewLine } from '../requests/open-request.js';
import type { Language } from './intake.i18n.js';
import type { CustomInput, IntakeInput, VelInput } from './intake.schemas.js';
import type { OfferedInstructor } from './intake-school.js';

/**
 * What was submitted, structured per form type (the shared `FormPayload` contract): stored with
 * the first message, the staff app renders it in the conversation.
 */
export function submissionPayload(
  input: IntakeInput,
  language: Language,
  instructor: OfferedInstructor | null,
): FormPayload {
  const customer = {
    firstName: input.customer.firstName,
    lastName: input.customer.lastName,
    email: input.customer.email,
    phone: input.customer.phone ?? null,
  };
  switch (input.form) {
    case 'contact':
      return { form: 'contact', language, customer, message: input.message ?? '' };
    case 'vel':
      return {
        form: 'vel',
        language,
        customer,
        participants: input.participants,
        productType: input.productType,
        practice: input.practice,
        dates: { from: input.dates.from, to: input.dates.to ?? null },
        message: input.message ?? '',
      };
    case 'custom':
      return {
        form: 'custom',
        language,
        customer,
        ...customLessonDetails(input, instructor),
        message: input.message ?? '',
      };
    default: {
      const never: never = input;
      return never;
    }
  }
}

/** The customer's words, or for a VEL form without a message, a summary for staff lists. */
export function firstMessageBody(input: Exclude<IntakeInput, CustomInput>): string | KeyedText {
  if (input.message) return input.message;
  const vel = input as VelInput;
  return {
    key: 'message.vel_summary',
    params: {
      productType: vel.productType,
      practice: vel.practice,
      participants: vel.participants.length,
      from: vel.dates.from,
      to: vel.dates.to ?? null,
    },
  };
}

/** The lesson a custom-lesson form asks for: a line to be priced by staff, its label generated. */
export function customLessonLine(input: CustomInput, instructor: OfferedInstructor | null): NewLine {
  const { key, paramsJson } = keyedColumns({
    key: 'line.custom_lesson',
    params: { practice: input.practice, duration: input.duration, sessions: input.sessions },
  });
  return {
    kind: 'custom',
    product_id: null,
    label: '',
    label_key: key,
    label_params_json: paramsJson,
    quantity: 1,
    unit_price_cents: 0,
    total_cents: 0,
    vat_rate_bp: 1000,
    is_online_sale: 0,
    is_optional: 0,
    is_active: 1,
    details_json: JSON.stringify(customLessonDetails(input, instructor)),
    pos_imported_at: null,
    session_id: null,
    instructor_id: instructor?.id ?? null,
    participant_count: input.participants.length,
  };
}

function customLessonDetails(input: CustomInput, instructor: OfferedInstructor | null) {
  return {
    participants: input.participants,
    practice: input.practice,
    dates: { from: input.dates.from, to: input.dates.to ?? null },
    slots: input.slots,
    duration: input.duration,
    sessions: input.sessions,
    instructor: instructor
      ? { id: instructor.id, name: `${instructor.firstName} ${instructor.lastName}` }
      : null,
    lessonLanguage: input.lessonLanguage,
  };
}
