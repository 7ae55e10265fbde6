import type { Rng } from './random.js';

/** Word lists for the generated dataset: French first, accents included, so search has work to do. */

export const FIRST_NAMES = [
  'Héloïse',
  'Éloïse',
  'Gaëlle',
  'Anaïs',
  'Zoé',
  'Noël',
  'François',
  'Jérôme',
  'Cécile',
  'Benoît',
  'Amélie',
  'Clémence',
  'Thérèse',
  'Raphaël',
  'Loïc',
  'Mathéo',
  'Léa',
  'Chloé',
  'Inès',
  'Maëlys',
  'Camille',
  'Louis',
  'Jules',
  'Hugo',
  'Manon',
  'Emma',
  'Lucas',
  'Nathan',
  'Sarah',
  'Paul',
  'Julien',
  'Sophie',
  'Nicolas',
  'Claire',
  'Antoine',
  'Marion',
  'Thomas',
  'Pauline',
  'Maxime',
  'Laura',
  'Oliver',
  'Charlotte',
  'James',
  'Emily',
  'Lukas',
  'Hannah',
  'Jonas',
  'Giulia',
  'Matteo',
  'Lucía',
  'Sofía',
  'Daan',
  'Sanne',
  'Björn',
  'Zoë',
] as const;

export const LAST_NAMES = [
  'Dupont',
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Lefebvre',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
  'Roussel',
  'Mathieu',
  'Gautier',
  'Masson',
  'Marchand',
  'Duval',
  'Denis',
  'Dumont',
  'Marie',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Meunier',
  'Brun',
  'Blanchard',
  'Giraud',
  'Joly',
  'Rivière',
  'Lucas',
  'Brunet',
  'Gaillard',
  'Barbier',
  'Arnaud',
  'Martínez',
  'Gérard',
  'Roche',
  'Renard',
  'Schmitt',
  'Roy',
  'Leroux',
  'Colin',
  'Vidal',
  'Caron',
  'Picard',
  'Roger',
  'Fabre',
  'Aubert',
  'Lemoine',
  'Renaud',
  'Dumas',
  'Lacroix',
  'Olivier',
  'Philippe',
  'Bourgeois',
  'Pierre',
  'Benoît',
  'Rey',
  'Léger',
  'Bréchet',
  'Smith',
  'Johnson',
  'Müller',
  'Schneider',
  'Rossi',
  'Bianchi',
  'Fernández',
  'de Vries',
  'Jansen',
  "O'Brien",
] as const;

export const EMAIL_DOMAINS = [
  'gmail.com',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'yahoo.fr',
  'outlook.com',
  'sfr.fr',
  'web.de',
  'example.org',
] as const;

export const LANGUAGE_WEIGHTS = { fr: 60, en: 20, de: 7, it: 5, es: 4, nl: 4 } as const;

export const PRACTICES = ['ski alpin', 'snowboard', 'télémark', 'ski de fond', 'freestyle'] as const;
export const LEVELS = [
  'débutant',
  'Piou-Piou',
  'Ourson',
  'Flocon',
  '1re Étoile',
  '2e Étoile',
  '3e Étoile',
  'Étoile de Bronze',
  'Étoile d’Or',
  'confirmé',
] as const;

/** Every bench school gets the demo school's catalogue, categories and instructors. */
export {
  DEMO_CATALOGUE as CATALOGUE,
  DEMO_CATEGORIES as CATEGORIES,
  DEMO_INSTRUCTORS as INSTRUCTORS,
} from '../src/app/schools/seed-demo.js';

const OPENINGS = ['Bonjour,', 'Bonjour Madame, Monsieur,', 'Bonsoir,', 'Hello,', 'Bonjour à toute l’équipe,'];
const ASKS = [
  'nous souhaitons inscrire nos {n} enfants au cours collectif {level} pendant les vacances de Noël',
  'je voudrais réserver un cours particulier de {practice} pour {n} personnes, niveau {level}',
  'est-il encore possible d’avoir un moniteur qui parle anglais pour la semaine du {date} ?',
  'mon fils a obtenu sa {level} l’an dernier : dans quel groupe doit-il aller cette saison ?',
  'pouvez-vous me confirmer l’heure de rendez-vous au front de neige pour le cours de {practice} ?',
  'nous sommes un groupe de {n} adultes débutants et cherchons des cours de {practice} en matinée',
  'ma fille fait du snowboard depuis deux ans, avez-vous un stage freestyle pendant les vacances de février ?',
  'je n’ai pas reçu la confirmation de paiement de l’acompte, pouvez-vous vérifier ?',
  'peut-on déplacer le cours particulier du {date} à l’après-midi ? Merci d’avance',
  'le club enfants accepte-t-il les enfants de 3 ans ? Faut-il prévoir le repas ?',
  'nous arrivons le {date} et repartons une semaine plus tard, quelles sont vos disponibilités ?',
  'l’assurance Carré Neige est-elle obligatoire pour les cours collectifs ?',
];
const CLOSINGS = [
  'Merci beaucoup !',
  'Cordialement,',
  'Bien à vous,',
  'Bonne journée,',
  'Merci d’avance 🙂',
  'À bientôt sur les pistes ⛷️',
];
const STAFF_REPLIES = [
  'Bonjour, merci pour votre message. Il reste des places dans le groupe {level} : je vous envoie le devis.',
  'Bonjour, c’est noté : le rendez-vous est à 9 h 00 au pied du télésiège, devant le chalet de l’école.',
  'Bonjour, nous avons bien reçu votre acompte, merci ! Le solde sera à régler avant le premier cours.',
  'Bonjour, un moniteur anglophone est disponible du {date} au matin, souhaitez-vous que je le réserve ?',
  'Bonjour, oui le club enfants accueille les enfants dès 3 ans, repas compris. À bientôt !',
  'Bonjour, je vous propose le cours de {practice} à 13 h 30 à la place, cela vous convient-il ?',
];
const CUSTOMER_FOLLOW_UPS = [
  'Parfait, merci pour votre réponse rapide !',
  'Très bien, nous prenons le créneau de l’après-midi.',
  'Merci, j’ai réglé l’acompte en ligne ce matin.',
  'Est-ce que le casque est fourni ou faut-il l’apporter ?',
  'Super, les enfants sont ravis. À samedi !',
  'Pouvez-vous ajouter un troisième enfant au même groupe ?',
];

function fill(template: string, rng: Rng, dateLabel: string): string {
  return template
    .replaceAll('{n}', String(rng.int(2, 5)))
    .replaceAll('{level}', rng.pick(LEVELS))
    .replaceAll('{practice}', rng.pick(PRACTICES))
    .replaceAll('{date}', dateLabel);
}

export function customerMessage(rng: Rng, firstName: string, dateLabel: string): string {
  const ask = capitalize(fill(rng.pick(ASKS), rng, dateLabel));
  const end = /[?!]$/.test(ask) ? '' : '.';
  return `${rng.pick(OPENINGS)}\n\n${ask}${end}\n\n${rng.pick(CLOSINGS)}\n${firstName}`;
}

export function staffReply(rng: Rng, dateLabel: string): string {
  return fill(rng.pick(STAFF_REPLIES), rng, dateLabel);
}

export function customerFollowUp(rng: Rng): string {
  return rng.pick(CUSTOMER_FOLLOW_UPS);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "héloïse" → "heloise": for e-mail local parts and the accent-insensitive search terms. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function frenchPhone(rng: Rng): string {
  const pair = () => String(rng.int(0, 99)).padStart(2, '0');
  return `+33 6 ${pair()} ${pair()} ${pair()} ${pair()}`;
}

/** "21/12" for a day in a season relative to `baseMs`. */
export function dateLabel(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
