import type { Language } from '../../app/intake/intake.i18n.js';

/** What the public pages outside the forms say: the customer's private page, and the error pages. */
export interface PublicPageLabels {
  customerFile: {
    title: (number: string) => string;
    greeting: (firstName: string) => string;
    received: string;
    body: (p: { school: string; number: string; date: string }) => string;
    nextTitle: string;
    next: (school: string) => string;
    keep: string;
    private: string;
  };
  linkInvalid: { title: string; body: string };
  notFound: { title: string; body: string };
  refused: { title: string; body: string };
  serverError: { title: string; body: string };
  /** The locale dates are written in ("1 décembre 2026", "1 December 2026"). */
  dateLocale: string;
}

const fr: PublicPageLabels = {
  customerFile: {
    title: (number) => `Demande n° ${number}`,
    greeting: (firstName) => `Bonjour ${firstName},`,
    received: 'Votre demande est bien reçue',
    body: ({ school, number, date }) =>
      `${school} a bien reçu votre demande le ${date}. Elle est enregistrée sous le n° ${number}.`,
    nextTitle: 'Et ensuite ?',
    next: (school) =>
      `${school} vous répond par e-mail, à l’adresse indiquée dans votre demande : surveillez votre boîte de réception (et le dossier des indésirables).`,
    keep: 'Gardez ce numéro : il vous servira si vous contactez l’école.',
    private: 'Cette page vous est réservée : ne transférez pas son lien.',
  },
  linkInvalid: {
    title: 'Lien non valable',
    body: 'Ce lien ne correspond à aucune demande. Vérifiez qu’il est complet, tel qu’il figure dans l’e-mail reçu, ou contactez l’école.',
  },
  notFound: { title: 'Page introuvable', body: 'Cette page n’existe pas. Vérifiez l’adresse saisie.' },
  refused: {
    title: 'Requête refusée',
    body: 'Cette requête n’a pas pu être traitée. Revenez à la page précédente et réessayez.',
  },
  serverError: {
    title: 'Erreur momentanée',
    body: 'Une erreur est survenue de notre côté. Réessayez dans quelques instants.',
  },
  dateLocale: 'fr-FR',
};

const en: PublicPageLabels = {
  customerFile: {
    title: (number) => `Request no. ${number}`,
    greeting: (firstName) => `Hello ${firstName},`,
    received: 'Your request has been received',
    body: ({ school, number, date }) =>
      `${school} received your request on ${date}. It is registered as no. ${number}.`,
    nextTitle: 'What happens next?',
    next: (school) =>
      `${school} answers you by e-mail, at the address given in your request: keep an eye on your inbox (and your spam folder).`,
    keep: 'Keep this number: it will help if you contact the school.',
    private: 'This page is yours alone: please do not forward its link.',
  },
  linkInvalid: {
    title: 'Link not valid',
    body: 'This link does not match any request. Check that it is complete, as in the e-mail you received, or contact the school.',
  },
  notFound: { title: 'Page not found', body: 'This page does not exist. Please check the address.' },
  refused: {
    title: 'Request refused',
    body: 'This request could not be handled. Go back to the previous page and try again.',
  },
  serverError: {
    title: 'Temporary error',
    body: 'Something went wrong on our side. Please try again in a moment.',
  },
  dateLocale: 'en-GB',
};

const de: PublicPageLabels = {
  customerFile: {
    title: (number) => `Anfrage Nr. ${number}`,
    greeting: (firstName) => `Hallo ${firstName},`,
    received: 'Ihre Anfrage ist eingegangen',
    body: ({ school, number, date }) =>
      `${school} hat Ihre Anfrage am ${date} erhalten. Sie ist unter der Nr. ${number} registriert.`,
    nextTitle: 'Wie geht es weiter?',
    next: (school) =>
      `${school} antwortet Ihnen per E-Mail an die in Ihrer Anfrage angegebene Adresse: Achten Sie auf Ihren Posteingang (und den Spam-Ordner).`,
    keep: 'Bewahren Sie diese Nummer auf: Sie hilft, wenn Sie die Skischule kontaktieren.',
    private: 'Diese Seite ist nur für Sie bestimmt: Leiten Sie den Link nicht weiter.',
  },
  linkInvalid: {
    title: 'Link ungültig',
    body: 'Dieser Link gehört zu keiner Anfrage. Prüfen Sie, ob er so vollständig ist wie in der erhaltenen E-Mail, oder kontaktieren Sie die Skischule.',
  },
  notFound: {
    title: 'Seite nicht gefunden',
    body: 'Diese Seite existiert nicht. Bitte prüfen Sie die Adresse.',
  },
  refused: {
    title: 'Anfrage abgelehnt',
    body: 'Diese Anfrage konnte nicht bearbeitet werden. Gehen Sie zur vorherigen Seite zurück und versuchen Sie es erneut.',
  },
  serverError: {
    title: 'Vorübergehender Fehler',
    body: 'Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es gleich noch einmal.',
  },
  dateLocale: 'de-DE',
};

const it: PublicPageLabels = {
  customerFile: {
    title: (number) => `Richiesta n. ${number}`,
    greeting: (firstName) => `Ciao ${firstName},`,
    received: 'La tua richiesta è arrivata',
    body: ({ school, number, date }) =>
      `${school} ha ricevuto la tua richiesta il ${date}. È registrata con il n. ${number}.`,
    nextTitle: 'E adesso?',
    next: (school) =>
      `${school} ti risponde via e-mail, all’indirizzo indicato nella richiesta: controlla la posta in arrivo (e la cartella spam).`,
    keep: 'Conserva questo numero: ti sarà utile se contatti la scuola.',
    private: 'Questa pagina è riservata a te: non inoltrarne il link.',
  },
  linkInvalid: {
    title: 'Link non valido',
    body: 'Questo link non corrisponde a nessuna richiesta. Controlla che sia completo, come nell’e-mail ricevuta, oppure contatta la scuola.',
  },
  notFound: { title: 'Pagina non trovata', body: 'Questa pagina non esiste. Controlla l’indirizzo.' },
  refused: {
    title: 'Richiesta rifiutata',
    body: 'Non è stato possibile gestire questa richiesta. Torna alla pagina precedente e riprova.',
  },
  serverError: {
    title: 'Errore temporaneo',
    body: 'Si è verificato un errore da parte nostra. Riprova tra qualche istante.',
  },
  dateLocale: 'it-IT',
};

const es: PublicPageLabels = {
  customerFile: {
    title: (number) => `Solicitud n.º ${number}`,
    greeting: (firstName) => `Hola, ${firstName}:`,
    received: 'Hemos recibido tu solicitud',
    body: ({ school, number, date }) =>
      `${school} recibió tu solicitud el ${date}. Está registrada con el n.º ${number}.`,
    nextTitle: '¿Y ahora?',
    next: (school) =>
      `${school} te responde por correo electrónico, a la dirección indicada en tu solicitud: revisa tu bandeja de entrada (y la carpeta de spam).`,
    keep: 'Guarda este número: te será útil si contactas con la escuela.',
    private: 'Esta página es solo para ti: no reenvíes su enlace.',
  },
  linkInvalid: {
    title: 'Enlace no válido',
    body: 'Este enlace no corresponde a ninguna solicitud. Comprueba que esté completo, como en el correo recibido, o contacta con la escuela.',
  },
  notFound: { title: 'Página no encontrada', body: 'Esta página no existe. Comprueba la dirección.' },
  refused: {
    title: 'Solicitud rechazada',
    body: 'No se ha podido tratar esta solicitud. Vuelve a la página anterior e inténtalo de nuevo.',
  },
  serverError: {
    title: 'Error temporal',
    body: 'Se ha producido un error por nuestra parte. Inténtalo de nuevo en unos instantes.',
  },
  dateLocale: 'es-ES',
};

const nl: PublicPageLabels = {
  customerFile: {
    title: (number) => `Aanvraag nr. ${number}`,
    greeting: (firstName) => `Beste ${firstName},`,
    received: 'Uw aanvraag is ontvangen',
    body: ({ school, number, date }) =>
      `${school} heeft uw aanvraag op ${date} ontvangen. Ze is geregistreerd onder nr. ${number}.`,
    nextTitle: 'Wat gebeurt er nu?',
    next: (school) =>
      `${school} antwoordt u per e-mail, op het adres uit uw aanvraag: houd uw inbox (en de spammap) in de gaten.`,
    keep: 'Bewaar dit nummer: het helpt als u contact opneemt met de skischool.',
    private: 'Deze pagina is alleen voor u: stuur de link niet door.',
  },
  linkInvalid: {
    title: 'Link niet geldig',
    body: 'Deze link hoort bij geen enkele aanvraag. Controleer of hij volledig is, zoals in de ontvangen e-mail, of neem contact op met de skischool.',
  },
  notFound: { title: 'Pagina niet gevonden', body: 'Deze pagina bestaat niet. Controleer het adres.' },
  refused: {
    title: 'Verzoek geweigerd',
    body: 'Dit verzoek kon niet worden verwerkt. Ga terug naar de vorige pagina en probeer het opnieuw.',
  },
  serverError: {
    title: 'Tijdelijke fout',
    body: 'Er ging bij ons iets mis. Probeer het zo meteen opnieuw.',
  },
  dateLocale: 'nl-NL',
};

const LABELS: Record<Language, PublicPageLabels> = { fr, en, de, it, es, nl };

export function publicPageLabels(language: Language): PublicPageLabels {
  return LABELS[language];
}
