import { z } from 'zod';
import {
  type ChangeMarks,
  CUSTOMER_FIELDS,
  type EditedField,
  FILE_FIELDS,
} from '../../domain/edit-conflicts.js';

const ChangeMarkSchema = z.object({
  version: z.number().int(),
  byName: z.string(),
  at: z.string(),
  fileNumber: z.string().nullable(),
});

const FIELDS: readonly string[] = [...FILE_FIELDS, ...CUSTOMER_FIELDS];

/**
 * The `change_marks_json` of a row, read defensively: an unreadable mark is dropped (the version
 * guard then names the row's last editor instead of the field), never a reason to fail the edit.
 */
export function readChangeMarks(json: string): ChangeMarks {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const marks: ChangeMarks = {};
  for (const [field, value] of Object.entries(raw)) {
    const parsed = ChangeMarkSchema.safeParse(value);
    if (FIELDS.includes(field) && parsed.success) marks[field as EditedField] = parsed.data;
  }
  return marks;
}

export function writeChangeMarks(marks: ChangeMarks): string {
  return JSON.stringify(marks);
}
