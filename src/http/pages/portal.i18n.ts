import type { Language } from '../../app/intake/intake.i18n.js';
import type { PortalOutcome } from '../../app/portal/portal-actions.js';

/** What the customer's private page (`/c/:token`) says, in the six languages of the forms. */
export interface PortalLabels {
  title: (number: string) => string;
  greeting: (firstName: string) => string;
  intro: (school: string) => string;
  fileNumber: string;
  sections: { quote: string; paymentLink: string; conversation: string; payments: string; schedule: string };
  offerMeta: (p: { number: string; until: string }) => string;
  expired: string;
  changedSinceSent: string;
  pdf: string;
  option: string;
  removed: string;
  remove: string;
  removeHint: string;
  table: { service: string; quantity: string; unit: string; total: string };
  vatRow: (rate: string) => string;
  net: string;
  vat: string;
  total: string;
  paid: string;
  due: string;
  deposit: string;
  depositPaid: string;
  balance: string;
  balanceDueOn: (date: string) => string;
  balanceOnArrival: string;
  nothingPaid: string;
  refund: string;
  methods: Record<string, string>;
  pay: { title: string; deposit: string; balance: string; secure: string; none: string };
  paymentReturn: { pending: string; succeeded: string; failed: string };
  you: string;
  generated: { created_from_sale: string };
  reply: { label: string; send: string; sending: string; hint: string; sent: string };
  archived: string;
  waitingOffer: string;
  outcomes: Record<Exclude<PortalOutcome, 'done' | 'not_found'>, string>;
  removedDone: string;
  live: string;
  private: string;
  dateLocale: string;
}

const fr: PortalLabels = {
  title: (n) => `Dossier n° ${n}`,
  greeting: (f) => `Bonjour ${f},`,
  intro: (s) =>
    `Retrouvez ici votre dossier chez ${s} : votre devis, vos paiements et vos échanges avec l’école.`,
  fileNumber: 'N° de dossier',
  sections: {
    quote: 'Votre devis',
    paymentLink: 'Votre lien de paiement',
    conversation: 'Vos échanges avec l’école',
    payments: 'Vos paiements',
    schedule: 'Échéancier',
  },
  offerMeta: ({ number, until }) => `${number} · valable jusqu’au ${until}`,
  expired: 'Ce devis a expiré : écrivez à l’école pour en recevoir un nouveau.',
  changedSinceSent:
    'Votre dossier a changé depuis l’envoi : les montants ci-dessous sont à jour, le PDF est celui envoyé.',
  pdf: 'Télécharger le devis (PDF)',
  option: 'Option',
  removed: 'Retirée',
  remove: 'Retirer',
  removeHint: 'Les options peuvent être retirées tant que rien n’est payé.',
  table: { service: 'Prestation', quantity: 'Qté', unit: 'Prix unitaire', total: 'Total' },
  vatRow: (r) => `dont TVA ${r}`,
  net: 'Total HT',
  vat: 'TVA',
  total: 'Total TTC',
  paid: 'Déjà payé',
  due: 'Reste à payer',
  deposit: 'Acompte',
  depositPaid: 'Acompte versé',
  balance: 'Solde',
  balanceDueOn: (d) => `à régler au plus tard le ${d}`,
  balanceOnArrival: 'à régler avant le premier cours',
  nothingPaid: 'Aucun paiement pour l’instant.',
  refund: 'Remboursement',
  methods: {
    online: 'Carte bancaire en ligne',
    cash: 'Espèces',
    cheque: 'Chèque',
    transfer: 'Virement',
    holiday_vouchers: 'Chèques-vacances',
    ancv_connect: 'ANCV Connect',
    card_desk: 'Carte au guichet',
  },
  pay: {
    title: 'Payer en ligne',
    deposit: 'Payer l’acompte',
    balance: 'Payer le solde',
    secure: 'Paiement sécurisé : vos données bancaires ne transitent pas par l’école.',
    none: 'Le paiement en ligne n’est pas proposé pour le moment.',
  },
  paymentReturn: {
    pending: 'Paiement en cours de confirmation… Cette page se met à jour toute seule.',
    succeeded: 'Paiement reçu, merci ! Un reçu vous est envoyé par e-mail.',
    failed: 'Le paiement n’a pas abouti. Vous pouvez réessayer ci-dessous.',
  },
  you: 'Vous',
  generated: { created_from_sale: 'Dossier créé depuis votre demande en ligne' },
  reply: {
    label: 'Votre message à l’école',
    send: 'Envoyer',
    sending: 'Envoi…',
    hint: 'L’école vous répond ici et par e-mail.',
    sent: 'Message envoyé : l’école vous répond au plus vite.',
  },
  archived: 'Ce dossier est clos. Pour toute question, écrivez à l’école ci-dessous.',
  waitingOffer: 'L’école prépare votre devis : vous le retrouverez ici dès son envoi.',
  outcomes: {
    archived: 'Ce dossier est clos : il ne peut plus être modifié.',
    empty: 'Votre message est vide.',
    too_long: 'Votre message est trop long (5 000 caractères au plus).',
    invalid_text: 'Votre message contient des caractères non pris en charge.',
    paid: 'Un paiement a déjà été reçu : les prestations ne peuvent plus être modifiées en ligne. Écrivez à l’école.',
    not_removable: 'Cette prestation ne peut pas être retirée.',
  },
  removedDone: 'L’option a été retirée : le total est à jour.',
  live: 'Mis à jour',
  private: 'Cette page vous est réservée : ne transférez pas son lien.',
  dateLocale: 'fr-FR',
};

const en: PortalLabels = {
  title: (n) => `File no. ${n}`,
  greeting: (f) => `Hello ${f},`,
  intro: (s) => `Your file with ${s}: your quote, your payments and your messages with the school.`,
  fileNumber: 'File no.',
  sections: {
    quote: 'Your quote',
    paymentLink: 'Your payment link',
    conversation: 'Your messages with the school',
    payments: 'Your payments',
    schedule: 'Payment schedule',
  },
  offerMeta: ({ number, until }) => `${number} · valid until ${until}`,
  expired: 'This quote has expired: write to the school to receive a new one.',
  changedSinceSent:
    'Your file changed after it was sent: the amounts below are up to date, the PDF is the one sent.',
  pdf: 'Download the quote (PDF)',
  option: 'Option',
  removed: 'Removed',
  remove: 'Remove',
  removeHint: 'Options can be removed as long as nothing has been paid.',
  table: { service: 'Service', quantity: 'Qty', unit: 'Unit price', total: 'Total' },
  vatRow: (r) => `incl. VAT ${r}`,
  net: 'Total excl. VAT',
  vat: 'VAT',
  total: 'Total incl. VAT',
  paid: 'Already paid',
  due: 'Left to pay',
  deposit: 'Deposit',
  depositPaid: 'Deposit paid',
  balance: 'Balance',
  balanceDueOn: (d) => `due by ${d}`,
  balanceOnArrival: 'due before the first lesson',
  nothingPaid: 'No payment yet.',
  refund: 'Refund',
  methods: {
    online: 'Card, online',
    cash: 'Cash',
    cheque: 'Cheque',
    transfer: 'Bank transfer',
    holiday_vouchers: 'Holiday vouchers',
    ancv_connect: 'ANCV Connect',
    card_desk: 'Card at the desk',
  },
  pay: {
    title: 'Pay online',
    deposit: 'Pay the deposit',
    balance: 'Pay the balance',
    secure: 'Secure payment: your card details never pass through the school.',
    none: 'Online payment is not offered at the moment.',
  },
  paymentReturn: {
    pending: 'Payment being confirmed… This page updates by itself.',
    succeeded: 'Payment received, thank you! A receipt is on its way by e-mail.',
    failed: 'The payment did not go through. You can try again below.',
  },
  you: 'You',
  generated: { created_from_sale: 'File opened from your online request' },
  reply: {
    label: 'Your message to the school',
    send: 'Send',
    sending: 'Sending…',
    hint: 'The school answers here and by e-mail.',
    sent: 'Message sent: the school will answer you shortly.',
  },
  archived: 'This file is closed. For any question, write to the school below.',
  waitingOffer: 'The school is preparing your quote: you will find it here as soon as it is sent.',
  outcomes: {
    archived: 'This file is closed: it can no longer be changed.',
    empty: 'Your message is empty.',
    too_long: 'Your message is too long (5,000 characters at most).',
    invalid_text: 'Your message contains characters that are not supported.',
    paid: 'A payment has already been received: the services can no longer be changed online. Write to the school.',
    not_removable: 'This service cannot be removed.',
  },
  removedDone: 'The option was removed: the total is up to date.',
  live: 'Updated',
  private: 'This page is yours alone: please do not forward its link.',
  dateLocale: 'en-GB',
};

const de: PortalLabels = {
  title: (n) => `Vorgang Nr. ${n}`,
  greeting: (f) => `Hallo ${f},`,
  intro: (s) => `Ihr Vorgang bei ${s}: Ihr Angebot, Ihre Zahlungen und Ihre Nachrichten mit der Skischule.`,
  fileNumber: 'Vorgangsnr.',
  sections: {
    quote: 'Ihr Angebot',
    paymentLink: 'Ihr Zahlungslink',
    conversation: 'Ihre Nachrichten mit der Skischule',
    payments: 'Ihre Zahlungen',
    schedule: 'Zahlungsplan',
  },
  offerMeta: ({ number, until }) => `${number} · gültig bis ${until}`,
  expired: 'Dieses Angebot ist abgelaufen: Schreiben Sie der Skischule für ein neues.',
  changedSinceSent:
    'Ihr Vorgang hat sich seit dem Versand geändert: Die Beträge unten sind aktuell, das PDF ist das versandte.',
  pdf: 'Angebot herunterladen (PDF)',
  option: 'Option',
  removed: 'Entfernt',
  remove: 'Entfernen',
  removeHint: 'Optionen können entfernt werden, solange nichts bezahlt ist.',
  table: { service: 'Leistung', quantity: 'Menge', unit: 'Einzelpreis', total: 'Gesamt' },
  vatRow: (r) => `inkl. MwSt. ${r}`,
  net: 'Gesamt netto',
  vat: 'MwSt.',
  total: 'Gesamt brutto',
  paid: 'Bereits bezahlt',
  due: 'Noch zu zahlen',
  deposit: 'Anzahlung',
  depositPaid: 'Anzahlung bezahlt',
  balance: 'Restbetrag',
  balanceDueOn: (d) => `spätestens am ${d} fällig`,
  balanceOnArrival: 'vor der ersten Stunde fällig',
  nothingPaid: 'Noch keine Zahlung.',
  refund: 'Erstattung',
  methods: {
    online: 'Karte, online',
    cash: 'Bar',
    cheque: 'Scheck',
    transfer: 'Überweisung',
    holiday_vouchers: 'Urlaubsschecks',
    ancv_connect: 'ANCV Connect',
    card_desk: 'Karte am Schalter',
  },
  pay: {
    title: 'Online bezahlen',
    deposit: 'Anzahlung bezahlen',
    balance: 'Restbetrag bezahlen',
    secure: 'Sichere Zahlung: Ihre Kartendaten gehen nicht über die Skischule.',
    none: 'Online-Zahlung wird derzeit nicht angeboten.',
  },
  paymentReturn: {
    pending: 'Zahlung wird bestätigt… Diese Seite aktualisiert sich von selbst.',
    succeeded: 'Zahlung erhalten, danke! Eine Quittung kommt per E-Mail.',
    failed: 'Die Zahlung ist nicht zustande gekommen. Sie können es unten erneut versuchen.',
  },
  you: 'Sie',
  generated: { created_from_sale: 'Vorgang aus Ihrer Online-Anfrage erstellt' },
  reply: {
    label: 'Ihre Nachricht an die Skischule',
    send: 'Senden',
    sending: 'Wird gesendet…',
    hint: 'Die Skischule antwortet hier und per E-Mail.',
    sent: 'Nachricht gesendet: Die Skischule antwortet Ihnen bald.',
  },
  archived: 'Dieser Vorgang ist abgeschlossen. Bei Fragen schreiben Sie der Skischule unten.',
  waitingOffer: 'Die Skischule bereitet Ihr Angebot vor: Sie finden es hier, sobald es versandt ist.',
  outcomes: {
    archived: 'Dieser Vorgang ist abgeschlossen: Er kann nicht mehr geändert werden.',
    empty: 'Ihre Nachricht ist leer.',
    too_long: 'Ihre Nachricht ist zu lang (höchstens 5.000 Zeichen).',
    invalid_text: 'Ihre Nachricht enthält nicht unterstützte Zeichen.',
    paid: 'Es ist bereits eine Zahlung eingegangen: Die Leistungen können nicht mehr online geändert werden. Schreiben Sie der Skischule.',
    not_removable: 'Diese Leistung kann nicht entfernt werden.',
  },
  removedDone: 'Die Option wurde entfernt: Der Gesamtbetrag ist aktuell.',
  live: 'Aktualisiert',
  private: 'Diese Seite ist nur für Sie bestimmt: Leiten Sie den Link nicht weiter.',
  dateLocale: 'de-DE',
};

const it: PortalLabels = {
  title: (n) => `Pratica n. ${n}`,
  greeting: (f) => `Ciao ${f},`,
  intro: (s) => `La tua pratica presso ${s}: il preventivo, i pagamenti e i messaggi con la scuola.`,
  fileNumber: 'N. pratica',
  sections: {
    quote: 'Il tuo preventivo',
    paymentLink: 'Il tuo link di pagamento',
    conversation: 'I tuoi messaggi con la scuola',
    payments: 'I tuoi pagamenti',
    schedule: 'Scadenze',
  },
  offerMeta: ({ number, until }) => `${number} · valido fino al ${until}`,
  expired: 'Questo preventivo è scaduto: scrivi alla scuola per riceverne uno nuovo.',
  changedSinceSent:
    'La pratica è cambiata dopo l’invio: gli importi qui sotto sono aggiornati, il PDF è quello inviato.',
  pdf: 'Scarica il preventivo (PDF)',
  option: 'Opzione',
  removed: 'Rimossa',
  remove: 'Rimuovi',
  removeHint: 'Le opzioni si possono rimuovere finché nulla è stato pagato.',
  table: { service: 'Servizio', quantity: 'Q.tà', unit: 'Prezzo unitario', total: 'Totale' },
  vatRow: (r) => `di cui IVA ${r}`,
  net: 'Totale imponibile',
  vat: 'IVA',
  total: 'Totale IVA inclusa',
  paid: 'Già pagato',
  due: 'Da pagare',
  deposit: 'Acconto',
  depositPaid: 'Acconto versato',
  balance: 'Saldo',
  balanceDueOn: (d) => `da pagare entro il ${d}`,
  balanceOnArrival: 'da pagare prima della prima lezione',
  nothingPaid: 'Nessun pagamento per ora.',
  refund: 'Rimborso',
  methods: {
    online: 'Carta, online',
    cash: 'Contanti',
    cheque: 'Assegno',
    transfer: 'Bonifico',
    holiday_vouchers: 'Buoni vacanza',
    ancv_connect: 'ANCV Connect',
    card_desk: 'Carta allo sportello',
  },
  pay: {
    title: 'Paga online',
    deposit: 'Paga l’acconto',
    balance: 'Paga il saldo',
    secure: 'Pagamento sicuro: i dati della carta non passano dalla scuola.',
    none: 'Il pagamento online non è disponibile al momento.',
  },
  paymentReturn: {
    pending: 'Pagamento in corso di conferma… Questa pagina si aggiorna da sola.',
    succeeded: 'Pagamento ricevuto, grazie! Ti inviamo la ricevuta via e-mail.',
    failed: 'Il pagamento non è andato a buon fine. Puoi riprovare qui sotto.',
  },
  you: 'Tu',
  generated: { created_from_sale: 'Pratica creata dalla tua richiesta online' },
  reply: {
    label: 'Il tuo messaggio alla scuola',
    send: 'Invia',
    sending: 'Invio…',
    hint: 'La scuola ti risponde qui e via e-mail.',
    sent: 'Messaggio inviato: la scuola ti risponderà presto.',
  },
  archived: 'Questa pratica è chiusa. Per qualsiasi domanda scrivi alla scuola qui sotto.',
  waitingOffer: 'La scuola sta preparando il preventivo: lo troverai qui appena inviato.',
  outcomes: {
    archived: 'Questa pratica è chiusa: non può più essere modificata.',
    empty: 'Il messaggio è vuoto.',
    too_long: 'Il messaggio è troppo lungo (al massimo 5.000 caratteri).',
    invalid_text: 'Il messaggio contiene caratteri non supportati.',
    paid: 'È già arrivato un pagamento: i servizi non si possono più modificare online. Scrivi alla scuola.',
    not_removable: 'Questo servizio non può essere rimosso.',
  },
  removedDone: 'L’opzione è stata rimossa: il totale è aggiornato.',
  live: 'Aggiornato',
  private: 'Questa pagina è riservata a te: non inoltrarne il link.',
  dateLocale: 'it-IT',
};

const es: PortalLabels = {
  title: (n) => `Expediente n.º ${n}`,
  greeting: (f) => `Hola, ${f}:`,
  intro: (s) => `Tu expediente en ${s}: tu presupuesto, tus pagos y tus mensajes con la escuela.`,
  fileNumber: 'N.º de expediente',
  sections: {
    quote: 'Tu presupuesto',
    paymentLink: 'Tu enlace de pago',
    conversation: 'Tus mensajes con la escuela',
    payments: 'Tus pagos',
    schedule: 'Calendario de pagos',
  },
  offerMeta: ({ number, until }) => `${number} · válido hasta el ${until}`,
  expired: 'Este presupuesto ha caducado: escribe a la escuela para recibir uno nuevo.',
  changedSinceSent:
    'Tu expediente ha cambiado desde el envío: los importes de abajo están al día, el PDF es el enviado.',
  pdf: 'Descargar el presupuesto (PDF)',
  option: 'Opción',
  removed: 'Quitada',
  remove: 'Quitar',
  removeHint: 'Las opciones pueden quitarse mientras no se haya pagado nada.',
  table: { service: 'Servicio', quantity: 'Cant.', unit: 'Precio unitario', total: 'Total' },
  vatRow: (r) => `IVA ${r} incluido`,
  net: 'Total sin IVA',
  vat: 'IVA',
  total: 'Total con IVA',
  paid: 'Ya pagado',
  due: 'Pendiente de pago',
  deposit: 'Anticipo',
  depositPaid: 'Anticipo pagado',
  balance: 'Saldo',
  balanceDueOn: (d) => `a pagar antes del ${d}`,
  balanceOnArrival: 'a pagar antes de la primera clase',
  nothingPaid: 'Ningún pago por ahora.',
  refund: 'Reembolso',
  methods: {
    online: 'Tarjeta, en línea',
    cash: 'Efectivo',
    cheque: 'Cheque',
    transfer: 'Transferencia',
    holiday_vouchers: 'Cheques vacaciones',
    ancv_connect: 'ANCV Connect',
    card_desk: 'Tarjeta en taquilla',
  },
  pay: {
    title: 'Pagar en línea',
    deposit: 'Pagar el anticipo',
    balance: 'Pagar el saldo',
    secure: 'Pago seguro: los datos de tu tarjeta no pasan por la escuela.',
    none: 'El pago en línea no está disponible por ahora.',
  },
  paymentReturn: {
    pending: 'Pago en proceso de confirmación… Esta página se actualiza sola.',
    succeeded: '¡Pago recibido, gracias! Te enviamos el recibo por correo.',
    failed: 'El pago no se ha completado. Puedes volver a intentarlo abajo.',
  },
  you: 'Tú',
  generated: { created_from_sale: 'Expediente creado a partir de tu solicitud en línea' },
  reply: {
    label: 'Tu mensaje a la escuela',
    send: 'Enviar',
    sending: 'Enviando…',
    hint: 'La escuela te responde aquí y por correo.',
    sent: 'Mensaje enviado: la escuela te responderá pronto.',
  },
  archived: 'Este expediente está cerrado. Para cualquier pregunta, escribe a la escuela aquí abajo.',
  waitingOffer: 'La escuela está preparando tu presupuesto: lo encontrarás aquí en cuanto lo envíe.',
  outcomes: {
    archived: 'Este expediente está cerrado: ya no se puede modificar.',
    empty: 'Tu mensaje está vacío.',
    too_long: 'Tu mensaje es demasiado largo (5000 caracteres como máximo).',
    invalid_text: 'Tu mensaje contiene caracteres no admitidos.',
    paid: 'Ya se ha recibido un pago: los servicios ya no se pueden cambiar en línea. Escribe a la escuela.',
    not_removable: 'Este servicio no se puede quitar.',
  },
  removedDone: 'Se ha quitado la opción: el total está al día.',
  live: 'Actualizado',
  private: 'Esta página es solo para ti: no reenvíes su enlace.',
  dateLocale: 'es-ES',
};

const nl: PortalLabels = {
  title: (n) => `Dossier nr. ${n}`,
  greeting: (f) => `Beste ${f},`,
  intro: (s) => `Uw dossier bij ${s}: uw offerte, uw betalingen en uw berichten met de skischool.`,
  fileNumber: 'Dossiernr.',
  sections: {
    quote: 'Uw offerte',
    paymentLink: 'Uw betaallink',
    conversation: 'Uw berichten met de skischool',
    payments: 'Uw betalingen',
    schedule: 'Betaalschema',
  },
  offerMeta: ({ number, until }) => `${number} · geldig tot ${until}`,
  expired: 'Deze offerte is verlopen: schrijf de skischool voor een nieuwe.',
  changedSinceSent:
    'Uw dossier is gewijzigd sinds het verzenden: de bedragen hieronder zijn actueel, de pdf is de verzonden versie.',
  pdf: 'Offerte downloaden (pdf)',
  option: 'Optie',
  removed: 'Verwijderd',
  remove: 'Verwijderen',
  removeHint: 'Opties kunnen worden verwijderd zolang er niets betaald is.',
  table: { service: 'Dienst', quantity: 'Aantal', unit: 'Stukprijs', total: 'Totaal' },
  vatRow: (r) => `waarvan btw ${r}`,
  net: 'Totaal excl. btw',
  vat: 'Btw',
  total: 'Totaal incl. btw',
  paid: 'Al betaald',
  due: 'Nog te betalen',
  deposit: 'Aanbetaling',
  depositPaid: 'Aanbetaling voldaan',
  balance: 'Saldo',
  balanceDueOn: (d) => `te betalen vóór ${d}`,
  balanceOnArrival: 'te betalen vóór de eerste les',
  nothingPaid: 'Nog geen betaling.',
  refund: 'Terugbetaling',
  methods: {
    online: 'Kaart, online',
    cash: 'Contant',
    cheque: 'Cheque',
    transfer: 'Overschrijving',
    holiday_vouchers: 'Vakantiecheques',
    ancv_connect: 'ANCV Connect',
    card_desk: 'Kaart aan de balie',
  },
  pay: {
    title: 'Online betalen',
    deposit: 'Aanbetaling betalen',
    balance: 'Saldo betalen',
    secure: 'Veilig betalen: uw kaartgegevens gaan niet via de skischool.',
    none: 'Online betalen is op dit moment niet mogelijk.',
  },
  paymentReturn: {
    pending: 'Betaling wordt bevestigd… Deze pagina werkt zichzelf bij.',
    succeeded: 'Betaling ontvangen, bedankt! U krijgt een ontvangstbewijs per e-mail.',
    failed: 'De betaling is niet gelukt. U kunt het hieronder opnieuw proberen.',
  },
  you: 'U',
  generated: { created_from_sale: 'Dossier aangemaakt vanuit uw online aanvraag' },
  reply: {
    label: 'Uw bericht aan de skischool',
    send: 'Versturen',
    sending: 'Versturen…',
    hint: 'De skischool antwoordt hier en per e-mail.',
    sent: 'Bericht verstuurd: de skischool antwoordt u zo snel mogelijk.',
  },
  archived: 'Dit dossier is gesloten. Schrijf de skischool hieronder voor vragen.',
  waitingOffer: 'De skischool bereidt uw offerte voor: u vindt ze hier zodra ze verstuurd is.',
  outcomes: {
    archived: 'Dit dossier is gesloten: het kan niet meer worden gewijzigd.',
    empty: 'Uw bericht is leeg.',
    too_long: 'Uw bericht is te lang (hoogstens 5.000 tekens).',
    invalid_text: 'Uw bericht bevat tekens die niet worden ondersteund.',
    paid: 'Er is al een betaling ontvangen: de diensten kunnen niet meer online worden gewijzigd. Schrijf de skischool.',
    not_removable: 'Deze dienst kan niet worden verwijderd.',
  },
  removedDone: 'De optie is verwijderd: het totaal is bijgewerkt.',
  live: 'Bijgewerkt',
  private: 'Deze pagina is alleen voor u: stuur de link niet door.',
  dateLocale: 'nl-NL',
};

const LABELS: Record<Language, PortalLabels> = { fr, en, de, it, es, nl };

export function portalLabels(language: Language): PortalLabels {
  return LABELS[language];
}
