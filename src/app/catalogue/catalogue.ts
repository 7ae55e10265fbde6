import {
  findProductInSchool,
  findSchoolTimeZone,
  findSessionInSchool,
  insertProductSessions,
  insertProducts,
  listDaysOffOfSchool,
  listInstructorRecords,
  listProductsOfSchool,
  listSessionsOfProduct,
  listSessionsOfSchool,
  nextProductPosition,
  type ProductChange,
  type ProductRecord,
  updateProductInSchool,
  updateProductSessionInSchool,
} from '../../db/repositories/index.js';
import { AppError, type FieldTexts, notFound, validation } from '../../domain/errors.js';
import { dayIn } from '../../domain/time-zone.js';
import type {
  Catalogue,
  Product,
  ProductInputSchema,
  ProductPatch,
  Session,
  SessionInputSchema,
  SessionPatch,
} from '../../shared/contracts/sales.js';
import { LEVELS } from '../../shared/vocabulary.js';
import type { StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { journal, transact } from '../tx.js';
import { capacityBelowTaken, CATALOGUE_MESSAGES as M } from './catalogue.messages.js';
import { changedKeys, definedOnly, isRealDay, pick, toInstructor } from './catalogue-view.js';

type ProductInput = import('zod').infer<typeof ProductInputSchema>;
type SessionInput = import('zod').infer<typeof SessionInputSchema>;

/**
 * Paramètres → Catalogue, and what "Ajouter une prestation" picks from: every product of the
 * school (archived ones flagged: they stay on old files) with its sessions and the places taken,
 * and the instructors with their days off from today on. Every staff member may read it.
 */
export async function listCatalogue(deps: AppDeps, actor: StaffActor): Promise<Catalogue> {
  const db = deps.db.kysely;
  const timeZone = await findSchoolTimeZone(db, actor.schoolId);
  const today = dayIn(deps.clock.now(), timeZone);
  const [products, sessions, instructors, daysOff] = await Promise.all([
    listProductsOfSchool(db, actor.schoolId),
    listSessionsOfSchool(db, actor.schoolId),
    listInstructorRecords(db, actor.schoolId),
    listDaysOffOfSchool(db, actor.schoolId, today),
  ]);
  const byProduct = new Map<string, Session[]>();
  for (const session of sessions) {
    const list = byProduct.get(session.productId) ?? [];
    list.push(session);
    byProduct.set(session.productId, list);
  }
  return {
    products: products.map((p) => ({ ...p, sessions: byProduct.get(p.id) ?? [] })),
    instructors: instructors.map((i) => toInstructor(i, daysOff.get(i.id) ?? [])),
  };
}

/** The product's rules that span fields: an age range in order; an extra sold per participant or per file. */
function productFieldErrors(p: Pick<ProductRecord, 'kind' | 'ageMin' | 'ageMax' | 'priceUnit'>): FieldTexts {
  const fields: FieldTexts = {};
  if (p.ageMin !== null && p.ageMax !== null && p.ageMax < p.ageMin) fields.ageMax = M.ageRange;
  if (p.kind === 'extra' && p.priceUnit !== 'participant' && p.priceUnit !== 'file')
    fields.priceUnit = M.extraUnit;
  return fields;
}

function throwIfAny(fields: FieldTexts): void {
  if (Object.keys(fields).length > 0) throw validation(fields, M.invalid);
}

/** An admin adds a product (or an extra) to the catalogue, at the end of it. Journaled. */
export async function createProduct(deps: AppDeps, actor: StaffActor, input: ProductInput): Promise<Product> {
  requireRole(actor, 'admin');
  throwIfAny(productFieldErrors(input));
  return transact(deps, async (tx) => {
    const id = newId('product');
    await insertProducts(tx.trx, [
      {
        id,
        schoolId: actor.schoolId,
        kind: input.kind,
        name: input.name,
        names: input.names,
        description: input.description,
        practice: input.practice,
        ageMin: input.ageMin,
        ageMax: input.ageMax,
        levels: input.levels,
        priceCents: input.priceCents,
        priceUnit: input.priceUnit,
        vatRateBp: input.vatRateBp,
        isOnlineSale: input.isOnlineSale,
        isOptional: input.isOptional,
        position: await nextProductPosition(tx.trx, actor.schoolId),
        createdAt: tx.now,
      },
    ]);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'catalogue.product_created',
      details: { productId: id, name: input.name, kind: input.kind },
    });
    const created = await findProductInSchool(tx.trx, actor.schoolId, id);
    return { ...created!, sessions: [] };
  });
}

/**
 * An admin edits a product, or archives it (`isArchived: true`): an archived product is no
 * longer offered but stays on the files that hold it — a product is never deleted. Journaled.
 */
export async function updateProduct(
  deps: AppDeps,
  actor: StaffActor,
  productId: string,
  input: ProductPatch,
): Promise<Product> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const current = await findProductInSchool(tx.trx, actor.schoolId, productId);
    if (!current) throw notFound(M.productNotFound);
    const { isArchived, ...given } = input;
    // Levels are kept in the vocabulary's order: a list in another order is no change.
    const fields = given.levels
      ? { ...given, levels: LEVELS.filter((l) => given.levels?.includes(l)) }
      : given;
    throwIfAny(productFieldErrors({ ...current, ...definedOnly(fields) }));
    const changes = changedKeys(current, fields);
    const archiving = isArchived !== undefined && isArchived !== current.isArchived;
    const change: ProductChange = {
      ...pick(fields, changes),
      ...(archiving && { archivedAt: isArchived ? tx.now : null }),
    };
    const updated = await updateProductInSchool(tx.trx, actor.schoolId, productId, change);
    if (!updated) throw notFound(M.productNotFound);
    if (changes.length > 0) {
      await journal(tx, {
        schoolId: actor.schoolId,
        actor,
        action: 'catalogue.product_updated',
        details: { productId, name: updated.name, changes },
      });
    }
    if (archiving) {
      await journal(tx, {
        schoolId: actor.schoolId,
        actor,
        action: 'catalogue.product_archived',
        details: { productId, name: updated.name, isArchived: updated.isArchived },
      });
    }
    return { ...updated, sessions: await listSessionsOfProduct(tx.trx, actor.schoolId, productId) };
  });
}

/** A session's rules that span fields, as it would be saved; `taken`: places already held in it. */
function sessionFieldErrors(s: SessionInput, taken: number): FieldTexts {
  const fields: FieldTexts = {};
  if (!isRealDay(s.startsOn)) fields.startsOn = M.badDay;
  if (!isRealDay(s.endsOn)) fields.endsOn = M.badDay;
  else if (!fields.startsOn && s.endsOn < s.startsOn) fields.endsOn = M.endsBeforeStart;
  if (s.endTime <= s.startTime) fields.endTime = M.endTimeBeforeStart;
  if (s.capacity < taken) fields.capacity = capacityBelowTaken(taken);
  return fields;
}

/** An admin adds a session (dates, times, meeting point, capacity) to a product of the catalogue. Journaled. */
export async function addSession(
  deps: AppDeps,
  actor: StaffActor,
  productId: string,
  input: SessionInput,
): Promise<Session> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const product = await findProductInSchool(tx.trx, actor.schoolId, productId);
    if (!product) throw notFound(M.productNotFound);
    if (product.kind === 'extra') throw new AppError('INVALID_STATE', M.extraHasNoSession);
    if (product.isArchived) throw new AppError('INVALID_STATE', M.archivedProduct);
    throwIfAny(sessionFieldErrors(input, 0));
    const id = newId('productSession');
    await insertProductSessions(tx.trx, [
      { id, schoolId: actor.schoolId, productId, ...input, createdAt: tx.now },
    ]);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'catalogue.session_added',
      details: {
        productId,
        productName: product.name,
        sessionId: id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      },
    });
    return (await findSessionInSchool(tx.trx, actor.schoolId, id))!;
  });
}

/**
 * An admin edits a session or closes it (`isActive: false`). Its capacity never goes below the
 * places already taken: the row is written first (on PostgreSQL this holds the session's lock,
 * which adding a line takes too), then the places are counted, so no sale slips in between.
 */
export async function updateSession(
  deps: AppDeps,
  actor: StaffActor,
  sessionId: string,
  input: SessionPatch,
): Promise<Session> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const current = await findSessionInSchool(tx.trx, actor.schoolId, sessionId);
    if (!current) throw notFound(M.sessionNotFound);
    const changes = changedKeys(current, input);
    const next = { ...current, ...definedOnly(input) };
    // The rules span fields: check them on what will be saved, and only on what changed or
    // depends on it (a capacity already below what is taken does not block editing the times).
    const fields = sessionFieldErrors(next, 0);
    if (!changes.some((k) => k === 'startsOn' || k === 'endsOn')) {
      delete fields.startsOn;
      delete fields.endsOn;
    }
    if (!changes.some((k) => k === 'startTime' || k === 'endTime')) delete fields.endTime;
    throwIfAny(fields);
    const updated = await updateProductSessionInSchool(
      tx.trx,
      actor.schoolId,
      sessionId,
      pick(input, changes),
    );
    if (!updated) throw notFound(M.sessionNotFound);
    if (changes.includes('capacity') && updated.capacity < updated.taken) {
      throw validation({ capacity: capacityBelowTaken(updated.taken) }, M.invalid);
    }
    if (changes.length > 0) {
      const product = await findProductInSchool(tx.trx, actor.schoolId, updated.productId);
      await journal(tx, {
        schoolId: actor.schoolId,
        actor,
        action: 'catalogue.session_updated',
        details: {
          productId: updated.productId,
          productName: product?.name ?? '',
          sessionId,
          startsOn: updated.startsOn,
          endsOn: updated.endsOn,
          changes,
        },
      });
    }
    return updated;
  });
}
