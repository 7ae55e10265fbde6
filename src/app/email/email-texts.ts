import { type Cents, cents, formatMoney } from '../../domain/money.js';
import { CUSTOMER_LANGUAGES, type CustomerLanguage } from '../../shared/vocabulary.js';
import type { CustomerEmailParams } from './customer-email.js';

/** What a template says, before layout: the subject's head, the paragraphs, the link's button. */
export interface EmailWords {
  /** "Votre devis DEV-2026-0001": the subject is `${title} — ${fileLabel} ${number} — ${school}` (the number once). */
  title: string;
  greeting: string;
  paragraphs: string[];
  /** The quoted body of a staff reply, shown apart (kept as typed, escaped). */
  quote?: string;
  action: string;
  closing: string;
}

interface Common {
  fileLabel: string;
  hello: (firstName: string) => string;
  open: string;
  closing: string;
  replyHint: string;
  locale: string;
}

const COMMON: Record<CustomerLanguage, Common> = {
  fr: {
    fileLabel: 'dossier',
    hello: (n) => `Bonjour ${n},`,
    open: 'Voir mon dossier',
    closing: 'À bientôt,',
    replyHint: 'Vous pouvez répondre directement à cet e-mail.',
    locale: 'fr-FR',
  },
  en: {
    fileLabel: 'file',
    hello: (n) => `Hello ${n},`,
    open: 'View my file',
    closing: 'See you soon,',
    replyHint: 'You can reply to this e-mail directly.',
    locale: 'en-GB',
  },
  de: {
    fileLabel: 'Vorgang',
    hello: (n) => `Hallo ${n},`,
    open: 'Meinen Vorgang ansehen',
    closing: 'Bis bald,',
    replyHint: 'Sie können direkt auf diese E-Mail antworten.',
    locale: 'de-DE',
  },
  it: {
    fileLabel: 'pratica',
    hello: (n) => `Buongiorno ${n},`,
    open: 'Vedi la mia pratica',
    closing: 'A presto,',
    replyHint: 'Può rispondere direttamente a questa e-mail.',
    locale: 'it-IT',
  },
  es: {
    fileLabel: 'expediente',
    hello: (n) => `Hola ${n}:`,
    open: 'Ver mi expediente',
    closing: 'Hasta pronto,',
    replyHint: 'Puede responder directamente a este correo.',
    locale: 'es-ES',
  },
  nl: {
    fileLabel: 'dossier',
    hello: (n) => `Hallo ${n},`,
    open: 'Mijn dossier bekijken',
    closing: 'Tot snel,',
    replyHint: 'U kunt rechtstreeks op deze e-mail antwoorden.',
    locale: 'nl-NL',
  },
};

const METHODS: Record<CustomerLanguage, Record<string, string>> = {
  fr: {
    online: 'carte bancaire en ligne',
    cash: 'espèces',
    cheque: 'chèque',
    transfer: 'virement',
    holiday_vouchers: 'chèques-vacances',
    ancv_connect: 'ANCV Connect',
    card_desk: 'carte au guichet',
  },
  en: {
    online: 'card, online',
    cash: 'cash',
    cheque: 'cheque',
    transfer: 'bank transfer',
    holiday_vouchers: 'holiday vouchers',
    ancv_connect: 'ANCV Connect',
    card_desk: 'card at the desk',
  },
  de: {
    online: 'Karte, online',
    cash: 'bar',
    cheque: 'Scheck',
    transfer: 'Überweisung',
    holiday_vouchers: 'Urlaubsschecks',
    ancv_connect: 'ANCV Connect',
    card_desk: 'Karte am Schalter',
  },
  it: {
    online: 'carta, online',
    cash: 'contanti',
    cheque: 'assegno',
    transfer: 'bonifico',
    holiday_vouchers: 'buoni vacanza',
    ancv_connect: 'ANCV Connect',
    card_desk: 'carta allo sportello',
  },
  es: {
    online: 'tarjeta, en línea',
    cash: 'efectivo',
    cheque: 'cheque',
    transfer: 'transferencia',
    holiday_vouchers: 'cheques vacaciones',
    ancv_connect: 'ANCV Connect',
    card_desk: 'tarjeta en taquilla',
  },
  nl: {
    online: 'kaart, online',
    cash: 'contant',
    cheque: 'cheque',
    transfer: 'overschrijving',
    holiday_vouchers: 'vakantiecheques',
    ancv_connect: 'ANCV Connect',
    card_desk: 'kaart aan de balie',
  },
};

interface Facts {
  money: (amount: number) => string;
  day: (isoDay: string) => string;
  fileNumber: string;
  school: string;
}

type Words = { title: string; paragraphs: string[]; quote?: string };
type Catalogue = {
  [T in CustomerEmailParams['template']]: (
    p: Extract<CustomerEmailParams, { template: T }>,
    f: Facts,
    methods: Record<string, string>,
  ) => Words;
};

const CATALOGUES: Record<CustomerLanguage, Catalogue> = {
  fr: {
    acknowledgement: (_p, f) => ({
      title: `Votre demande n° ${f.fileNumber}`,
      paragraphs: [
        `Merci : ${f.school} a bien reçu votre demande n° ${f.fileNumber} et vous répond au plus vite.`,
        'Votre dossier est à portée de clic, à tout moment, par le lien ci-dessous.',
      ],
    }),
    staff_reply: (p, f) => ({
      title: 'Réponse à votre demande',
      paragraphs: [`${p.staffName} (${f.school}) vous a répondu :`],
      quote: p.body,
    }),
    quote: (p, f) => ({
      title: `Votre devis ${p.offerNumber}`,
      paragraphs: [
        `Veuillez trouver ci-joint notre devis ${p.offerNumber} (${f.money(p.totalCents)}), valable jusqu’au ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_link: (p, f) => ({
      title: `Votre lien de paiement ${p.offerNumber}`,
      paragraphs: [
        `Vous pouvez régler ${f.money(p.amountCents)} pour votre dossier ${f.fileNumber} jusqu’au ${f.day(p.validUntil)}.`,
      ],
    }),
    quote_expiry_reminder: (p, f) => ({
      title: `Rappel — ${p.offerKind === 'quote' ? 'votre devis' : 'votre lien de paiement'} ${p.offerNumber}`,
      paragraphs: [
        `${p.offerKind === 'quote' ? 'Notre devis' : 'Votre lien de paiement'} ${p.offerNumber} est valable jusqu’au ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_receipt: (p, f, m) => ({
      title: 'Paiement reçu',
      paragraphs: [
        `Nous avons bien reçu votre paiement de ${f.money(p.amountCents)} (${m[p.method] ?? p.method}).`,
        p.remainingCents > 0
          ? `Déjà réglé : ${f.money(p.paidCents)}. Reste à régler : ${f.money(p.remainingCents)}.`
          : `Votre dossier est soldé (${f.money(p.paidCents)}).`,
      ],
    }),
    refund: (p, f) => ({
      title: 'Remboursement',
      paragraphs: [`Nous vous avons remboursé ${f.money(Math.abs(p.amountCents))}.`],
    }),
    balance_reminder: (p, f) => ({
      title: p.isOverdue ? 'Solde en retard' : 'Rappel de solde',
      paragraphs: [
        p.isOverdue
          ? `Le solde de ${f.money(p.amountCents)} était dû le ${f.day(p.dueOn)}.`
          : `Le solde de ${f.money(p.amountCents)} est à régler d’ici le ${f.day(p.dueOn)}.`,
      ],
    }),
  },
  en: {
    acknowledgement: (_p, f) => ({
      title: `Your request no. ${f.fileNumber}`,
      paragraphs: [
        `Thank you: ${f.school} received your request no. ${f.fileNumber} and will reply soon.`,
        'Your file is one click away at any time, through the link below.',
      ],
    }),
    staff_reply: (p, f) => ({
      title: 'Reply to your request',
      paragraphs: [`${p.staffName} (${f.school}) replied:`],
      quote: p.body,
    }),
    quote: (p, f) => ({
      title: `Your quote ${p.offerNumber}`,
      paragraphs: [
        `Please find attached our quote ${p.offerNumber} (${f.money(p.totalCents)}), valid until ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_link: (p, f) => ({
      title: `Your payment link ${p.offerNumber}`,
      paragraphs: [
        `You can pay ${f.money(p.amountCents)} for your file ${f.fileNumber} until ${f.day(p.validUntil)}.`,
      ],
    }),
    quote_expiry_reminder: (p, f) => ({
      title: `Reminder — ${p.offerKind === 'quote' ? 'your quote' : 'your payment link'} ${p.offerNumber}`,
      paragraphs: [
        `${p.offerKind === 'quote' ? 'Our quote' : 'Your payment link'} ${p.offerNumber} is valid until ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_receipt: (p, f, m) => ({
      title: 'Payment received',
      paragraphs: [
        `We received your payment of ${f.money(p.amountCents)} (${m[p.method] ?? p.method}).`,
        p.remainingCents > 0
          ? `Paid so far: ${f.money(p.paidCents)}. Still to pay: ${f.money(p.remainingCents)}.`
          : `Your file is fully paid (${f.money(p.paidCents)}).`,
      ],
    }),
    refund: (p, f) => ({
      title: 'Refund',
      paragraphs: [`We refunded you ${f.money(Math.abs(p.amountCents))}.`],
    }),
    balance_reminder: (p, f) => ({
      title: p.isOverdue ? 'Balance overdue' : 'Balance reminder',
      paragraphs: [
        p.isOverdue
          ? `The balance of ${f.money(p.amountCents)} was due on ${f.day(p.dueOn)}.`
          : `The balance of ${f.money(p.amountCents)} is due by ${f.day(p.dueOn)}.`,
      ],
    }),
  },
  de: {
    acknowledgement: (_p, f) => ({
      title: `Ihre Anfrage Nr. ${f.fileNumber}`,
      paragraphs: [
        `Danke: ${f.school} hat Ihre Anfrage Nr. ${f.fileNumber} erhalten und antwortet Ihnen bald.`,
        'Ihr Vorgang ist jederzeit über den Link unten erreichbar.',
      ],
    }),
    staff_reply: (p, f) => ({
      title: 'Antwort auf Ihre Anfrage',
      paragraphs: [`${p.staffName} (${f.school}) hat Ihnen geantwortet:`],
      quote: p.body,
    }),
    quote: (p, f) => ({
      title: `Ihr Angebot ${p.offerNumber}`,
      paragraphs: [
        `Anbei unser Angebot ${p.offerNumber} (${f.money(p.totalCents)}), gültig bis ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_link: (p, f) => ({
      title: `Ihr Zahlungslink ${p.offerNumber}`,
      paragraphs: [
        `Sie können ${f.money(p.amountCents)} für Ihren Vorgang ${f.fileNumber} bis ${f.day(p.validUntil)} bezahlen.`,
      ],
    }),
    quote_expiry_reminder: (p, f) => ({
      title: `Erinnerung — ${p.offerKind === 'quote' ? 'Ihr Angebot' : 'Ihr Zahlungslink'} ${p.offerNumber}`,
      paragraphs: [
        `${p.offerKind === 'quote' ? 'Unser Angebot' : 'Ihr Zahlungslink'} ${p.offerNumber} ist gültig bis ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_receipt: (p, f, m) => ({
      title: 'Zahlung erhalten',
      paragraphs: [
        `Wir haben Ihre Zahlung von ${f.money(p.amountCents)} erhalten (${m[p.method] ?? p.method}).`,
        p.remainingCents > 0
          ? `Bereits bezahlt: ${f.money(p.paidCents)}. Noch offen: ${f.money(p.remainingCents)}.`
          : `Ihr Vorgang ist vollständig bezahlt (${f.money(p.paidCents)}).`,
      ],
    }),
    refund: (p, f) => ({
      title: 'Rückerstattung',
      paragraphs: [`Wir haben Ihnen ${f.money(Math.abs(p.amountCents))} zurückerstattet.`],
    }),
    balance_reminder: (p, f) => ({
      title: p.isOverdue ? 'Restbetrag überfällig' : 'Erinnerung: Restbetrag',
      paragraphs: [
        p.isOverdue
          ? `Der Restbetrag von ${f.money(p.amountCents)} war am ${f.day(p.dueOn)} fällig.`
          : `Der Restbetrag von ${f.money(p.amountCents)} ist bis ${f.day(p.dueOn)} zu zahlen.`,
      ],
    }),
  },
  it: {
    acknowledgement: (_p, f) => ({
      title: `La sua richiesta n. ${f.fileNumber}`,
      paragraphs: [
        `Grazie: ${f.school} ha ricevuto la sua richiesta n. ${f.fileNumber} e le risponderà presto.`,
        'La sua pratica è sempre a portata di clic, con il link qui sotto.',
      ],
    }),
    staff_reply: (p, f) => ({
      title: 'Risposta alla sua richiesta',
      paragraphs: [`${p.staffName} (${f.school}) le ha risposto:`],
      quote: p.body,
    }),
    quote: (p, f) => ({
      title: `Il suo preventivo ${p.offerNumber}`,
      paragraphs: [
        `In allegato il nostro preventivo ${p.offerNumber} (${f.money(p.totalCents)}), valido fino al ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_link: (p, f) => ({
      title: `Il suo link di pagamento ${p.offerNumber}`,
      paragraphs: [
        `Può pagare ${f.money(p.amountCents)} per la pratica ${f.fileNumber} fino al ${f.day(p.validUntil)}.`,
      ],
    }),
    quote_expiry_reminder: (p, f) => ({
      title: `Promemoria — ${p.offerKind === 'quote' ? 'il suo preventivo' : 'il suo link di pagamento'} ${p.offerNumber}`,
      paragraphs: [
        `${p.offerKind === 'quote' ? 'Il nostro preventivo' : 'Il suo link di pagamento'} ${p.offerNumber} è valido fino al ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_receipt: (p, f, m) => ({
      title: 'Pagamento ricevuto',
      paragraphs: [
        `Abbiamo ricevuto il suo pagamento di ${f.money(p.amountCents)} (${m[p.method] ?? p.method}).`,
        p.remainingCents > 0
          ? `Già pagato: ${f.money(p.paidCents)}. Resta da pagare: ${f.money(p.remainingCents)}.`
          : `La sua pratica è saldata (${f.money(p.paidCents)}).`,
      ],
    }),
    refund: (p, f) => ({
      title: 'Rimborso',
      paragraphs: [`Le abbiamo rimborsato ${f.money(Math.abs(p.amountCents))}.`],
    }),
    balance_reminder: (p, f) => ({
      title: p.isOverdue ? 'Saldo in ritardo' : 'Promemoria saldo',
      paragraphs: [
        p.isOverdue
          ? `Il saldo di ${f.money(p.amountCents)} era dovuto il ${f.day(p.dueOn)}.`
          : `Il saldo di ${f.money(p.amountCents)} è da pagare entro il ${f.day(p.dueOn)}.`,
      ],
    }),
  },
  es: {
    acknowledgement: (_p, f) => ({
      title: `Su solicitud n.º ${f.fileNumber}`,
      paragraphs: [
        `Gracias: ${f.school} ha recibido su solicitud n.º ${f.fileNumber} y le responderá pronto.`,
        'Su expediente está siempre a un clic, con el enlace de abajo.',
      ],
    }),
    staff_reply: (p, f) => ({
      title: 'Respuesta a su solicitud',
      paragraphs: [`${p.staffName} (${f.school}) le ha respondido:`],
      quote: p.body,
    }),
    quote: (p, f) => ({
      title: `Su presupuesto ${p.offerNumber}`,
      paragraphs: [
        `Adjuntamos nuestro presupuesto ${p.offerNumber} (${f.money(p.totalCents)}), válido hasta el ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_link: (p, f) => ({
      title: `Su enlace de pago ${p.offerNumber}`,
      paragraphs: [
        `Puede pagar ${f.money(p.amountCents)} por su expediente ${f.fileNumber} hasta el ${f.day(p.validUntil)}.`,
      ],
    }),
    quote_expiry_reminder: (p, f) => ({
      title: `Recordatorio — ${p.offerKind === 'quote' ? 'su presupuesto' : 'su enlace de pago'} ${p.offerNumber}`,
      paragraphs: [
        `${p.offerKind === 'quote' ? 'Nuestro presupuesto' : 'Su enlace de pago'} ${p.offerNumber} es válido hasta el ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_receipt: (p, f, m) => ({
      title: 'Pago recibido',
      paragraphs: [
        `Hemos recibido su pago de ${f.money(p.amountCents)} (${m[p.method] ?? p.method}).`,
        p.remainingCents > 0
          ? `Ya pagado: ${f.money(p.paidCents)}. Pendiente: ${f.money(p.remainingCents)}.`
          : `Su expediente está saldado (${f.money(p.paidCents)}).`,
      ],
    }),
    refund: (p, f) => ({
      title: 'Reembolso',
      paragraphs: [`Le hemos reembolsado ${f.money(Math.abs(p.amountCents))}.`],
    }),
    balance_reminder: (p, f) => ({
      title: p.isOverdue ? 'Saldo vencido' : 'Recordatorio de saldo',
      paragraphs: [
        p.isOverdue
          ? `El saldo de ${f.money(p.amountCents)} vencía el ${f.day(p.dueOn)}.`
          : `El saldo de ${f.money(p.amountCents)} debe pagarse antes del ${f.day(p.dueOn)}.`,
      ],
    }),
  },
  nl: {
    acknowledgement: (_p, f) => ({
      title: `Uw aanvraag nr. ${f.fileNumber}`,
      paragraphs: [
        `Bedankt: ${f.school} heeft uw aanvraag nr. ${f.fileNumber} ontvangen en antwoordt u snel.`,
        'Uw dossier is altijd bereikbaar via de link hieronder.',
      ],
    }),
    staff_reply: (p, f) => ({
      title: 'Antwoord op uw aanvraag',
      paragraphs: [`${p.staffName} (${f.school}) heeft u geantwoord:`],
      quote: p.body,
    }),
    quote: (p, f) => ({
      title: `Uw offerte ${p.offerNumber}`,
      paragraphs: [
        `In de bijlage vindt u onze offerte ${p.offerNumber} (${f.money(p.totalCents)}), geldig tot ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_link: (p, f) => ({
      title: `Uw betaallink ${p.offerNumber}`,
      paragraphs: [
        `U kunt ${f.money(p.amountCents)} voor uw dossier ${f.fileNumber} betalen tot ${f.day(p.validUntil)}.`,
      ],
    }),
    quote_expiry_reminder: (p, f) => ({
      title: `Herinnering — ${p.offerKind === 'quote' ? 'uw offerte' : 'uw betaallink'} ${p.offerNumber}`,
      paragraphs: [
        `${p.offerKind === 'quote' ? 'Onze offerte' : 'Uw betaallink'} ${p.offerNumber} is geldig tot ${f.day(p.validUntil)}.`,
      ],
    }),
    payment_receipt: (p, f, m) => ({
      title: 'Betaling ontvangen',
      paragraphs: [
        `We hebben uw betaling van ${f.money(p.amountCents)} ontvangen (${m[p.method] ?? p.method}).`,
        p.remainingCents > 0
          ? `Al betaald: ${f.money(p.paidCents)}. Nog te betalen: ${f.money(p.remainingCents)}.`
          : `Uw dossier is volledig betaald (${f.money(p.paidCents)}).`,
      ],
    }),
    refund: (p, f) => ({
      title: 'Terugbetaling',
      paragraphs: [`We hebben u ${f.money(Math.abs(p.amountCents))} terugbetaald.`],
    }),
    balance_reminder: (p, f) => ({
      title: p.isOverdue ? 'Saldo te laat' : 'Herinnering saldo',
      paragraphs: [
        p.isOverdue
          ? `Het saldo van ${f.money(p.amountCents)} was verschuldigd op ${f.day(p.dueOn)}.`
          : `Het saldo van ${f.money(p.amountCents)} moet betaald zijn vóór ${f.day(p.dueOn)}.`,
      ],
    }),
  },
};

/** The customer's language if Schuss speaks it, else the school's, else French. */
export function emailLanguageOf(customerLanguage: string, schoolLanguage: string): CustomerLanguage {
  const known = (l: string): l is CustomerLanguage => (CUSTOMER_LANGUAGES as readonly string[]).includes(l);
  if (known(customerLanguage)) return customerLanguage;
  if (known(schoolLanguage)) return schoolLanguage;
  return 'fr';
}

/** The words of one customer e-mail in one language. */
export function emailWordsOf(
  params: CustomerEmailParams,
  language: CustomerLanguage,
  facts: { firstName: string; fileNumber: string; school: string },
): EmailWords & { fileLabel: string; replyHint: string } {
  const common = COMMON[language];
  const f: Facts = {
    money: (amount) => formatMoney(cents(amount) as Cents, common.locale),
    day: (isoDay) =>
      new Intl.DateTimeFormat(common.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${isoDay}T12:00:00Z`),
      ),
    fileNumber: facts.fileNumber,
    school: facts.school,
  };
  const render = CATALOGUES[language][params.template] as (
    p: CustomerEmailParams,
    f: Facts,
    m: Record<string, string>,
  ) => Words;
  const words = render(params, f, METHODS[language]);
  return {
    ...words,
    greeting: common.hello(facts.firstName),
    action: common.open,
    closing: common.closing,
    fileLabel: common.fileLabel,
    replyHint: common.replyHint,
  };
}
