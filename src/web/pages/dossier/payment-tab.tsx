import { Alert, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCreditCard, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Cents } from '../../../shared/money';
import type { RequestPage } from '../../api/requests.api';
import { useFormatters } from '../../format/use-formatters';
import type { useDevis } from './devis/use-devis';

/**
 * The Paiement onglet, laid out before payments exist: what the file costs, what was paid and
 * what remains, from the Devis answer. Online and manual payments will be listed here.
 */
export function PaymentTab({ data, devis }: { data: RequestPage; devis: ReturnType<typeof useDevis> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const ready = devis.state.status === 'ready' ? devis.state.devis : null;
  if (devis.state.status === 'loading')
    return (
      <Center py="xl">
        <Loader aria-label={t('devis.loading')} />
      </Center>
    );
  const total = ready ? ready.totals.totalCents : data.request.totalCents;
  const paid = ready ? ready.totals.paidCents : data.request.paidCents;
  const due = ready ? ready.totals.dueCents : (Math.max(0, total - paid) as Cents);
  const link = ready?.offers
    .filter((o) => o.kind === 'payment_link' && o.isCurrent)
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt))[0];
  const amount = (value: number, strong = false, color?: string) => (
    <Text
      size={strong ? 'lg' : 'sm'}
      fw={strong ? 700 : 600}
      c={color}
      style={{ fontVariantNumeric: 'tabular-nums', flex: 'none' }}
    >
      {format.money(value as Cents)}
    </Text>
  );
  return (
    <Paper component="section" aria-labelledby="payment-title" withBorder radius="lg" p="md">
      <Group gap={8} mb="sm" wrap="nowrap">
        <IconCreditCard size={18} stroke={1.8} aria-hidden />
        <Title order={2} fz="md" id="payment-title">
          {t('devis.payment.title')}
        </Title>
      </Group>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="gray.7">
            {t('devis.payment.total')}
          </Text>
          {amount(total)}
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="gray.7">
            {t('devis.payment.paid')}
          </Text>
          {amount(paid, false, paid > 0 ? 'teal.8' : undefined)}
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={700}>
            {t('devis.payment.due')}
          </Text>
          {amount(due, true)}
        </Group>
      </Stack>
      {link && (
        <Text size="sm" mt="md" className="wrap-anywhere">
          {t('devis.payment.currentLink', {
            number: link.number,
            amount: format.money((link.amountCents ?? link.totalCents) as Cents),
            when: format.shortDateTime(link.sentAt),
          })}
        </Text>
      )}
      <Alert color="gray" variant="light" mt="md" icon={<IconInfoCircle size={18} aria-hidden />}>
        <Text size="sm">{t('devis.payment.note')}</Text>
      </Alert>
    </Paper>
  );
}
