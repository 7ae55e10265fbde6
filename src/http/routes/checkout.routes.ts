import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { isLanguage, pickLanguage } from '../../app/intake/intake.i18n.js';
import { chooseOnSandbox, findSandboxSession, SANDBOX_CHOICES } from '../../app/payments/sandbox-checkout.js';
import { startCheckout } from '../../app/payments/start-checkout.js';
import { renderLinkInvalidPage } from '../pages/public-page-render.js';
import { renderSandboxCheckoutPage, renderSandboxUnknownPage } from '../pages/sandbox-checkout.page.js';

const TokenParams = z.object({ token: z.string().max(64) });
const PayBody = z.object({ purpose: z.string().max(16) });
const SessionParams = z.object({ sessionId: z.string().max(64) });
const ChoiceBody = z.object({ choice: z.enum(SANDBOX_CHOICES) });

/** Private addresses: never cached, never sent on as a Referer. */
function privateHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

/**
 * The customer's "Payer" (`POST /c/:token/pay`, form field `purpose`): 303 to the provider's
 * checkout, or back to their page when that payment is not offered any more. And the sandbox's
 * hosted checkout page (`/pay/sandbox/:sessionId`), where the payer picks the bank's answer.
 */
export async function checkoutRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyFormbody, { bodyLimit: 16 * 1024 });

    scope.post('/c/:token/pay', { schema: { hide: true } }, async (request, reply) => {
      const { token } = TokenParams.parse(request.params);
      const body = PayBody.safeParse(request.body);
      const started = await startCheckout(deps, token, body.success ? body.data.purpose : '');
      privateHeaders(reply);
      if (started.kind === 'unknown')
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(renderLinkInvalidPage(pickLanguage(undefined, request.headers['accept-language'])));
      if (started.kind === 'nothing_to_pay') return reply.redirect(`/c/${token}`, 303);
      return reply.redirect(started.url, 303);
    });

    scope.get('/pay/sandbox/:sessionId', { schema: { hide: true } }, async (request, reply) => {
      const { sessionId } = SessionParams.parse(request.params);
      const session = await findSandboxSession(deps, sessionId);
      privateHeaders(reply).type('text/html; charset=utf-8');
      const fallback = pickLanguage(undefined, request.headers['accept-language']);
      if (!session) return reply.status(404).send(renderSandboxUnknownPage(fallback));
      const language = isLanguage(session.language) ? session.language : fallback;
      return reply.send(renderSandboxCheckoutPage(session, language));
    });

    scope.post('/pay/sandbox/:sessionId', { schema: { hide: true } }, async (request, reply) => {
      const { sessionId } = SessionParams.parse(request.params);
      const choice = ChoiceBody.safeParse(request.body);
      privateHeaders(reply);
      const session = choice.success ? await chooseOnSandbox(deps, sessionId, choice.data.choice) : null;
      if (!session)
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(renderSandboxUnknownPage(pickLanguage(undefined, request.headers['accept-language'])));
      // A pending payment stays on the sandbox's page, where it can be accepted later.
      if (choice.success && choice.data.choice === 'pending')
        return reply.redirect(`/pay/sandbox/${sessionId}`, 303);
      return reply.redirect(session.returnUrl, 303);
    });
  });
}
