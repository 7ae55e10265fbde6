import { findSchoolSalesSettings, saveSchoolSalesSettings } from '../../db/repositories/index.js';
import type { SalesSettings } from '../../shared/contracts/sales.js';
import type { StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import type { AppDeps } from '../deps.js';
import { journal, transact } from '../tx.js';

/**
 * Paramètres → Devis et paiements: the custom lessons' label, quote validity, default deposit,
 * reminder and the legal details printed on quotes. Every staff member reads them (the Devis
 * onglet uses them); a school that never saved them gets the defaults.
 */
export async function getSalesSettings(deps: AppDeps, actor: StaffActor): Promise<SalesSettings> {
  return findSchoolSalesSettings(deps.db.kysely, actor.schoolId);
}

/** An admin saves the sales settings; the school's other settings (forms…) are kept. Journaled. */
export async function updateSalesSettings(
  deps: AppDeps,
  actor: StaffActor,
  input: SalesSettings,
): Promise<SalesSettings> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    await saveSchoolSalesSettings(tx.trx, actor.schoolId, input);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'settings.sales_changed',
      details: {
        customLessonLabel: input.customLessonLabel,
        quoteValidityDays: input.quoteValidityDays,
        defaultDepositBp: input.defaultDepositBp,
      },
    });
    return findSchoolSalesSettings(tx.trx, actor.schoolId);
  });
}
