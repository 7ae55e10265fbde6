import type { z } from 'zod';
import type {
  DepositRuleBody,
  ManualPaymentBody,
  ManualPaymentMethod,
  OnlinePaymentBodySchema,
  PaymentsView as PaymentsAnswer,
  RefundBody,
  ResolveAnomalyBody,
} from '../../shared/contracts/payments';
import type { WithCents } from '../../shared/money';
import { apiRequest } from './http';

export type { DepositRuleBody, ManualPaymentBody, ManualPaymentMethod, RefundBody, ResolveAnomalyBody };
/** The Paiement onglet as the screens read it: every `…Cents` number is Cents. */
export type PaymentsView = WithCents<PaymentsAnswer>;
export type PaymentEntry = PaymentsView['payments'][number];
export type PaymentAnomaly = PaymentsView['anomalies'][number];
export type OnlinePaymentBody = z.input<typeof OnlinePaymentBodySchema>;

const enc = encodeURIComponent;
const base = (requestId: string) => `/api/requests/${enc(requestId)}`;

export function getPayments(requestId: string, signal?: AbortSignal): Promise<PaymentsView> {
  return apiRequest<PaymentsView>('GET', `${base(requestId)}/payments`, { signal });
}

/** "Ajouter un paiement manuel": the amount as typed, the server reads it. */
export function addManualPayment(requestId: string, body: ManualPaymentBody): Promise<PaymentsView> {
  return apiRequest<PaymentsView>('POST', `${base(requestId)}/payments`, { body });
}

/** "Rembourser" a payment (all or part of what remains refundable): the onglet as it then stands. */
export function refundPayment(requestId: string, paymentId: string, body: RefundBody): Promise<PaymentsView> {
  return apiRequest<PaymentsView>('POST', `${base(requestId)}/payments/${enc(paymentId)}/refunds`, { body });
}

export function setOnlinePayment(requestId: string, body: OnlinePaymentBody): Promise<PaymentsView> {
  return apiRequest<PaymentsView>('PUT', `${base(requestId)}/online-payment`, { body });
}

export function setDepositRule(requestId: string, body: DepositRuleBody): Promise<PaymentsView> {
  return apiRequest<PaymentsView>('PUT', `${base(requestId)}/deposit-rule`, { body });
}

export function resolveAnomaly(
  requestId: string,
  anomalyId: string,
  body: ResolveAnomalyBody,
): Promise<PaymentsView> {
  return apiRequest<PaymentsView>('POST', `${base(requestId)}/payment-anomalies/${enc(anomalyId)}/resolve`, {
    body,
  });
}
