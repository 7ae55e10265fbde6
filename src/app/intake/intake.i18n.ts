import { LANGUAGES } from '../requests/requests.schemas.js';

/**
 * What a visitor of the public forms reads from the server — field errors, refusals — in their
 * language (the acknowledgement e-mail is src/app/email's). French is the default; English is
 * the fallback for any language without a catalogue.
 */
export type Language = (typeof LANGUAGES)[number];

const counts = new Map<string, Intl.NumberFormat>();

/** 5000 as the visitor writes it ("5 000", "5,000", "5.000"). */
function count(language: string, n: number): string {
  let format = counts.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language);
    counts.set(language, format);
  }
  return format.format(n);
}

export interface IntakeMessages {
  summary: string;
  invalid: string;
  tooLong: (max: number) => string;
  /** The message field over its limit: names the field and says by how much. */
  messageTooLong: (max: number, length: number) => string;
  controlChars: string;
  /** A lone surrogate or U+FFFD: text damaged on the way, refused rather than stored so. */
  brokenChars: string;
  required: {
    firstName: string;
    lastName: string;
    email: string;
    message: string;
    participantFirstName: string;
    birthDate: string;
    level: string;
    productType: string;
    practice: string;
    dateFrom: string;
    slots: string;
    duration: string;
    lessonLanguage: string;
    sessions: string;
  };
  emailInvalid: string;
  phoneInvalid: string;
  dateInvalid: string;
  datePast: string;
  dateTooFar: string;
  dateToBeforeFrom: string;
  birthFuture: string;
  birthTooOld: string;
  participantsMin: string;
  participantsMax: (max: number) => string;
  sessions: (max: number) => string;
  /** More sessions than the dates and the chosen times of day hold. */
  sessionsForDates: (max: number) => string;
  unknownProductType: string;
  unknownPractice: string;
  unknownInstructor: string;
  unknownDuration: string;
  unknownChoice: string;
  unknownForm: string;
  honeypot: string;
  tooFast: string;
  formExpired: string;
  altchaMissing: string;
  altchaInvalid: string;
  altchaReused: string;
  altchaExpired: string;
  rateLimited: (minutes: number) => string;
  formClosed: string;
  schoolNotFound: string;
}

const fr: IntakeMessages = {
  summary: 'Certains champs sont à corriger.',
  invalid: 'Valeur invalide.',
  tooLong: (max) => `${max} caractères au plus.`,
  messageTooLong: (max, length) =>
    `Le message est trop long : ${count('fr', length)} caractères pour ${count('fr', max)} au plus. Raccourcissez-le.`,
  controlChars: 'Caractères non autorisés.',
  brokenChars: 'Caractères illisibles (texte mal encodé) : retapez ce champ.',
  required: {
    firstName: 'Indiquez votre prénom.',
    lastName: 'Indiquez votre nom.',
    email: 'Indiquez votre adresse e-mail.',
    message: 'Écrivez votre message.',
    participantFirstName: 'Indiquez le prénom du participant.',
    birthDate: 'Indiquez la date de naissance.',
    level: 'Choisissez un niveau.',
    productType: 'Choisissez un type de cours.',
    practice: 'Choisissez une discipline.',
    dateFrom: 'Indiquez la date de début.',
    slots: 'Choisissez au moins un moment de la journée.',
    duration: 'Choisissez une durée.',
    lessonLanguage: 'Choisissez la langue du cours.',
    sessions: 'Indiquez le nombre de séances.',
  },
  emailInvalid: 'Adresse e-mail invalide.',
  phoneInvalid: 'Numéro de téléphone invalide.',
  dateInvalid: 'Date invalide.',
  datePast: 'Cette date est déjà passée.',
  dateTooFar: 'Date trop lointaine (deux ans au plus).',
  dateToBeforeFrom: 'La date de fin doit être après la date de début.',
  birthFuture: 'La date de naissance ne peut pas être dans le futur.',
  birthTooOld: 'Date de naissance invalide.',
  participantsMin: 'Ajoutez au moins un participant.',
  participantsMax: (max) => `${max} participants au plus.`,
  sessions: (max) => `Indiquez un nombre de séances entre 1 et ${max}.`,
  sessionsForDates: (max) =>
    max === 1
      ? 'Une seule séance tient dans ces dates (une par jour et par moment de la journée choisi).'
      : `${max} séances au plus dans ces dates (une par jour et par moment de la journée choisi).`,
  unknownProductType: 'Ce type de cours n’est pas proposé.',
  unknownPractice: 'Cette discipline n’est pas proposée.',
  unknownInstructor: 'Ce moniteur n’est pas disponible.',
  unknownDuration: 'Cette durée n’est pas proposée.',
  unknownChoice: 'Choix invalide.',
  unknownForm: 'Formulaire inconnu (vel, contact ou custom).',
  honeypot: 'Envoi bloqué par le filtre anti-spam. Rechargez la page et réessayez.',
  tooFast: 'Envoi trop rapide : relisez le formulaire puis envoyez-le à nouveau.',
  formExpired: 'Ce formulaire a expiré : rechargez la page.',
  altchaMissing: 'Cochez « Je ne suis pas un robot » et attendez la fin de la vérification.',
  altchaInvalid: 'La vérification anti-robot a échoué : recommencez-la.',
  altchaReused: 'Cette vérification a déjà servi : recommencez-la.',
  altchaExpired: 'La vérification anti-robot a expiré : recommencez-la.',
  rateLimited: (minutes) =>
    `Nous avons reçu beaucoup de demandes de votre part. Réessayez dans ${minutes} min, ou appelez l’école.`,
  formClosed: 'Ce formulaire n’est pas ouvert pour le moment.',
  schoolNotFound: 'École introuvable.',
};

const en: IntakeMessages = {
  summary: 'Some fields need your attention.',
  invalid: 'Invalid value.',
  tooLong: (max) => `${max} characters at most.`,
  messageTooLong: (max, length) =>
    `The message is too long: ${count('en', length)} characters, ${count('en', max)} at most. Please shorten it.`,
  controlChars: 'Characters not allowed.',
  brokenChars: 'Unreadable characters (badly encoded text): type this field again.',
  required: {
    firstName: 'Please enter your first name.',
    lastName: 'Please enter your last name.',
    email: 'Please enter your e-mail address.',
    message: 'Please write your message.',
    participantFirstName: 'Please enter the participant’s first name.',
    birthDate: 'Please enter the date of birth.',
    level: 'Please choose a level.',
    productType: 'Please choose a type of lesson.',
    practice: 'Please choose a discipline.',
    dateFrom: 'Please enter the start date.',
    slots: 'Please choose at least one time of day.',
    duration: 'Please choose a duration.',
    lessonLanguage: 'Please choose the language of the lesson.',
    sessions: 'Please enter the number of sessions.',
  },
  emailInvalid: 'Invalid e-mail address.',
  phoneInvalid: 'Invalid phone number.',
  dateInvalid: 'Invalid date.',
  datePast: 'This date has already passed.',
  dateTooFar: 'This date is too far ahead (two years at most).',
  dateToBeforeFrom: 'The end date must be after the start date.',
  birthFuture: 'A date of birth cannot be in the future.',
  birthTooOld: 'Invalid date of birth.',
  participantsMin: 'Please add at least one participant.',
  participantsMax: (max) => `${max} participants at most.`,
  sessions: (max) => `Please enter a number of sessions between 1 and ${max}.`,
  sessionsForDates: (max) =>
    max === 1
      ? 'Only one session fits these dates (one a day for each time of day chosen).'
      : `At most ${max} sessions fit these dates (one a day for each time of day chosen).`,
  unknownProductType: 'This type of lesson is not offered.',
  unknownPractice: 'This discipline is not offered.',
  unknownInstructor: 'This instructor is not available.',
  unknownDuration: 'This duration is not offered.',
  unknownChoice: 'Invalid choice.',
  unknownForm: 'Unknown form (vel, contact or custom).',
  honeypot: 'Blocked by the spam filter. Please reload the page and try again.',
  tooFast: 'Sent too quickly: please check the form and send it again.',
  formExpired: 'This form has expired: please reload the page.',
  altchaMissing: 'Please tick “I’m not a robot” and wait for the check to finish.',
  altchaInvalid: 'The anti-robot check failed: please run it again.',
  altchaReused: 'This check has already been used: please run it again.',
  altchaExpired: 'The anti-robot check has expired: please run it again.',
  rateLimited: (minutes) =>
    `We have received many requests from you. Please try again in ${minutes} min, or call the school.`,
  formClosed: 'This form is not open at the moment.',
  schoolNotFound: 'School not found.',
};

const de: IntakeMessages = {
  summary: 'Bitte prüfen Sie die markierten Felder.',
  invalid: 'Ungültiger Wert.',
  tooLong: (max) => `Höchstens ${max} Zeichen.`,
  messageTooLong: (max, length) =>
    `Die Nachricht ist zu lang: ${count('de', length)} Zeichen, höchstens ${count('de', max)}. Bitte kürzen Sie sie.`,
  controlChars: 'Unzulässige Zeichen.',
  brokenChars: 'Unlesbare Zeichen (fehlerhaft kodierter Text): bitte dieses Feld neu eingeben.',
  required: {
    firstName: 'Bitte geben Sie Ihren Vornamen an.',
    lastName: 'Bitte geben Sie Ihren Nachnamen an.',
    email: 'Bitte geben Sie Ihre E-Mail-Adresse an.',
    message: 'Bitte schreiben Sie Ihre Nachricht.',
    participantFirstName: 'Bitte geben Sie den Vornamen des Teilnehmers an.',
    birthDate: 'Bitte geben Sie das Geburtsdatum an.',
    level: 'Bitte wählen Sie ein Niveau.',
    productType: 'Bitte wählen Sie eine Kursart.',
    practice: 'Bitte wählen Sie eine Disziplin.',
    dateFrom: 'Bitte geben Sie das Anfangsdatum an.',
    slots: 'Bitte wählen Sie mindestens eine Tageszeit.',
    duration: 'Bitte wählen Sie eine Dauer.',
    lessonLanguage: 'Bitte wählen Sie die Unterrichtssprache.',
    sessions: 'Bitte geben Sie die Anzahl der Einheiten an.',
  },
  emailInvalid: 'Ungültige E-Mail-Adresse.',
  phoneInvalid: 'Ungültige Telefonnummer.',
  dateInvalid: 'Ungültiges Datum.',
  datePast: 'Dieses Datum liegt in der Vergangenheit.',
  dateTooFar: 'Dieses Datum liegt zu weit in der Zukunft (höchstens zwei Jahre).',
  dateToBeforeFrom: 'Das Enddatum muss nach dem Anfangsdatum liegen.',
  birthFuture: 'Ein Geburtsdatum kann nicht in der Zukunft liegen.',
  birthTooOld: 'Ungültiges Geburtsdatum.',
  participantsMin: 'Bitte fügen Sie mindestens einen Teilnehmer hinzu.',
  participantsMax: (max) => `Höchstens ${max} Teilnehmer.`,
  sessions: (max) => `Bitte geben Sie eine Anzahl von Einheiten zwischen 1 und ${max} an.`,
  sessionsForDates: (max) =>
    max === 1
      ? 'In diesen Zeitraum passt nur eine Einheit (eine pro Tag und gewählter Tageszeit).'
      : `In diesen Zeitraum passen höchstens ${max} Einheiten (eine pro Tag und gewählter Tageszeit).`,
  unknownProductType: 'Diese Kursart wird nicht angeboten.',
  unknownPractice: 'Diese Disziplin wird nicht angeboten.',
  unknownInstructor: 'Dieser Skilehrer ist nicht verfügbar.',
  unknownDuration: 'Diese Dauer wird nicht angeboten.',
  unknownChoice: 'Ungültige Auswahl.',
  unknownForm: 'Unbekanntes Formular (vel, contact oder custom).',
  honeypot: 'Vom Spamfilter blockiert. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
  tooFast: 'Zu schnell gesendet: Bitte prüfen Sie das Formular und senden Sie es erneut.',
  formExpired: 'Dieses Formular ist abgelaufen: Bitte laden Sie die Seite neu.',
  altchaMissing: 'Bitte kreuzen Sie „Ich bin kein Roboter“ an und warten Sie das Ende der Prüfung ab.',
  altchaInvalid: 'Die Roboterprüfung ist fehlgeschlagen: Bitte wiederholen Sie sie.',
  altchaReused: 'Diese Prüfung wurde bereits verwendet: Bitte wiederholen Sie sie.',
  altchaExpired: 'Die Roboterprüfung ist abgelaufen: Bitte wiederholen Sie sie.',
  rateLimited: (minutes) =>
    `Wir haben viele Anfragen von Ihnen erhalten. Bitte versuchen Sie es in ${minutes} Min. erneut oder rufen Sie die Skischule an.`,
  formClosed: 'Dieses Formular ist derzeit nicht geöffnet.',
  schoolNotFound: 'Skischule nicht gefunden.',
};

const it: IntakeMessages = {
  summary: 'Alcuni campi devono essere corretti.',
  invalid: 'Valore non valido.',
  tooLong: (max) => `Al massimo ${max} caratteri.`,
  messageTooLong: (max, length) =>
    `Il messaggio è troppo lungo: ${count('it', length)} caratteri, al massimo ${count('it', max)}. Accorcialo.`,
  controlChars: 'Caratteri non ammessi.',
  brokenChars: 'Caratteri illeggibili (testo codificato male): riscrivi questo campo.',
  required: {
    firstName: 'Indica il tuo nome.',
    lastName: 'Indica il tuo cognome.',
    email: 'Indica il tuo indirizzo e-mail.',
    message: 'Scrivi il tuo messaggio.',
    participantFirstName: 'Indica il nome del partecipante.',
    birthDate: 'Indica la data di nascita.',
    level: 'Scegli un livello.',
    productType: 'Scegli un tipo di corso.',
    practice: 'Scegli una disciplina.',
    dateFrom: 'Indica la data di inizio.',
    slots: 'Scegli almeno un momento della giornata.',
    duration: 'Scegli una durata.',
    lessonLanguage: 'Scegli la lingua della lezione.',
    sessions: 'Indica il numero di lezioni.',
  },
  emailInvalid: 'Indirizzo e-mail non valido.',
  phoneInvalid: 'Numero di telefono non valido.',
  dateInvalid: 'Data non valida.',
  datePast: 'Questa data è già passata.',
  dateTooFar: 'Data troppo lontana (al massimo due anni).',
  dateToBeforeFrom: 'La data di fine deve essere successiva alla data di inizio.',
  birthFuture: 'La data di nascita non può essere nel futuro.',
  birthTooOld: 'Data di nascita non valida.',
  participantsMin: 'Aggiungi almeno un partecipante.',
  participantsMax: (max) => `Al massimo ${max} partecipanti.`,
  sessions: (max) => `Indica un numero di lezioni tra 1 e ${max}.`,
  sessionsForDates: (max) =>
    max === 1
      ? 'In queste date rientra una sola lezione (una al giorno per ogni momento scelto).'
      : `In queste date rientrano al massimo ${max} lezioni (una al giorno per ogni momento scelto).`,
  unknownProductType: 'Questo tipo di corso non è proposto.',
  unknownPractice: 'Questa disciplina non è proposta.',
  unknownInstructor: 'Questo maestro non è disponibile.',
  unknownDuration: 'Questa durata non è proposta.',
  unknownChoice: 'Scelta non valida.',
  unknownForm: 'Modulo sconosciuto (vel, contact o custom).',
  honeypot: 'Invio bloccato dal filtro anti-spam. Ricarica la pagina e riprova.',
  tooFast: 'Invio troppo rapido: rileggi il modulo e invialo di nuovo.',
  formExpired: 'Questo modulo è scaduto: ricarica la pagina.',
  altchaMissing: 'Spunta «Non sono un robot» e attendi la fine della verifica.',
  altchaInvalid: 'La verifica anti-robot non è riuscita: ripetila.',
  altchaReused: 'Questa verifica è già stata usata: ripetila.',
  altchaExpired: 'La verifica anti-robot è scaduta: ripetila.',
  rateLimited: (minutes) =>
    `Abbiamo ricevuto molte richieste da te. Riprova tra ${minutes} min oppure chiama la scuola.`,
  formClosed: 'Questo modulo non è aperto al momento.',
  schoolNotFound: 'Scuola non trovata.',
};

const es: IntakeMessages = {
  summary: 'Hay campos que corregir.',
  invalid: 'Valor no válido.',
  tooLong: (max) => `${max} caracteres como máximo.`,
  messageTooLong: (max, length) =>
    `El mensaje es demasiado largo: ${count('es', length)} caracteres, ${count('es', max)} como máximo. Acórtalo.`,
  controlChars: 'Caracteres no permitidos.',
  brokenChars: 'Caracteres ilegibles (texto mal codificado): vuelva a escribir este campo.',
  required: {
    firstName: 'Indica tu nombre.',
    lastName: 'Indica tus apellidos.',
    email: 'Indica tu dirección de correo electrónico.',
    message: 'Escribe tu mensaje.',
    participantFirstName: 'Indica el nombre del participante.',
    birthDate: 'Indica la fecha de nacimiento.',
    level: 'Elige un nivel.',
    productType: 'Elige un tipo de clase.',
    practice: 'Elige una disciplina.',
    dateFrom: 'Indica la fecha de inicio.',
    slots: 'Elige al menos un momento del día.',
    duration: 'Elige una duración.',
    lessonLanguage: 'Elige el idioma de la clase.',
    sessions: 'Indica el número de sesiones.',
  },
  emailInvalid: 'Dirección de correo electrónico no válida.',
  phoneInvalid: 'Número de teléfono no válido.',
  dateInvalid: 'Fecha no válida.',
  datePast: 'Esta fecha ya ha pasado.',
  dateTooFar: 'Fecha demasiado lejana (dos años como máximo).',
  dateToBeforeFrom: 'La fecha de fin debe ser posterior a la de inicio.',
  birthFuture: 'La fecha de nacimiento no puede estar en el futuro.',
  birthTooOld: 'Fecha de nacimiento no válida.',
  participantsMin: 'Añade al menos un participante.',
  participantsMax: (max) => `${max} participantes como máximo.`,
  sessions: (max) => `Indica un número de sesiones entre 1 y ${max}.`,
  sessionsForDates: (max) =>
    max === 1
      ? 'En estas fechas cabe una sola sesión (una al día por cada momento elegido).'
      : `En estas fechas caben como máximo ${max} sesiones (una al día por cada momento elegido).`,
  unknownProductType: 'Este tipo de clase no se ofrece.',
  unknownPractice: 'Esta disciplina no se ofrece.',
  unknownInstructor: 'Este monitor no está disponible.',
  unknownDuration: 'Esta duración no se ofrece.',
  unknownChoice: 'Opción no válida.',
  unknownForm: 'Formulario desconocido (vel, contact o custom).',
  honeypot: 'Envío bloqueado por el filtro antispam. Recarga la página e inténtalo de nuevo.',
  tooFast: 'Envío demasiado rápido: revisa el formulario y vuelve a enviarlo.',
  formExpired: 'Este formulario ha caducado: recarga la página.',
  altchaMissing: 'Marca «No soy un robot» y espera a que termine la verificación.',
  altchaInvalid: 'La verificación antirrobot ha fallado: repítela.',
  altchaReused: 'Esta verificación ya se ha usado: repítela.',
  altchaExpired: 'La verificación antirrobot ha caducado: repítela.',
  rateLimited: (minutes) =>
    `Hemos recibido muchas solicitudes tuyas. Inténtalo de nuevo dentro de ${minutes} min o llama a la escuela.`,
  formClosed: 'Este formulario no está abierto por el momento.',
  schoolNotFound: 'Escuela no encontrada.',
};

const nl: IntakeMessages = {
  summary: 'Sommige velden moeten worden verbeterd.',
  invalid: 'Ongeldige waarde.',
  tooLong: (max) => `Maximaal ${max} tekens.`,
  messageTooLong: (max, length) =>
    `Het bericht is te lang: ${count('nl', length)} tekens, hoogstens ${count('nl', max)}. Maak het korter.`,
  controlChars: 'Niet-toegestane tekens.',
  brokenChars: 'Onleesbare tekens (verkeerd gecodeerde tekst): typ dit veld opnieuw.',
  required: {
    firstName: 'Vul uw voornaam in.',
    lastName: 'Vul uw achternaam in.',
    email: 'Vul uw e-mailadres in.',
    message: 'Schrijf uw bericht.',
    participantFirstName: 'Vul de voornaam van de deelnemer in.',
    birthDate: 'Vul de geboortedatum in.',
    level: 'Kies een niveau.',
    productType: 'Kies een soort les.',
    practice: 'Kies een discipline.',
    dateFrom: 'Vul de begindatum in.',
    slots: 'Kies minstens één moment van de dag.',
    duration: 'Kies een duur.',
    lessonLanguage: 'Kies de taal van de les.',
    sessions: 'Vul het aantal lessen in.',
  },
  emailInvalid: 'Ongeldig e-mailadres.',
  phoneInvalid: 'Ongeldig telefoonnummer.',
  dateInvalid: 'Ongeldige datum.',
  datePast: 'Deze datum is al voorbij.',
  dateTooFar: 'Deze datum ligt te ver vooruit (maximaal twee jaar).',
  dateToBeforeFrom: 'De einddatum moet na de begindatum liggen.',
  birthFuture: 'Een geboortedatum kan niet in de toekomst liggen.',
  birthTooOld: 'Ongeldige geboortedatum.',
  participantsMin: 'Voeg minstens één deelnemer toe.',
  participantsMax: (max) => `Maximaal ${max} deelnemers.`,
  sessions: (max) => `Vul een aantal lessen tussen 1 en ${max} in.`,
  sessionsForDates: (max) =>
    max === 1
      ? 'In deze periode past maar één les (één per dag per gekozen dagdeel).'
      : `In deze periode passen hoogstens ${max} lessen (één per dag per gekozen dagdeel).`,
  unknownProductType: 'Deze soort les wordt niet aangeboden.',
  unknownPractice: 'Deze discipline wordt niet aangeboden.',
  unknownInstructor: 'Deze skileraar is niet beschikbaar.',
  unknownDuration: 'Deze duur wordt niet aangeboden.',
  unknownChoice: 'Ongeldige keuze.',
  unknownForm: 'Onbekend formulier (vel, contact of custom).',
  honeypot: 'Geblokkeerd door het spamfilter. Herlaad de pagina en probeer het opnieuw.',
  tooFast: 'Te snel verzonden: controleer het formulier en verzend het opnieuw.',
  formExpired: 'Dit formulier is verlopen: herlaad de pagina.',
  altchaMissing: 'Vink „Ik ben geen robot” aan en wacht tot de controle klaar is.',
  altchaInvalid: 'De robotcontrole is mislukt: voer haar opnieuw uit.',
  altchaReused: 'Deze controle is al gebruikt: voer haar opnieuw uit.',
  altchaExpired: 'De robotcontrole is verlopen: voer haar opnieuw uit.',
  rateLimited: (minutes) =>
    `We hebben veel aanvragen van u ontvangen. Probeer het over ${minutes} min opnieuw of bel de skischool.`,
  formClosed: 'Dit formulier is op dit moment niet open.',
  schoolNotFound: 'Skischool niet gevonden.',
};

const CATALOGUES: Record<Language, IntakeMessages> = { fr, en, de, it, es, nl };

export function intakeMessages(language: Language): IntakeMessages {
  return CATALOGUES[language];
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The visitor's language: an explicit choice (`?lang=`, the form's own field) first, then the
 * browser's Accept-Language preferences. Nothing expressed: French. Only languages we have no
 * catalogue for: English.
 */
export function pickLanguage(explicit: unknown, acceptLanguage?: string | null): Language {
  let expressed = false;
  if (typeof explicit === 'string' && explicit.trim() !== '') {
    expressed = true;
    const short = explicit.trim().slice(0, 2).toLowerCase();
    if (isLanguage(short)) return short;
  }
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .slice(0, 20)
      .map((part, index) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { tag: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
      })
      .filter((entry) => entry.q > 0 && entry.tag !== '' && entry.tag !== '*')
      .sort((a, b) => b.q - a.q || a.index - b.index);
    for (const { tag } of ranked) if (isLanguage(tag)) return tag;
    if (ranked.length > 0) expressed = true;
  }
  return expressed ? 'en' : 'fr';
}
