import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { OfferSnapshot } from '../../app/offers/offer-snapshot.js';
import { cents, formatMoney } from '../../domain/money.js';

const require = createRequire(import.meta.url);
/** DejaVu Sans, shipped by the dejavu-fonts-ttf package and embedded: every accent and € prints. */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/**
 * The two faces, parsed once per process: parsing a 750 kB TrueType file was most of a PDF's
 * cost (≈ 40 ms CPU). pdfkit accepts a fontkit font object and subsets it per document, so the
 * parsed font is shared read-only by every document.
 */
let faces: { body: fontkit.Font; bold: fontkit.Font } | null = null;
function parsedFaces(): { body: fontkit.Font; bold: fontkit.Font } {
  faces ??= { body: openFont(FONT), bold: openFont(FONT_BOLD) };
  return faces;
}
function openFont(path: string): fontkit.Font {
  const font = fontkit.create(readFileSync(path));
  if (!('layout' in font)) throw new Error(`${path} is a font collection, not a font`);
  return font;
}

const euros = (amount: number) => formatMoney(cents(amount)).replace(/\u202f|\u00a0/g, ' ');
const frDay = (day: string) => day.split('-').reverse().join('/');
const rate = (bp: number) => `${(bp / 100).toLocaleString('fr-FR')} %`;

/**
 * The quote (or payment link) as sent, from its snapshot: the school's legal details, the
 * customer, the lines, the VAT per rate, the total TTC and the validity, with French mentions.
 */
export function renderQuotePdf(snapshot: OfferSnapshot): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    // No default Helvetica: it would be parsed from its AFM file for every document, never used.
    font: '',
    info: { Title: `${snapshot.number}`, Author: snapshot.school.name },
  });
  const { body, bold } = parsedFaces();
  // pdfkit's types take a path or bytes; its code also takes a parsed fontkit font (font_factory.js).
  doc.registerFont('body', body as unknown as string);
  doc.registerFont('bold', bold as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const legal = snapshot.school.legal;
  doc
    .font('bold')
    .fontSize(14)
    .text(legal.companyName || snapshot.school.name);
  doc.font('body').fontSize(9);
  if (legal.address) doc.text(legal.address);
  if (legal.siret) doc.text(`SIRET : ${legal.siret}`);
  if (legal.vatNumber) doc.text(`N° TVA intracommunautaire : ${legal.vatNumber}`);
  doc.moveDown(1.5);

  const title = snapshot.kind === 'quote' ? 'Devis' : 'Demande de paiement';
  doc.font('bold').fontSize(18).text(`${title} ${snapshot.number}`);
  doc.font('body').fontSize(10);
  doc.text(
    `Dossier ${snapshot.fileNumber} — émis le ${frDay(snapshot.sentOn)}${snapshot.version > 1 ? ` — version ${snapshot.version}` : ''}`,
  );
  doc.text(
    `Client : ${snapshot.customer.name}${snapshot.customer.email ? ` <${snapshot.customer.email}>` : ''}`,
  );
  doc.moveDown(1);

  const left = doc.page.margins.left;
  const cols = { label: left, qty: left + 270, unit: left + 320, vat: left + 395, total: left + 440 };
  const row = (cells: [string, string, string, string, string], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'bold' : 'body').fontSize(9);
    doc.text(cells[0], cols.label, y, { width: 260 });
    const end = doc.y;
    doc.text(cells[1], cols.qty, y, { width: 45, align: 'right' });
    doc.text(cells[2], cols.unit, y, { width: 70, align: 'right' });
    doc.text(cells[3], cols.vat, y, { width: 40, align: 'right' });
    doc.text(cells[4], cols.total, y, { width: 65, align: 'right' });
    doc.x = left;
    doc.y = Math.max(end, doc.y) + 4;
  };
  row(['Prestation', 'Qté', 'Prix unit. TTC', 'TVA', 'Total TTC'], true);
  for (const line of snapshot.lines)
    row([
      line.label,
      String(line.quantity),
      euros(line.unitPriceCents),
      rate(line.vatRateBp),
      euros(line.totalCents),
    ]);
  doc.moveDown(1);

  const totalsRow = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'bold' : 'body').fontSize(bold ? 11 : 9);
    doc.text(label, left + 220, y, { width: 210, align: 'right' });
    doc.text(value, cols.total - 20, y, { width: 85, align: 'right' });
    doc.x = left;
    doc.moveDown(0.3);
  };
  totalsRow('Total HT', euros(snapshot.totals.netCents));
  for (const vat of snapshot.totals.vat)
    totalsRow(
      vat.rateBp === 0
        ? 'TVA 0 % (TVA non applicable)'
        : `TVA ${rate(vat.rateBp)} sur ${euros(vat.netCents)} HT`,
      euros(vat.vatCents),
    );
  totalsRow('Total TTC', euros(snapshot.totals.totalCents), true);
  if (snapshot.totals.paidCents > 0) totalsRow('Déjà réglé', euros(snapshot.totals.paidCents));
  if (snapshot.amountCents !== null) totalsRow('Montant demandé', euros(snapshot.amountCents), true);
  doc.moveDown(1.5);

  doc
    .font('body')
    .fontSize(9)
    .text(`Devis valable jusqu’au ${frDay(snapshot.validUntil)}.`, left);
  if (snapshot.totals.vat.every((v) => v.rateBp === 0))
    doc.text('TVA non applicable, article 293 B du Code général des impôts.');
  doc.text('Prix exprimés en euros, toutes taxes comprises (TTC).');
  if (legal.mentions) doc.moveDown(0.5).text(legal.mentions);
  doc.end();
  return done;
}
