import { z } from 'zod';
import { parseJson } from '../requests/keyed-text.schemas.js';

/**
 * What `lines.details_json` holds, read back with Zod: the participants (a catalogue lesson, a
 * custom lesson), the session as sold (a catalogue lesson), the schedule (a custom lesson — as the
 * form asked it, then as validated). Lenient on read: a field this version cannot read is left
 * out rather than failing the whole Devis.
 */
const StoredParticipantSchema = z.object({
  firstName: z.string().catch(''),
  birthDate: z.string().catch(''),
  level: z.string().catch(''),
});

const DURATION_HOURS: Record<string, number> = { '1h': 1, '1h30': 1.5, '2h': 2, '3h': 3 };

export const LineDetailsSchema = z.object({
  participants: z.array(StoredParticipantSchema).catch([]),
  practice: z.string().optional().catch(undefined),
  dates: z
    .object({ from: z.string(), to: z.string().nullable().catch(null) })
    .nullable()
    .optional()
    .catch(null),
  slots: z.array(z.string()).optional().catch(undefined),
  duration: z.string().optional().catch(undefined),
  hours: z.number().nullable().optional().catch(null),
  sessions: z.number().int().nullable().optional().catch(null),
  instructor: z.object({ id: z.string(), name: z.string() }).nullable().optional().catch(null),
  session: z
    .object({
      id: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      meetingPoint: z.string(),
    })
    .optional()
    .catch(undefined),
});
export type LineDetails = z.infer<typeof LineDetailsSchema>;

export function readLineDetails(json: string): LineDetails {
  const parsed = LineDetailsSchema.safeParse(parseJson(json) ?? {});
  return parsed.success ? parsed.data : { participants: [] };
}

/** A custom lesson's schedule: as validated, else as the form asked it (its duration in hours). */
export function scheduleOf(details: LineDetails) {
  return {
    dates: details.dates ?? null,
    slots: details.slots ?? [],
    hours: details.hours ?? (details.duration ? (DURATION_HOURS[details.duration] ?? null) : null),
    sessions: details.sessions ?? null,
  };
}
