import { shortDayAndTime } from './time-zone.js';
/**
 * Concurrent edits by several secretaries. Every edit names the version its screen started from;
 * each changed field leaves a "change mark" (who, when, at which version, from which file) on the
 * row it changed, so a stale edit can be told exactly who changed what in the meantime.
 */

/** The fields of a file (request) a secretary edits from the dossier page. */
export const FILE_FIELDS = ['category', 'language'] as const;
export type FileField = (typeof FILE_FIELDS)[number];

/** The fields of a customer, shared by every file of theirs: contact details and the "Commentaire client". */
export const CUSTOMER_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'note'] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

export type EditedField = FileField | CustomerField;

export interface ChangeMark {
  /** The version of the row this change produced. */
  version: number;
  byName: string;
  /** UTC ISO instant. */
  at: string;
  /** The file the change was made from (a customer is edited from any of their files). */
  fileNumber: string | null;
}

/** The latest change of each field, as stored with the row. */
export type ChangeMarks = Partial<Record<EditedField, ChangeMark>>;

export interface FieldChange {
  field: EditedField;
  mark: ChangeMark;
}

/** The fields among `fields` that someone changed after `version`, newest first. */
export function changedSince(
  marks: ChangeMarks,
  version: number,
  fields: readonly EditedField[],
): FieldChange[] {
  const found: FieldChange[] = [];
  for (const field of fields) {
    const mark = marks[field];
    if (mark && mark.version > version) found.push({ field, mark });
  }
  return found.sort((a, b) => b.mark.version - a.mark.version);
}

/** The marks after a change of `fields` that produced `mark.version`. */
export function withChangeMarks(
  marks: ChangeMarks,
  fields: readonly EditedField[],
  mark: ChangeMark,
): ChangeMarks {
  const next: ChangeMarks = { ...marks };
  for (const field of fields) next[field] = mark;
  return next;
}

export type ConflictLanguage = 'fr' | 'en';

const FIELD_NAMES: Record<ConflictLanguage, Record<EditedField, string>> = {
  fr: {
    category: 'catégorie',
    language: 'langue du client',
    firstName: 'prénom',
    lastName: 'nom',
    email: 'e-mail',
    phone: 'téléphone',
    note: 'commentaire client',
  },
  en: {
    category: 'category',
    language: 'customer’s language',
    firstName: 'first name',
    lastName: 'last name',
    email: 'e-mail',
    phone: 'phone',
    note: 'customer comment',
  },
};

function when(iso: string, timeZone: string, language: ConflictLanguage): string {
  const { day, time } = shortDayAndTime(iso, timeZone);
  return language === 'fr' ? `${day} à ${time}` : `${day} at ${time}`;
}

export interface ConflictFacts {
  /** A file's own fields, or the customer's (shared by all their files). */
  subject: 'file' | 'customer';
  /** The file the refused edit was made from. */
  fileNumber: string;
  /** What changed since the editor's version; may be empty when the change left no mark. */
  changes: readonly FieldChange[];
  /** Who changed the row last, for changes that left no mark. */
  lastChange: { byName: string | null; at: string };
  timeZone: string;
}

/**
 * The CONFLICT message of a stale edit, in the reader's language: one sentence per colleague,
 * naming the fields they changed, when, and from which other file if it was not this one.
 */
export function conflictMessage(facts: ConflictFacts, language: ConflictLanguage): string {
  const fr = language === 'fr';
  const people = new Map<string, FieldChange[]>();
  for (const change of facts.changes) {
    const list = people.get(change.mark.byName) ?? [];
    list.push(change);
    people.set(change.mark.byName, list);
  }
  if (people.size === 0) {
    const who = facts.lastChange.byName ?? (fr ? 'Quelqu’un' : 'Someone');
    const at = when(facts.lastChange.at, facts.timeZone, language);
    if (facts.subject === 'file')
      return fr
        ? `${who} a modifié le dossier ${facts.fileNumber} entre-temps (${at}).`
        : `${who} changed file ${facts.fileNumber} in the meantime (${at}).`;
    return fr
      ? `${who} a modifié la fiche du client entre-temps (${at}).`
      : `${who} changed the customer’s details in the meantime (${at}).`;
  }
  const sentences: string[] = [];
  for (const [who, changes] of people) {
    const latest = changes[0]!.mark;
    const fields = changes.map((c) => FIELD_NAMES[language][c.field]).join(', ');
    const elsewhere = [
      ...new Set(changes.map((c) => c.mark.fileNumber).filter((n) => n && n !== facts.fileNumber)),
    ];
    const at = when(latest.at, facts.timeZone, language);
    const place =
      elsewhere.length === 0
        ? ''
        : fr
          ? `, dossier ${elsewhere.join(', ')}`
          : `, on file ${elsewhere.join(', ')}`;
    if (facts.subject === 'file')
      sentences.push(
        fr
          ? `${who} a modifié le dossier ${facts.fileNumber} entre-temps (${at}) : ${fields}.`
          : `${who} changed file ${facts.fileNumber} in the meantime (${at}): ${fields}.`,
      );
    else
      sentences.push(
        fr
          ? `${who} a modifié la fiche du client entre-temps (${at}${place}) : ${fields}.`
          : `${who} changed the customer’s details in the meantime (${at}${place}): ${fields}.`,
      );
  }
  return sentences.join(' ');
}
