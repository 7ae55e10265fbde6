/**
 * The activity journal as sentences people read ("Marie Dupont a changé la catégorie en
 * « Groupes »"). Entries are stored as action codes + details; this turns them into words.
 */
import { deName } from './french-elision.js';

export type JournalLanguage = 'fr' | 'en';

export interface JournalFacts {
  actorName: string;
  action: string;
  details: Record<string, unknown>;
}

const LANGUAGE_NAMES: Record<JournalLanguage, Record<string, string>> = {
  fr: { fr: 'français', en: 'anglais', de: 'allemand', it: 'italien', es: 'espagnol', nl: 'néerlandais' },
  en: { fr: 'French', en: 'English', de: 'German', it: 'Italian', es: 'Spanish', nl: 'Dutch' },
};

const SOURCES: Record<JournalLanguage, Record<string, string>> = {
  fr: {
    vel: 'le formulaire VEL',
    contact: 'le formulaire de contact',
    custom: 'le formulaire sur mesure',
    email: 'un e-mail',
  },
  en: {
    vel: 'the online-sale form',
    contact: 'the contact form',
    custom: 'the custom-lesson form',
    email: 'an e-mail',
  },
};

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function journalSentence(entry: JournalFacts, language: JournalLanguage = 'fr'): string {
  const who = entry.actorName;
  const d = entry.details;
  const fr = language === 'fr';
  switch (entry.action) {
    case 'request.created':
      // Staff note down a request the customer made by phone or at the desk.
      if (d.source === 'staff')
        return fr
          ? `${who} a noté la demande ${str(d.number)} (téléphone / guichet)`
          : `${who} noted request ${str(d.number)} (phone / desk)`;
      return fr
        ? `${who} a créé la demande ${str(d.number)} depuis ${SOURCES.fr[str(d.source)] ?? str(d.source)}`
        : `${who} created request ${str(d.number)} from ${SOURCES.en[str(d.source)] ?? str(d.source)}`;
    case 'request.category_changed':
      return d.category
        ? fr
          ? `${who} a changé la catégorie en « ${str(d.category)} »`
          : `${who} changed the category to “${str(d.category)}”`
        : fr
          ? `${who} a retiré la catégorie`
          : `${who} removed the category`;
    case 'request.language_changed': {
      const name = LANGUAGE_NAMES[language][str(d.language)] ?? str(d.language);
      return fr
        ? `${who} a changé la langue du client en ${name}`
        : `${who} changed the customer’s language to ${name}`;
    }
    case 'request.comment_changed':
      return fr ? `${who} a modifié le commentaire client` : `${who} edited the customer comment`;
    case 'request.customer_changed':
      return fr
        ? `${who} a modifié les coordonnées du client`
        : `${who} edited the customer’s contact details`;
    case 'message.sent':
      return fr ? `${who} a répondu au client` : `${who} replied to the customer`;
    case 'message.received':
      return fr ? `${who} a envoyé un message` : `${who} sent a message`;
    case 'staff.logged_in':
      return fr ? `${who} s’est connecté(e)` : `${who} logged in`;
    case 'staff.created':
      return fr
        ? `${who} a créé le compte ${deName(str(d.name))}`
        : `${who} created ${str(d.name)}’s account`;
    case 'staff.updated':
      return fr
        ? `${who} a modifié le compte ${deName(str(d.name))}`
        : `${who} edited ${str(d.name)}’s account`;
    case 'school.created':
      return fr ? `${who} a créé l’école ${str(d.name)}` : `${who} created the school ${str(d.name)}`;
    default:
      return fr ? `${who} : ${entry.action}` : `${who}: ${entry.action}`;
  }
}
