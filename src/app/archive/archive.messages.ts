import type { StaffText } from '../../domain/errors.js';

/** Staff-facing texts of "Archiver" and "Archiver la saison". */
export const ARCHIVE_MESSAGES = {
  jobNotFound: { fr: 'Cet archivage n’existe pas.', en: 'This archive run does not exist.' },
  beforeDayRequired: {
    fr: 'Choisissez la date : les dossiers ouverts avant ce jour seront archivés.',
    en: 'Choose the date: files opened before that day will be archived.',
  },
  alreadyArchived: { fr: 'Ce dossier est déjà archivé.', en: 'This file is already archived.' },
} as const satisfies Record<string, StaffText>;
