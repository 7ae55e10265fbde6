import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { eraseCustomerData, exportCustomerData } from '../../app/gdpr/customer-data.js';
import { GdprEraseBodySchema, GdprErasureSchema } from '../../shared/contracts/gdpr.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const IdParams = z.object({ id: z.string().max(64) });

/** The customer's data rights (GDPR articles 15 and 17), admin only. */
export function gdprRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/customers/:id/gdpr-export',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['gdpr'],
        summary: 'Everything held about a customer, as a JSON download (GDPR art. 15, admin)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const data = await exportCustomerData(
        deps,
        staff.actor,
        request.params.id,
        staff.language === 'en' ? 'en' : 'fr',
      );
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="donnees-client-${request.params.id}.json"`)
        .header('cache-control', 'no-store')
        .send(JSON.stringify(data, null, 2));
    },
  );

  app.post(
    '/api/customers/:id/gdpr-erase',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['gdpr'],
        summary: 'Erase a customer’s data on request, the payment ledger kept (GDPR art. 17, admin)',
        params: IdParams,
        body: GdprEraseBodySchema,
        response: { 200: GdprErasureSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => eraseCustomerData(deps, staffOf(request).actor, request.params.id, request.body),
  );
}
