import { z } from 'zod';

/**
 * Words Schuss writes by itself (system messages, the summary of a form sent without a message,
 * the label of a custom lesson) are stored as a key with parameters, never as a sentence: each
 * reader sees them in their own language (the staff app's `generated.*` catalogue entries). The
 * shape is defined once here, for the columns that store it and for the web app that renders it,
 * and parsed with Zod whenever it is read back from the database.
 */
export const KeyedTextSchema = z.discriminatedUnion('key', [
  /** The first entry of a file opened by the custom-lesson form ("Dossier créé depuis la vente"). */
  z.object({ key: z.literal('message.created_from_sale'), params: z.object({}) }),
  /** What a VEL form asked for, when the customer wrote no message. */
  z.object({
    key: z.literal('message.vel_summary'),
    params: z.object({
      productType: z.string(),
      practice: z.string(),
      participants: z.number().int().nonnegative(),
      from: z.string(),
      to: z.string().nullable(),
    }),
  }),
  /** A custom lesson asked for on the custom-lesson form ("Cours sur mesure — Snowboard — 3 × 2 h"). */
  z.object({
    key: z.literal('line.custom_lesson'),
    params: z.object({
      practice: z.string(),
      duration: z.string(),
      sessions: z.number().int().positive(),
    }),
  }),
]);
export type KeyedText = z.infer<typeof KeyedTextSchema>;
export type TextKey = KeyedText['key'];

/**
 * One service as the lists show it: the school's own words (a catalogue product's name, which
 * is not translated) or a generated label.
 */
export const ServiceLabelSchema = z.union([z.string(), KeyedTextSchema]);
export type ServiceLabel = z.infer<typeof ServiceLabelSchema>;

/** A JSON column read back: its value, or undefined when empty or unreadable (never a throw). */
export function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A stored key and its parameters, or null when there is none — or when it cannot be read (a
 * key this version does not know): the caller then shows the stored text.
 */
export function readKeyedText(key: string | null, paramsJson: string | null): KeyedText | null {
  if (key === null) return null;
  return keyedTextCache.get(`${key}\u0000${paramsJson ?? ''}`, () => {
    const parsed = KeyedTextSchema.safeParse({ key, params: parseJson(paramsJson) ?? {} });
    return parsed.success ? parsed.data : null;
  });
}

/**
 * Parsed values of stored JSON texts, by text: a list page reads 50 services summaries and
 * previews, and most are the same few texts (a school sells a few dozen products). The values
 * are only ever read, never changed, so they can be shared.
 */
function textCache<T>(max: number) {
  const values = new Map<string, T>();
  return {
    get(text: string, parse: () => T): T {
      const known = values.get(text);
      if (known !== undefined || values.has(text)) return known as T;
      const value = parse();
      if (values.size >= max) values.clear();
      values.set(text, value);
      return value;
    },
  };
}
const keyedTextCache = textCache<KeyedText | null>(2_000);
const serviceLabelsCache = textCache<ServiceLabel[]>(2_000);

/** The JSON array kept in `requests.services_json`, item by item; unreadable items are left out. */
export function readServiceLabels(json: string): ServiceLabel[] {
  return serviceLabelsCache.get(json, () => {
    const value = parseJson(json);
    if (!Array.isArray(value)) return [];
    const labels: ServiceLabel[] = [];
    for (const item of value) {
      const parsed = ServiceLabelSchema.safeParse(item);
      if (parsed.success) labels.push(parsed.data);
    }
    return labels;
  });
}

/** The columns a keyed text is stored in: its key, and its parameters as JSON. */
export function keyedColumns(text: KeyedText | null): { key: string | null; paramsJson: string | null } {
  return text ? { key: text.key, paramsJson: JSON.stringify(text.params) } : { key: null, paramsJson: null };
}

/** An active line's label for the services summary: its generated label when it has one. */
export function serviceLabelOf(line: {
  label: string;
  labelKey: string | null;
  labelParamsJson: string | null;
}): ServiceLabel {
  return readKeyedText(line.labelKey, line.labelParamsJson) ?? line.label;
}
