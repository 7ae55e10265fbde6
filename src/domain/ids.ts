/** Prefixed text ids make logs and URLs self-explaining: `req_…` is a request, `usr_…` a staff user. */
export const ID_PREFIXES = {
  school: 'sch',
  user: 'usr',
  customer: 'cus',
  category: 'cat',
  request: 'req',
  line: 'lin',
  message: 'msg',
  offer: 'off',
  payment: 'pay',
  activity: 'act',
  notification: 'ntf',
  outbox: 'obx',
  product: 'prd',
  instructor: 'ins',
  productSession: 'pss',
  dayOff: 'dof',
  mail: 'mail',
  paymentAttempt: 'pat',
  paymentEvent: 'pev',
  paymentAnomaly: 'pan',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;
