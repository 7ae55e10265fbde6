import {
  countPlacesHeld,
  type Db,
  findInstructorOfSchool,
  findProductOfSchool,
  lockSessionOfSchool,
  type ProductFacts,
  type SessionFacts,
} from '../../db/repositories/index.js';
import { AppError, notFound, validation } from '../../domain/errors.js';
import {
  daysInclusive,
  type LinePrice,
  priceOf,
  quantityOf,
  sessionHours,
} from '../../domain/line-pricing.js';
import type { Participant } from '../../shared/contracts/sales.js';
import type { Tx } from '../tx.js';
import { DEVIS_MESSAGES, notEnoughPlaces } from './devis.messages.js';
import { participantRefusals } from './participants.js';

/** A product of the actor's school (another school's: not found), still offered. */
export async function requireOfferedProduct(
  tx: Tx,
  schoolId: string,
  productId: string,
): Promise<ProductFacts> {
  const product = await findProductOfSchool(tx.trx, schoolId, productId);
  if (!product) throw notFound(DEVIS_MESSAGES.product);
  if (product.isArchived)
    throw validation({ productId: DEVIS_MESSAGES.archivedProduct }, DEVIS_MESSAGES.invalidLine);
  return product;
}

/** An instructor of the actor's school (another school's: not found). */
export async function requireInstructor(db: Db, schoolId: string, instructorId: string) {
  const instructor = await findInstructorOfSchool(db, schoolId, instructorId);
  if (!instructor) throw notFound(DEVIS_MESSAGES.instructor);
  return instructor;
}

/**
 * A session of the product, open for sale, locked until the action commits: the places it has
 * left are counted after the lock, so concurrent additions never sell more than its capacity.
 */
export async function requireOpenSession(
  tx: Tx,
  schoolId: string,
  product: ProductFacts,
  sessionId: string,
): Promise<SessionFacts> {
  const session = await lockSessionOfSchool(tx.trx, schoolId, sessionId);
  if (!session) throw notFound(DEVIS_MESSAGES.session);
  if (session.productId !== product.id)
    throw validation({ sessionId: DEVIS_MESSAGES.sessionOfAnotherProduct }, DEVIS_MESSAGES.invalidLine);
  if (!session.isActive)
    throw validation({ sessionId: DEVIS_MESSAGES.inactiveSession }, DEVIS_MESSAGES.invalidLine);
  return session;
}

/**
 * The participants fit the lesson (age on the session's first day, level) and the session has
 * places left for them: its capacity less the places held by active lines of the school's files,
 * this line's own places aside.
 */
export async function checkParticipants(
  tx: Tx,
  schoolId: string,
  choice: { product: ProductFacts; session: SessionFacts },
  participants: readonly Participant[],
  exceptLineId: string | null,
): Promise<void> {
  const fields = participantRefusals(participants, choice.product, choice.session.startsOn);
  if (Object.keys(fields).length > 0) throw validation(fields, DEVIS_MESSAGES.invalidLine);
  const held = await countPlacesHeld(tx.trx, schoolId, choice.session.id, exceptLineId);
  const left = choice.session.capacity - held;
  if (participants.length > left) {
    const text = notEnoughPlaces(left, participants.length);
    throw new AppError('VALIDATION', text, { fields: { participants: text } });
  }
}

/** A catalogue lesson's price as the product counts it: per participant, per session day, per hour or per file. */
export function catalogPrice(product: ProductFacts, session: SessionFacts, participants: number): LinePrice {
  const days = daysInclusive(session.startsOn, session.endsOn);
  const quantity = quantityOf(product.priceUnit, {
    participants,
    sessionDays: days,
    hours: sessionHours(days, session.startTime, session.endTime),
  });
  return priceOf(product.priceCents, quantity);
}

/** What a catalogue line keeps of its session, as sold (the catalogue may change later). */
export function sessionSnapshot(session: SessionFacts) {
  return {
    id: session.id,
    startsOn: session.startsOn,
    endsOn: session.endsOn,
    startTime: session.startTime,
    endTime: session.endTime,
    meetingPoint: session.meetingPoint,
  };
}
