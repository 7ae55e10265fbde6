import type { Language } from '../../app/intake/intake.i18n.js';
import type { Duration, IntakeForm, Level, Practice, Slot } from '../../shared/vocabulary.js';

/** Everything a public form page says, in one language. */
export interface FormLabels {
  titles: Record<IntakeForm, string>;
  intros: Record<IntakeForm, string>;
  sections: { you: string; participants: string; lesson: string; message: string; verify: string };
  fields: {
    firstName: string;
    lastName: string;
    email: string;
    phone: string;
    participantFirstName: string;
    birthDate: string;
    level: string;
    productType: string;
    practice: string;
    dateFrom: string;
    dateTo: string;
    slots: string;
    duration: string;
    sessions: string;
    instructor: string;
    lessonLanguage: string;
    message: string;
  };
  hints: { email: string; optional: string; sessions: string; dateTo: string; message: string };
  /** Shown in an empty field, never a value: typing replaces nothing. */
  placeholders: { sessions: string };
  /** The message's live character counter: `{n}` typed of `{max}`, `{over}` too many. */
  counter: { count: string; over: string };
  participant: (n: number) => string;
  addParticipant: string;
  removeParticipant: string;
  choose: string;
  noPreference: string;
  submit: string;
  sending: string;
  requiredLegend: string;
  privacy: string;
  honeypot: string;
  levels: Record<Level, string>;
  practices: Record<Practice, string>;
  durations: Record<Duration, string>;
  slots: Record<Slot, string>;
  languages: Record<Language, string>;
  productKinds: Record<string, string>;
  thanks: { title: string; body: (number: string) => string; next: string; again: string };
  closed: { title: string; body: string };
  notFound: { title: string; body: string };
  /** The ALTCHA widget's own catalogue (shipped with the `altcha` package). */
  altchaLanguage: string;
}

const fr: FormLabels = {
  titles: { vel: 'Réserver un cours', contact: 'Nous contacter', custom: 'Cours sur mesure' },
  intros: {
    vel: 'Dites-nous qui skie, quand et quel cours vous intéresse : nous vous proposons la formule qui convient et vous envoyons le lien pour réserver.',
    contact:
      'Une question sur nos cours, nos horaires ou nos tarifs ? Écrivez-nous, nous vous répondons rapidement.',
    custom:
      'Un cours particulier à vos dates, à votre rythme, avec le moniteur de votre choix : décrivez votre projet, nous revenons vers vous avec une proposition.',
  },
  sections: {
    you: 'Vos coordonnées',
    participants: 'Participants',
    lesson: 'Le cours souhaité',
    message: 'Votre message',
    verify: 'Vérification',
  },
  fields: {
    firstName: 'Prénom',
    lastName: 'Nom',
    email: 'E-mail',
    phone: 'Téléphone',
    participantFirstName: 'Prénom',
    birthDate: 'Date de naissance',
    level: 'Niveau',
    productType: 'Type de cours',
    practice: 'Discipline',
    dateFrom: 'Du',
    dateTo: 'Au',
    slots: 'Moments de la journée',
    duration: 'Durée d’une séance',
    sessions: 'Nombre de séances',
    instructor: 'Moniteur souhaité',
    lessonLanguage: 'Langue du cours',
    message: 'Message',
  },
  hints: {
    email: 'Nous vous répondons à cette adresse.',
    optional: 'facultatif',
    sessions: 'En général une séance par jour ; au plus une par jour et par moment de la journée choisi.',
    dateTo: 'facultatif',
    message: 'Précisions utiles : âge des enfants, expérience, contraintes…',
  },
  placeholders: { sessions: 'ex. 3' },
  counter: { count: '{n} / {max} caractères', over: '{n} / {max} caractères : {over} de trop' },
  participant: (n) => `Participant ${n}`,
  addParticipant: 'Ajouter un participant',
  removeParticipant: 'Retirer',
  choose: 'Choisir…',
  noPreference: 'Sans préférence',
  submit: 'Envoyer ma demande',
  sending: 'Envoi en cours…',
  requiredLegend: 'Les champs marqués * sont obligatoires.',
  privacy: 'Vos informations servent uniquement à traiter votre demande.',
  honeypot: 'Laissez ce champ vide',
  levels: {
    first_time: 'Débutant (n’a jamais skié)',
    beginner: 'Débutant (Piou-Piou, Ourson)',
    intermediate: 'Intermédiaire (Flocon, 1re Étoile)',
    advanced: 'Confirmé (2e, 3e Étoile)',
    expert: 'Expert (Étoile de bronze, d’or)',
  },
  practices: {
    ski_alpin: 'Ski alpin',
    snowboard: 'Snowboard',
    telemark: 'Télémark',
    ski_de_fond: 'Ski de fond',
    ski_de_randonnee: 'Ski de randonnée',
  },
  durations: {
    '1h': '1 heure',
    '1h30': '1 h 30',
    '2h': '2 heures',
    '3h': '3 heures',
    half_day: 'Demi-journée',
    full_day: 'Journée',
  },
  slots: { morning: 'Matin', midday: 'Midi', afternoon: 'Après-midi' },
  languages: {
    fr: 'Français',
    en: 'Anglais',
    de: 'Allemand',
    it: 'Italien',
    es: 'Espagnol',
    nl: 'Néerlandais',
  },
  productKinds: {
    cours_collectif: 'Cours collectif',
    cours_particulier: 'Cours particulier',
    club_enfants: 'Club enfants',
  },
  thanks: {
    title: 'Merci, c’est envoyé !',
    body: (number) => `Votre demande est enregistrée sous le n° ${number}.`,
    next: 'Un e-mail de confirmation part à l’adresse indiquée, avec le lien de votre page personnelle.',
    again: 'Faire une autre demande',
  },
  closed: { title: 'Formulaire fermé', body: 'Ce formulaire n’est pas ouvert pour le moment.' },
  notFound: { title: 'Page introuvable', body: 'Cette école ou ce formulaire n’existe pas.' },
  altchaLanguage: 'fr-fr',
};

const en: FormLabels = {
  titles: { vel: 'Book a lesson', contact: 'Contact us', custom: 'Private lesson on request' },
  intros: {
    vel: 'Tell us who skis, when, and which lesson you are interested in: we will suggest the right option and send you a link to book.',
    contact: 'A question about our lessons, times or prices? Write to us and we will answer quickly.',
    custom:
      'A private lesson on your dates, at your pace, with the instructor of your choice: describe your plans and we will come back with an offer.',
  },
  sections: {
    you: 'Your details',
    participants: 'Participants',
    lesson: 'The lesson you would like',
    message: 'Your message',
    verify: 'Verification',
  },
  fields: {
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail',
    phone: 'Phone',
    participantFirstName: 'First name',
    birthDate: 'Date of birth',
    level: 'Level',
    productType: 'Type of lesson',
    practice: 'Discipline',
    dateFrom: 'From',
    dateTo: 'To',
    slots: 'Times of day',
    duration: 'Length of a session',
    sessions: 'Number of sessions',
    instructor: 'Preferred instructor',
    lessonLanguage: 'Language of the lesson',
    message: 'Message',
  },
  hints: {
    email: 'We will answer at this address.',
    optional: 'optional',
    sessions: 'Usually one session a day; at most one a day for each time of day chosen.',
    dateTo: 'optional',
    message: 'Anything useful: children’s ages, experience, constraints…',
  },
  placeholders: { sessions: 'e.g. 3' },
  counter: { count: '{n} / {max} characters', over: '{n} / {max} characters: {over} too many' },
  participant: (n) => `Participant ${n}`,
  addParticipant: 'Add a participant',
  removeParticipant: 'Remove',
  choose: 'Choose…',
  noPreference: 'No preference',
  submit: 'Send my request',
  sending: 'Sending…',
  requiredLegend: 'Fields marked * are required.',
  privacy: 'Your details are only used to handle your request.',
  honeypot: 'Leave this field empty',
  levels: {
    first_time: 'Beginner (never skied)',
    beginner: 'Beginner (first turns)',
    intermediate: 'Intermediate (green, blue runs)',
    advanced: 'Advanced (red runs)',
    expert: 'Expert (all runs)',
  },
  practices: {
    ski_alpin: 'Alpine skiing',
    snowboard: 'Snowboard',
    telemark: 'Telemark',
    ski_de_fond: 'Cross-country skiing',
    ski_de_randonnee: 'Ski touring',
  },
  durations: {
    '1h': '1 hour',
    '1h30': '1 h 30',
    '2h': '2 hours',
    '3h': '3 hours',
    half_day: 'Half day',
    full_day: 'Full day',
  },
  slots: { morning: 'Morning', midday: 'Midday', afternoon: 'Afternoon' },
  languages: { fr: 'French', en: 'English', de: 'German', it: 'Italian', es: 'Spanish', nl: 'Dutch' },
  productKinds: {
    cours_collectif: 'Group lesson',
    cours_particulier: 'Private lesson',
    club_enfants: 'Kids’ club',
  },
  thanks: {
    title: 'Thank you, it’s sent!',
    body: (number) => `Your request is registered as no. ${number}.`,
    next: 'A confirmation e-mail is on its way to the address you gave, with the link to your personal page.',
    again: 'Make another request',
  },
  closed: { title: 'Form closed', body: 'This form is not open at the moment.' },
  notFound: { title: 'Page not found', body: 'This school or form does not exist.' },
  altchaLanguage: 'en',
};

const de: FormLabels = {
  ...en,
  titles: { vel: 'Kurs buchen', contact: 'Kontakt', custom: 'Privatstunde nach Wunsch' },
  intros: {
    vel: 'Sagen Sie uns, wer Ski fährt, wann und welcher Kurs Sie interessiert: Wir schlagen das passende Angebot vor und senden Ihnen den Buchungslink.',
    contact: 'Eine Frage zu unseren Kursen, Zeiten oder Preisen? Schreiben Sie uns, wir antworten schnell.',
    custom:
      'Eine Privatstunde zu Ihren Terminen, in Ihrem Tempo, mit dem Skilehrer Ihrer Wahl: Beschreiben Sie Ihr Vorhaben, wir melden uns mit einem Angebot.',
  },
  sections: {
    you: 'Ihre Angaben',
    participants: 'Teilnehmer',
    lesson: 'Gewünschter Kurs',
    message: 'Ihre Nachricht',
    verify: 'Überprüfung',
  },
  fields: {
    firstName: 'Vorname',
    lastName: 'Nachname',
    email: 'E-Mail',
    phone: 'Telefon',
    participantFirstName: 'Vorname',
    birthDate: 'Geburtsdatum',
    level: 'Niveau',
    productType: 'Kursart',
    practice: 'Disziplin',
    dateFrom: 'Von',
    dateTo: 'Bis',
    slots: 'Tageszeiten',
    duration: 'Dauer einer Einheit',
    sessions: 'Anzahl der Einheiten',
    instructor: 'Gewünschter Skilehrer',
    lessonLanguage: 'Unterrichtssprache',
    message: 'Nachricht',
  },
  hints: {
    email: 'Wir antworten an diese Adresse.',
    optional: 'optional',
    sessions: 'Meist eine Einheit pro Tag; höchstens eine pro Tag und gewählter Tageszeit.',
    dateTo: 'optional',
    message: 'Hilfreiche Angaben: Alter der Kinder, Erfahrung, Einschränkungen…',
  },
  placeholders: { sessions: 'z. B. 3' },
  counter: { count: '{n} / {max} Zeichen', over: '{n} / {max} Zeichen: {over} zu viel' },
  participant: (n) => `Teilnehmer ${n}`,
  addParticipant: 'Teilnehmer hinzufügen',
  removeParticipant: 'Entfernen',
  choose: 'Auswählen…',
  noPreference: 'Keine Präferenz',
  submit: 'Anfrage senden',
  sending: 'Wird gesendet…',
  requiredLegend: 'Mit * markierte Felder sind Pflichtfelder.',
  privacy: 'Ihre Angaben dienen nur der Bearbeitung Ihrer Anfrage.',
  honeypot: 'Dieses Feld leer lassen',
  levels: {
    first_time: 'Anfänger (noch nie Ski gefahren)',
    beginner: 'Anfänger (erste Schwünge)',
    intermediate: 'Fortgeschritten (grüne, blaue Pisten)',
    advanced: 'Gut (rote Pisten)',
    expert: 'Experte (alle Pisten)',
  },
  practices: {
    ski_alpin: 'Alpinski',
    snowboard: 'Snowboard',
    telemark: 'Telemark',
    ski_de_fond: 'Langlauf',
    ski_de_randonnee: 'Skitouren',
  },
  durations: {
    '1h': '1 Stunde',
    '1h30': '1,5 Stunden',
    '2h': '2 Stunden',
    '3h': '3 Stunden',
    half_day: 'Halber Tag',
    full_day: 'Ganzer Tag',
  },
  slots: { morning: 'Vormittag', midday: 'Mittag', afternoon: 'Nachmittag' },
  languages: {
    fr: 'Französisch',
    en: 'Englisch',
    de: 'Deutsch',
    it: 'Italienisch',
    es: 'Spanisch',
    nl: 'Niederländisch',
  },
  productKinds: {
    cours_collectif: 'Gruppenkurs',
    cours_particulier: 'Privatstunde',
    club_enfants: 'Kinderclub',
  },
  thanks: {
    title: 'Danke, gesendet!',
    body: (number) => `Ihre Anfrage ist unter der Nr. ${number} registriert.`,
    next: 'Eine Bestätigung mit Ihrem persönlichen Link ist an die angegebene Adresse unterwegs.',
    again: 'Weitere Anfrage stellen',
  },
  closed: { title: 'Formular geschlossen', body: 'Dieses Formular ist derzeit nicht geöffnet.' },
  notFound: { title: 'Seite nicht gefunden', body: 'Diese Skischule oder dieses Formular gibt es nicht.' },
  altchaLanguage: 'de',
};

const it: FormLabels = {
  ...en,
  titles: { vel: 'Prenota una lezione', contact: 'Contattaci', custom: 'Lezione privata su misura' },
  intros: {
    vel: 'Dicci chi scia, quando e quale corso ti interessa: ti proponiamo la formula giusta e ti inviamo il link per prenotare.',
    contact: 'Una domanda sui nostri corsi, orari o prezzi? Scrivici, ti rispondiamo presto.',
    custom:
      'Una lezione privata nelle tue date, al tuo ritmo, con il maestro che preferisci: descrivi il tuo progetto e ti faremo una proposta.',
  },
  sections: {
    you: 'I tuoi dati',
    participants: 'Partecipanti',
    lesson: 'La lezione desiderata',
    message: 'Il tuo messaggio',
    verify: 'Verifica',
  },
  fields: {
    firstName: 'Nome',
    lastName: 'Cognome',
    email: 'E-mail',
    phone: 'Telefono',
    participantFirstName: 'Nome',
    birthDate: 'Data di nascita',
    level: 'Livello',
    productType: 'Tipo di corso',
    practice: 'Disciplina',
    dateFrom: 'Dal',
    dateTo: 'Al',
    slots: 'Momenti della giornata',
    duration: 'Durata di una lezione',
    sessions: 'Numero di lezioni',
    instructor: 'Maestro preferito',
    lessonLanguage: 'Lingua della lezione',
    message: 'Messaggio',
  },
  hints: {
    email: 'Ti risponderemo a questo indirizzo.',
    optional: 'facoltativo',
    sessions: 'Di solito una lezione al giorno; al massimo una al giorno per ogni momento scelto.',
    dateTo: 'facoltativo',
    message: 'Dettagli utili: età dei bambini, esperienza, vincoli…',
  },
  placeholders: { sessions: 'es. 3' },
  counter: { count: '{n} / {max} caratteri', over: '{n} / {max} caratteri: {over} di troppo' },
  participant: (n) => `Partecipante ${n}`,
  addParticipant: 'Aggiungi un partecipante',
  removeParticipant: 'Rimuovi',
  choose: 'Scegli…',
  noPreference: 'Nessuna preferenza',
  submit: 'Invia la richiesta',
  sending: 'Invio in corso…',
  requiredLegend: 'I campi contrassegnati da * sono obbligatori.',
  privacy: 'I tuoi dati servono solo a gestire la tua richiesta.',
  honeypot: 'Lascia vuoto questo campo',
  levels: {
    first_time: 'Principiante (mai sciato)',
    beginner: 'Principiante (prime curve)',
    intermediate: 'Intermedio (piste verdi, blu)',
    advanced: 'Avanzato (piste rosse)',
    expert: 'Esperto (tutte le piste)',
  },
  practices: {
    ski_alpin: 'Sci alpino',
    snowboard: 'Snowboard',
    telemark: 'Telemark',
    ski_de_fond: 'Sci di fondo',
    ski_de_randonnee: 'Scialpinismo',
  },
  durations: {
    '1h': '1 ora',
    '1h30': '1 ora e 30',
    '2h': '2 ore',
    '3h': '3 ore',
    half_day: 'Mezza giornata',
    full_day: 'Giornata intera',
  },
  slots: { morning: 'Mattina', midday: 'Mezzogiorno', afternoon: 'Pomeriggio' },
  languages: { fr: 'Francese', en: 'Inglese', de: 'Tedesco', it: 'Italiano', es: 'Spagnolo', nl: 'Olandese' },
  productKinds: {
    cours_collectif: 'Corso collettivo',
    cours_particulier: 'Lezione privata',
    club_enfants: 'Club bambini',
  },
  thanks: {
    title: 'Grazie, inviata!',
    body: (number) => `La tua richiesta è registrata con il n. ${number}.`,
    next: 'Un’e-mail di conferma con il tuo link personale sta arrivando all’indirizzo indicato.',
    again: 'Fai un’altra richiesta',
  },
  closed: { title: 'Modulo chiuso', body: 'Questo modulo non è aperto al momento.' },
  notFound: { title: 'Pagina non trovata', body: 'Questa scuola o questo modulo non esiste.' },
  altchaLanguage: 'it',
};

const es: FormLabels = {
  ...en,
  titles: { vel: 'Reservar una clase', contact: 'Contacto', custom: 'Clase particular a medida' },
  intros: {
    vel: 'Dinos quién esquía, cuándo y qué clase te interesa: te propondremos la fórmula adecuada y te enviaremos el enlace para reservar.',
    contact:
      '¿Una pregunta sobre nuestras clases, horarios o precios? Escríbenos y te responderemos enseguida.',
    custom:
      'Una clase particular en tus fechas, a tu ritmo, con el monitor que prefieras: describe tu proyecto y te haremos una propuesta.',
  },
  sections: {
    you: 'Tus datos',
    participants: 'Participantes',
    lesson: 'La clase que deseas',
    message: 'Tu mensaje',
    verify: 'Verificación',
  },
  fields: {
    firstName: 'Nombre',
    lastName: 'Apellidos',
    email: 'Correo electrónico',
    phone: 'Teléfono',
    participantFirstName: 'Nombre',
    birthDate: 'Fecha de nacimiento',
    level: 'Nivel',
    productType: 'Tipo de clase',
    practice: 'Disciplina',
    dateFrom: 'Del',
    dateTo: 'Al',
    slots: 'Momentos del día',
    duration: 'Duración de una sesión',
    sessions: 'Número de sesiones',
    instructor: 'Monitor preferido',
    lessonLanguage: 'Idioma de la clase',
    message: 'Mensaje',
  },
  hints: {
    email: 'Te responderemos a esta dirección.',
    optional: 'opcional',
    sessions: 'Normalmente una sesión al día; como máximo una al día por cada momento elegido.',
    dateTo: 'opcional',
    message: 'Detalles útiles: edad de los niños, experiencia, limitaciones…',
  },
  placeholders: { sessions: 'p. ej. 3' },
  counter: { count: '{n} / {max} caracteres', over: '{n} / {max} caracteres: {over} de más' },
  participant: (n) => `Participante ${n}`,
  addParticipant: 'Añadir un participante',
  removeParticipant: 'Quitar',
  choose: 'Elegir…',
  noPreference: 'Sin preferencia',
  submit: 'Enviar mi solicitud',
  sending: 'Enviando…',
  requiredLegend: 'Los campos marcados con * son obligatorios.',
  privacy: 'Tus datos solo se usan para tramitar tu solicitud.',
  honeypot: 'Deja este campo vacío',
  levels: {
    first_time: 'Principiante (nunca ha esquiado)',
    beginner: 'Principiante (primeros giros)',
    intermediate: 'Intermedio (pistas verdes, azules)',
    advanced: 'Avanzado (pistas rojas)',
    expert: 'Experto (todas las pistas)',
  },
  practices: {
    ski_alpin: 'Esquí alpino',
    snowboard: 'Snowboard',
    telemark: 'Telemark',
    ski_de_fond: 'Esquí de fondo',
    ski_de_randonnee: 'Esquí de travesía',
  },
  durations: {
    '1h': '1 hora',
    '1h30': '1 h 30',
    '2h': '2 horas',
    '3h': '3 horas',
    half_day: 'Media jornada',
    full_day: 'Jornada completa',
  },
  slots: { morning: 'Mañana', midday: 'Mediodía', afternoon: 'Tarde' },
  languages: { fr: 'Francés', en: 'Inglés', de: 'Alemán', it: 'Italiano', es: 'Español', nl: 'Neerlandés' },
  productKinds: {
    cours_collectif: 'Clase colectiva',
    cours_particulier: 'Clase particular',
    club_enfants: 'Club infantil',
  },
  thanks: {
    title: '¡Gracias, enviado!',
    body: (number) => `Tu solicitud está registrada con el n.º ${number}.`,
    next: 'Te enviamos un correo de confirmación con tu enlace personal a la dirección indicada.',
    again: 'Hacer otra solicitud',
  },
  closed: { title: 'Formulario cerrado', body: 'Este formulario no está abierto por el momento.' },
  notFound: { title: 'Página no encontrada', body: 'Esta escuela o este formulario no existe.' },
  altchaLanguage: 'es-es',
};

const nl: FormLabels = {
  ...en,
  titles: { vel: 'Les boeken', contact: 'Contact', custom: 'Privéles op maat' },
  intros: {
    vel: 'Vertel ons wie er skiet, wanneer en welke les u interesseert: wij stellen de juiste formule voor en sturen u de link om te boeken.',
    contact: 'Een vraag over onze lessen, tijden of prijzen? Schrijf ons, we antwoorden snel.',
    custom:
      'Een privéles op uw data, in uw tempo, met de skileraar van uw keuze: beschrijf uw plannen en we komen terug met een voorstel.',
  },
  sections: {
    you: 'Uw gegevens',
    participants: 'Deelnemers',
    lesson: 'De gewenste les',
    message: 'Uw bericht',
    verify: 'Controle',
  },
  fields: {
    firstName: 'Voornaam',
    lastName: 'Achternaam',
    email: 'E-mail',
    phone: 'Telefoon',
    participantFirstName: 'Voornaam',
    birthDate: 'Geboortedatum',
    level: 'Niveau',
    productType: 'Soort les',
    practice: 'Discipline',
    dateFrom: 'Van',
    dateTo: 'Tot',
    slots: 'Momenten van de dag',
    duration: 'Duur van een les',
    sessions: 'Aantal lessen',
    instructor: 'Gewenste skileraar',
    lessonLanguage: 'Taal van de les',
    message: 'Bericht',
  },
  hints: {
    email: 'We antwoorden op dit adres.',
    optional: 'optioneel',
    sessions: 'Meestal één les per dag; hoogstens één per dag per gekozen dagdeel.',
    dateTo: 'optioneel',
    message: 'Nuttige details: leeftijd van de kinderen, ervaring, beperkingen…',
  },
  placeholders: { sessions: 'bijv. 3' },
  counter: { count: '{n} / {max} tekens', over: '{n} / {max} tekens: {over} te veel' },
  participant: (n) => `Deelnemer ${n}`,
  addParticipant: 'Deelnemer toevoegen',
  removeParticipant: 'Verwijderen',
  choose: 'Kiezen…',
  noPreference: 'Geen voorkeur',
  submit: 'Aanvraag versturen',
  sending: 'Bezig met versturen…',
  requiredLegend: 'Velden met * zijn verplicht.',
  privacy: 'Uw gegevens worden alleen gebruikt om uw aanvraag te behandelen.',
  honeypot: 'Laat dit veld leeg',
  levels: {
    first_time: 'Beginner (nooit geskied)',
    beginner: 'Beginner (eerste bochten)',
    intermediate: 'Gevorderd (groene, blauwe pistes)',
    advanced: 'Goed (rode pistes)',
    expert: 'Expert (alle pistes)',
  },
  practices: {
    ski_alpin: 'Alpineskiën',
    snowboard: 'Snowboarden',
    telemark: 'Telemark',
    ski_de_fond: 'Langlaufen',
    ski_de_randonnee: 'Toerskiën',
  },
  durations: {
    '1h': '1 uur',
    '1h30': '1,5 uur',
    '2h': '2 uur',
    '3h': '3 uur',
    half_day: 'Halve dag',
    full_day: 'Hele dag',
  },
  slots: { morning: 'Ochtend', midday: 'Middag', afternoon: 'Namiddag' },
  languages: { fr: 'Frans', en: 'Engels', de: 'Duits', it: 'Italiaans', es: 'Spaans', nl: 'Nederlands' },
  productKinds: { cours_collectif: 'Groepsles', cours_particulier: 'Privéles', club_enfants: 'Kinderclub' },
  thanks: {
    title: 'Bedankt, verzonden!',
    body: (number) => `Uw aanvraag is geregistreerd onder nr. ${number}.`,
    next: 'Een bevestiging met uw persoonlijke link is onderweg naar het opgegeven adres.',
    again: 'Nog een aanvraag doen',
  },
  closed: { title: 'Formulier gesloten', body: 'Dit formulier is op dit moment niet open.' },
  notFound: { title: 'Pagina niet gevonden', body: 'Deze skischool of dit formulier bestaat niet.' },
  altchaLanguage: 'nl',
};

const LABELS: Record<Language, FormLabels> = { fr, en, de, it, es, nl };

export function formLabels(language: Language): FormLabels {
  return LABELS[language];
}

/** A catalogue kind in the visitor's language; unknown kinds read as their French words. */
export function productKindLabel(labels: FormLabels, kind: string): string {
  const known = labels.productKinds[kind] ?? fr.productKinds[kind];
  if (known) return known;
  const words = kind.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The altcha package ships these catalogues; the widget picks one by its `language` attribute. */
export const ALTCHA_LANGUAGE_FILES = ['fr-fr', 'de', 'it', 'es-es', 'nl'] as const;
