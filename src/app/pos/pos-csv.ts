import { stringify } from 'csv-stringify/sync';
import type { PosOrder } from '../../shared/contracts/pos.js';

const HEADER = [
  'Numéro',
  'Date du dossier',
  'Nom',
  'Prénom',
  'E-mail',
  'Téléphone',
  'Prestation',
  'Type',
  'Premier jour',
  'Dernier jour',
  'Horaire',
  'Lieu de rendez-vous',
  'Participants',
  'Quantité',
  'Prix unitaire TTC',
  'Total TTC',
  'Taux de TVA',
  'TVA',
  'Payé sur le dossier',
  'Paiements',
];

/** 21 500 cents → "215,00": French Excel reads it as a number. */
function euros(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function rate(basisPoints: number): string {
  return `${euros(basisPoints)} %`;
}

/**
 * The ready orders as a CSV spreadsheets open correctly: UTF-8 with a BOM, `;` between cells
 * (French Excel), CRLF line ends, and cells starting with `=`, `+`, `-`, `@`, tab or CR prefixed
 * with `'` (csv-stringify's `escape_formulas`) so a customer's name is never run as a formula.
 * One row per line to import.
 */
export function ordersCsv(orders: readonly PosOrder[]): string {
  const rows = orders.flatMap((order) =>
    order.lines.map((line) => [
      order.number,
      order.createdAt.slice(0, 10),
      order.customer.lastName,
      order.customer.firstName,
      order.customer.email,
      order.customer.phone ?? '',
      line.label,
      line.productKind ?? '',
      line.dates?.from ?? '',
      line.dates?.to ?? '',
      line.session ? `${line.session.startTime}-${line.session.endTime}` : '',
      line.session?.meetingPoint ?? '',
      line.participants
        .map((p) => [p.firstName, p.birthDate, p.level].filter((part) => part !== '').join(' '))
        .join(' | '),
      String(line.quantity),
      euros(line.unitPriceCents),
      euros(line.totalCents),
      rate(line.vatRateBp),
      euros(line.vatCents),
      euros(order.paidCents),
      order.payments
        .map((p) => `${p.receivedAt.slice(0, 10)} ${p.method} ${euros(p.amountCents)}`)
        .join(' | '),
    ]),
  );
  return stringify([HEADER, ...rows], {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    escape_formulas: true,
    quoted_match: /[\r\n"]/,
  });
}
