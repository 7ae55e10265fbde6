import type { Language } from '../app/intake/intake.i18n.js';

/**
 * What the HTTP layer itself answers on the public intake API (`/api/public/…`), in the visitor's
 * language: a school's website shows these messages to its own visitors, in any of the six form
 * languages, where staff routes answer in French or English.
 */
export interface PublicApiMessages {
  internal: string;
  busy: string;
  bodyTooLarge: string;
  unsupportedMediaType: string;
  badJson: string;
  urlTooLong: string;
  urlMalformed: string;
  noRoute: (method: string, path: string) => string;
}

const MESSAGES: Record<Language, PublicApiMessages> = {
  fr: {
    internal: 'Erreur interne. Réessayez plus tard.',
    busy: 'Le service est momentanément occupé : rien n’a été enregistré. Réessayez dans quelques secondes.',
    bodyTooLarge: 'La demande envoyée est trop volumineuse.',
    unsupportedMediaType: 'Type de contenu non pris en charge.',
    badJson: 'La demande envoyée n’est pas du JSON valide.',
    urlTooLong: 'L’adresse demandée est trop longue.',
    urlMalformed: 'L’adresse demandée est mal formée.',
    noRoute: (method, path) => `Aucune adresse ${method} ${path}.`,
  },
  en: {
    internal: 'Internal error. Try again later.',
    busy: 'The service is busy for a moment: nothing was saved. Try again in a few seconds.',
    bodyTooLarge: 'The request sent is too large.',
    unsupportedMediaType: 'Unsupported content type.',
    badJson: 'The request sent is not valid JSON.',
    urlTooLong: 'The requested address is too long.',
    urlMalformed: 'The requested address is malformed.',
    noRoute: (method, path) => `No address ${method} ${path}.`,
  },
  de: {
    internal: 'Interner Fehler. Bitte versuchen Sie es später erneut.',
    busy: 'Der Dienst ist gerade ausgelastet: Es wurde nichts gespeichert. Versuchen Sie es in einigen Sekunden erneut.',
    bodyTooLarge: 'Die gesendete Anfrage ist zu groß.',
    unsupportedMediaType: 'Dieser Inhaltstyp wird nicht unterstützt.',
    badJson: 'Die gesendete Anfrage ist kein gültiges JSON.',
    urlTooLong: 'Die angeforderte Adresse ist zu lang.',
    urlMalformed: 'Die angeforderte Adresse ist fehlerhaft.',
    noRoute: (method, path) => `Keine Adresse ${method} ${path}.`,
  },
  it: {
    internal: 'Errore interno. Riprovi più tardi.',
    busy: 'Il servizio è momentaneamente occupato: non è stato salvato nulla. Riprovi tra qualche secondo.',
    bodyTooLarge: 'La richiesta inviata è troppo grande.',
    unsupportedMediaType: 'Tipo di contenuto non supportato.',
    badJson: 'La richiesta inviata non è un JSON valido.',
    urlTooLong: 'L’indirizzo richiesto è troppo lungo.',
    urlMalformed: 'L’indirizzo richiesto non è valido.',
    noRoute: (method, path) => `Nessun indirizzo ${method} ${path}.`,
  },
  es: {
    internal: 'Error interno. Inténtelo de nuevo más tarde.',
    busy: 'El servicio está ocupado en este momento: no se ha guardado nada. Inténtelo de nuevo en unos segundos.',
    bodyTooLarge: 'La solicitud enviada es demasiado grande.',
    unsupportedMediaType: 'Tipo de contenido no admitido.',
    badJson: 'La solicitud enviada no es un JSON válido.',
    urlTooLong: 'La dirección solicitada es demasiado larga.',
    urlMalformed: 'La dirección solicitada no es válida.',
    noRoute: (method, path) => `Ninguna dirección ${method} ${path}.`,
  },
  nl: {
    internal: 'Interne fout. Probeer het later opnieuw.',
    busy: 'De dienst is even bezet: er is niets opgeslagen. Probeer het over een paar seconden opnieuw.',
    bodyTooLarge: 'Het verzonden verzoek is te groot.',
    unsupportedMediaType: 'Dit inhoudstype wordt niet ondersteund.',
    badJson: 'Het verzonden verzoek is geen geldige JSON.',
    urlTooLong: 'Het opgevraagde adres is te lang.',
    urlMalformed: 'Het opgevraagde adres is ongeldig.',
    noRoute: (method, path) => `Geen adres ${method} ${path}.`,
  },
};

export function publicApiMessages(language: Language): PublicApiMessages {
  return MESSAGES[language];
}
