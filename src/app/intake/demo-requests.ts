import { dayIn } from '../../domain/time-zone.js';
import type { AppDeps } from '../deps.js';
import { parseIntake } from './intake.schemas.js';
import { findIntakeSchool, offeredInstructors } from './intake-school.js';
import { recordIntake } from './record-intake.js';

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Fills the demo school's inbox through the real intake use case: VEL, contact and custom-lesson
 * submissions, with their acknowledgements and staff notifications, dated from today.
 */
export async function seedDemoRequests(deps: AppDeps, slug: string): Promise<string[]> {
  const school = await findIntakeSchool(deps.db.kysely, slug);
  if (!school) return [];
  const today = dayIn(deps.clock.now(), school.timeZone);
  const [firstInstructor] = await offeredInstructors(deps.db.kysely, school);
  const submissions: unknown[] = [
    {
      form: 'vel',
      customer: {
        firstName: 'Camille',
        lastName: 'Rousseau',
        email: 'camille.rousseau@example.fr',
        phone: '06 12 34 56 78',
      },
      participants: [
        { firstName: 'Léo', birthDate: '2018-03-14', level: 'beginner' },
        { firstName: 'Inès', birthDate: '2020-07-02', level: 'first_time' },
      ],
      productType: 'cours_collectif',
      practice: 'ski_alpin',
      dates: { from: addDays(today, 28), to: addDays(today, 33) },
      message:
        'Bonjour, nous cherchons des cours collectifs le matin pour nos deux enfants pendant les vacances.',
    },
    {
      form: 'vel',
      language: 'en',
      customer: { firstName: 'Oliver', lastName: 'Hughes', email: 'oliver.hughes@example.co.uk' },
      participants: [{ firstName: 'Oliver', birthDate: '1986-11-05', level: 'intermediate' }],
      productType: 'cours_particulier',
      practice: 'snowboard',
      dates: { from: addDays(today, 45), to: addDays(today, 47) },
    },
    {
      form: 'vel',
      customer: { firstName: 'Hugo', lastName: 'Bernard', email: 'hugo.bernard@example.fr' },
      participants: [{ firstName: 'Jade', birthDate: '2020-01-20', level: 'first_time' }],
      productType: 'club_enfants',
      practice: 'ski_alpin',
      dates: { from: addDays(today, 12) },
      message: 'Reste-t-il de la place au club Piou-Piou la première semaine ?',
    },
    {
      form: 'contact',
      customer: {
        firstName: 'Nathalie',
        lastName: 'Garnier',
        email: 'n.garnier@example.fr',
        phone: '+33 4 79 00 00 00',
      },
      message:
        'Bonjour, je suis responsable du comité d’entreprise de la société Alpes Énergie. Proposez-vous des tarifs de groupe pour une vingtaine de personnes en février ?',
    },
    {
      form: 'contact',
      language: 'de',
      customer: { firstName: 'Katrin', lastName: 'Vogel', email: 'katrin.vogel@example.de' },
      message: 'Guten Tag, gibt es Skilehrer, die Deutsch sprechen? Wir kommen mit drei Kindern.',
    },
    {
      form: 'custom',
      customer: {
        firstName: 'Élodie',
        lastName: 'Marchand',
        email: 'elodie.marchand@example.fr',
        phone: '07 98 76 54 32',
      },
      participants: [
        { firstName: 'Élodie', birthDate: '1990-05-09', level: 'advanced' },
        { firstName: 'Marc', birthDate: '1988-02-17', level: 'advanced' },
      ],
      practice: 'ski_de_randonnee',
      dates: { from: addDays(today, 20), to: addDays(today, 22) },
      slots: ['morning'],
      duration: 'half_day',
      sessions: 3,
      instructorId: firstInstructor?.id,
      lessonLanguage: 'fr',
      message: 'Nous aimerions découvrir le ski de randonnée hors des pistes balisées.',
    },
    {
      form: 'custom',
      language: 'it',
      customer: { firstName: 'Giulia', lastName: 'Conti', email: 'giulia.conti@example.it' },
      participants: [{ firstName: 'Matteo', birthDate: '2015-09-30', level: 'intermediate' }],
      practice: 'ski_alpin',
      dates: { from: addDays(today, 35), to: addDays(today, 39) },
      slots: ['afternoon'],
      duration: '2h',
      sessions: 5,
      lessonLanguage: 'it',
    },
  ];
  const numbers: string[] = [];
  for (const raw of submissions) {
    const language = ((raw as { language?: 'en' | 'de' | 'it' }).language ?? 'fr') as
      | 'fr'
      | 'en'
      | 'de'
      | 'it';
    const input = parseIntake(raw, language);
    const { number } = await recordIntake(deps, school, input, { language });
    numbers.push(number);
  }
  return numbers;
}
