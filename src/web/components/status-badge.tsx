import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Source, Status } from '../api/requests.api';
import { formatCalendarDate } from '../format/format';
import { STATUS_COLORS } from './labels';

/** The tab a file is in, as a small coloured label. */
export function StatusBadge({ status, ...props }: { status: Status } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      radius="sm"
      styles={{ label: { textTransform: 'none', fontWeight: 600 } }}
      style={{ flex: 'none' }}
      {...props}
    >
      {t(`statuses.${status}`)}
    </Badge>
  );
}

/**
 * Where a file came from: VEL, Contact, Sur mesure, E-mail, Téléphone / guichet. `canWrap`: in a narrow
 * column a long origin goes on two lines instead of being cut.
 */
export function SourceBadge({
  source,
  canWrap = false,
  ...props
}: { source: Source; canWrap?: boolean } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color="gray"
      radius="sm"
      title={t(`sourceDescriptions.${source}`)}
      className={canWrap ? 'badge-can-wrap' : undefined}
      styles={{ label: { textTransform: 'none', fontWeight: 600 } }}
      style={{ flex: 'none' }}
      {...props}
    >
      {t(`sources.${source}`)}
    </Badge>
  );
}

/** "À traiter": the customer spoke last and waits for an answer. */
export function ToHandleBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      color="red.7"
      radius="sm"
      title={t('lists.toHandleTitle')}
      styles={{ label: { textTransform: 'none', fontWeight: 700 } }}
      style={{ flex: 'none' }}
      {...props}
    >
      {t('lists.toHandle')}
    </Badge>
  );
}

/** "Solde en retard": a deposit paid and the balance's due day past. */
export function BalanceOverdueBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color="orange.8"
      radius="sm"
      title={t('payment.list.overdueTitle')}
      styles={{ label: { textTransform: 'none', fontWeight: 700 } }}
      style={{ flex: 'none' }}
      {...props}
    >
      {t('payment.overdue')}
    </Badge>
  );
}

/** "Expire bientôt": the quote or payment link waiting for payment ends within the school's reminder days. */
export function OfferExpiringBadge({ validUntil, ...props }: { validUntil: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color="orange"
      radius="sm"
      title={t('lists.offerExpiringTitle', { day: formatCalendarDate(validUntil) })}
      styles={{ label: { textTransform: 'none', fontWeight: 700 } }}
      style={{ flex: 'none' }}
      {...props}
    >
      {t('devis.offers.expiringSoon')}
    </Badge>
  );
}
