import {
  findRequestIdByNumber,
  listReadyPosFileIds,
  loadPosFiles,
  markOnlineLinesImported,
  type PosKey,
} from '../../db/repositories/index.js';
import { AppError, NOT_FOUND, notFound } from '../../domain/errors.js';
import { cents, vatIncluded } from '../../domain/money.js';
import {
  POS_SCHEMA_VERSION,
  type PosAck,
  type PosOrder,
  type PosOrderPage,
} from '../../shared/contracts/pos.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { readLineDetails } from '../devis/line-details.schemas.js';
import { changeRequest } from '../requests/change-request.js';
import { type Tx, transact } from '../tx.js';
import { POS_MESSAGES } from './pos.messages.js';
import { logPosKeyUse, posActorOf } from './pos-keys.js';

const encodeCursor = (number: string) => Buffer.from(number, 'utf8').toString('base64url');

function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === '') return null;
  const number = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[\w-]{1,40}$/.test(number) || encodeCursor(number) !== cursor)
    throw new AppError('VALIDATION', POS_MESSAGES.badCursor, { fields: { cursor: POS_MESSAGES.badCursor } });
  return number;
}

/** The orders of these files as the POS software reads them: the online lines still to import. */
async function ordersOf(tx: Tx, schoolId: string, ids: readonly string[]): Promise<PosOrder[]> {
  const { files, lines, payments } = await loadPosFiles(tx.trx, schoolId, ids);
  return files
    .map(
      (file): PosOrder => ({
        number: file.number,
        createdAt: file.created_at,
        customer: {
          firstName: file.first_name,
          lastName: file.last_name,
          email: file.email,
          phone: file.phone,
          language: file.language,
        },
        totalCents: Number(file.total_cents),
        paidCents: Number(file.paid_cents),
        lines: lines
          .filter(
            (l) => l.request_id === file.id && Number(l.is_online_sale) === 1 && l.pos_imported_at === null,
          )
          .map((l) => {
            const details = readLineDetails(l.details_json);
            const total = cents(Number(l.total_cents));
            return {
              id: l.id,
              productId: l.product_id,
              productKind: l.product_kind ?? null,
              label: l.label,
              quantity: Number(l.quantity),
              unitPriceCents: Number(l.unit_price_cents),
              totalCents: total,
              vatRateBp: Number(l.vat_rate_bp),
              vatCents: vatIncluded(total, Number(l.vat_rate_bp)),
              session: details.session ?? null,
              dates: details.session
                ? { from: details.session.startsOn, to: details.session.endsOn }
                : (details.dates ?? null),
              participants: details.participants,
            };
          }),
        payments: payments
          .filter((p) => p.request_id === file.id)
          .map((p) => ({
            id: p.id,
            kind: p.kind,
            method: p.method,
            amountCents: Number(p.amount_cents),
            currency: p.currency,
            provider: p.provider,
            providerRef: p.provider_ref,
            receivedAt: p.received_at,
          })),
      }),
    )
    .sort((a, b) => (a.number < b.number ? -1 : 1));
}

/**
 * `GET /api/pos/v1/orders?state=ready`: the school's fully paid files that still have lines sold
 * online not imported, a page at a time in number order (the cursor is the last number seen).
 * Each call is logged with the key's name.
 */
export async function listReadyOrders(
  deps: AppDeps,
  key: PosKey,
  query: { cursor?: string; limit: number },
): Promise<PosOrderPage> {
  const after = decodeCursor(query.cursor);
  return transact(deps, async (tx) => {
    const page = await listReadyPosFileIds(tx.trx, key.schoolId, after, query.limit + 1);
    const shown = page.slice(0, query.limit);
    const orders = await ordersOf(
      tx,
      key.schoolId,
      shown.map((f) => f.id),
    );
    await logPosKeyUse(tx, key, 'list', `${orders.length}`);
    const last = shown.at(-1);
    return {
      schema: POS_SCHEMA_VERSION,
      orders,
      nextCursor: page.length > query.limit && last ? encodeCursor(last.number) : null,
    };
  });
}

/** Every ready order of the school (the staff app's "Export pour le logiciel"). */
export async function allReadyOrders(tx: Tx, schoolId: string): Promise<PosOrder[]> {
  const orders: PosOrder[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await listReadyPosFileIds(tx.trx, schoolId, after, 200);
    orders.push(
      ...(await ordersOf(
        tx,
        schoolId,
        page.map((f) => f.id),
      )),
    );
    if (page.length < 200) return orders;
    after = page.at(-1)!.number;
  }
}

/**
 * Marks a file's online lines imported into the POS software, through the change path: the status
 * rule then moves the file on ("Commande traitée" when nothing else is missing). Acknowledging
 * again changes nothing.
 */
export async function markFileImported(
  tx: Tx,
  target: { schoolId: string; requestId: string; actor: Actor; expectedVersion?: number },
): Promise<{ number: string; importedLines: number; status: string; version: number }> {
  const outcome = await changeRequest(tx, target, async (file) => {
    if (file.request.archivedAt !== null) throw new AppError('INVALID_STATE', POS_MESSAGES.archived);
    const importedLines = await markOnlineLinesImported(tx.trx, target.schoolId, target.requestId, tx.now);
    if (importedLines > 0) {
      file.factsChanged();
      file.journal({
        action: 'pos.lines_imported',
        details: { number: file.request.number, lines: importedLines },
      });
    }
    return importedLines;
  });
  return {
    number: outcome.request.number,
    importedLines: outcome.result,
    status: outcome.request.status,
    version: outcome.request.version,
  };
}

/** `POST /api/pos/v1/orders/:number/ack`: an unknown number, or another school's, is not found. */
export async function acknowledgeOrder(deps: AppDeps, key: PosKey, number: string): Promise<PosAck> {
  return transact(deps, async (tx) => {
    const requestId = await findRequestIdByNumber(tx.trx, key.schoolId, number);
    if (!requestId) throw notFound(NOT_FOUND.file);
    const done = await markFileImported(tx, { schoolId: key.schoolId, requestId, actor: posActorOf(key) });
    await logPosKeyUse(tx, key, 'ack', number);
    return { schema: POS_SCHEMA_VERSION, number, importedLines: done.importedLines, status: done.status };
  });
}
