import {
  Alert,
  Badge,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCreditCard, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cents } from '../../../../shared/money';
import {
  getPayments,
  type PaymentAnomaly,
  type PaymentEntry,
  type PaymentsView,
  setOnlinePayment,
} from '../../../api/payments.api';
import { plainT } from '../../../components/keyed-text';
import { useFormatters } from '../../../format/use-formatters';
import type { Write } from '../devis/dialog-frame';
import type { RunEdit } from '../run-edit';
import { useFileResource } from '../use-file-resource';
import {
  DepositRuleDialog,
  ManualPaymentDialog,
  RefundDialog,
  ResolveAnomalyDialog,
} from './payment-dialogs';

type Dialog =
  | { kind: 'manual' }
  | { kind: 'rule' }
  | { kind: 'refund'; payment: PaymentEntry }
  | { kind: 'resolve'; anomaly: PaymentAnomaly };

/**
 * The Paiement onglet: what the file costs, what was paid and what remains, the schedule (deposit
 * rule, the day the balance is due), "Autoriser le paiement en ligne", the payments and refunds
 * ("Rembourser"), "Ajouter un paiement manuel", and the anomalies to look at ("Résoudre").
 */
export function PaymentTab({
  requestId,
  version,
  runEdit,
}: {
  requestId: string;
  version: number;
  runEdit: RunEdit;
}) {
  const { t } = useTranslation();
  const payments = useFileResource(getPayments, requestId, version, runEdit);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  if (payments.state.status === 'loading')
    return (
      <Center py="xl">
        <Loader aria-label={t('payment.loading')} />
      </Center>
    );
  if (payments.state.status === 'failed')
    return (
      <Alert color="red" variant="light" title={t('payment.loadFailed')}>
        <Stack gap="xs" align="flex-start">
          {payments.state.message && <Text size="sm">{payments.state.message}</Text>}
          <Button size="xs" variant="light" onClick={() => void payments.reload()}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  const view = payments.state.value;
  const write = payments.write;
  const close = () => setDialog(null);
  return (
    <Stack gap="md">
      <Summary view={view} write={write} onAdd={() => setDialog({ kind: 'manual' })} />
      {/* An archived file keeps its ledger; the schedule and its reminders no longer apply. */}
      {!view.isArchived && <Schedule view={view} onChange={() => setDialog({ kind: 'rule' })} />}
      <PaymentList view={view} onRefund={(payment) => setDialog({ kind: 'refund', payment })} />
      <Anomalies view={view} onResolve={(anomaly) => setDialog({ kind: 'resolve', anomaly })} />
      {dialog?.kind === 'manual' && <ManualPaymentDialog opened onClose={close} view={view} write={write} />}
      {dialog?.kind === 'rule' && <DepositRuleDialog opened onClose={close} view={view} write={write} />}
      {dialog?.kind === 'refund' && (
        <RefundDialog opened onClose={close} view={view} write={write} payment={dialog.payment} />
      )}
      {dialog?.kind === 'resolve' && (
        <ResolveAnomalyDialog opened onClose={close} view={view} write={write} anomaly={dialog.anomaly} />
      )}
    </Stack>
  );
}

function Amount({ value, strong = false, color }: { value: number; strong?: boolean; color?: string }) {
  const format = useFormatters();
  return (
    <Text
      size={strong ? 'lg' : 'sm'}
      fw={strong ? 700 : 600}
      c={color}
      style={{ fontVariantNumeric: 'tabular-nums', flex: 'none' }}
    >
      {format.money(value as Cents)}
    </Text>
  );
}

function Summary({
  view,
  write,
  onAdd,
}: {
  view: PaymentsView;
  write: Write<PaymentsView>;
  onAdd: () => void;
}) {
  const { t } = useTranslation();
  const [toggling, setToggling] = useState(false);
  const toggle = async (isAllowed: boolean) => {
    setToggling(true);
    await write(() => setOnlinePayment(view.requestId, { version: view.version, isAllowed }));
    setToggling(false);
  };
  const canAdd = !view.isArchived && view.remainingCents > 0;
  return (
    <Paper component="section" aria-labelledby="payment-title" withBorder radius="lg" p="md">
      <Group gap={8} mb="sm" wrap="nowrap" justify="space-between">
        <Group gap={8} wrap="nowrap">
          <IconCreditCard size={18} stroke={1.8} aria-hidden />
          <Title order={2} fz="md" id="payment-title">
            {t('payment.title')}
          </Title>
        </Group>
        {view.schedule.isBalanceOverdue && !view.isArchived && (
          <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
            {t('payment.overdue')}
          </Badge>
        )}
      </Group>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="gray.7">
            {t('payment.total')}
          </Text>
          <Amount value={view.totalCents} />
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="gray.7">
            {t('payment.paid')}
          </Text>
          <Amount value={view.paidCents} color={view.paidCents > 0 ? 'teal.8' : undefined} />
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={700}>
            {t('payment.remaining')}
          </Text>
          <Amount value={view.remainingCents} strong />
        </Group>
      </Stack>
      <Divider my="md" />
      {view.isOnlinePaymentToggleOffered ? (
        <Switch
          label={t('payment.online.label')}
          description={t(view.isOnlinePaymentAllowed ? 'payment.online.on' : 'payment.online.off')}
          checked={view.isOnlinePaymentAllowed}
          disabled={toggling || view.isArchived}
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
      ) : (
        <Text size="sm" c="gray.7">
          {t('payment.online.notYet')}
        </Text>
      )}
      <Group mt="md">
        {canAdd ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAdd}>
            {t('payment.manual.open')}
          </Button>
        ) : (
          <Text size="sm" c="gray.7">
            {t(view.isArchived ? 'payment.manual.archived' : 'payment.manual.nothingDue')}
          </Text>
        )}
      </Group>
    </Paper>
  );
}

function Schedule({ view, onChange }: { view: PaymentsView; onChange: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { schedule } = view;
  const day = (iso: string) =>
    new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  const ruleText =
    schedule.rule.kind === 'percentage'
      ? t('payment.schedule.rulePercent', {
          percent: schedule.rule.bp / 100,
          amount: format.money(schedule.depositCents),
        })
      : t('payment.schedule.ruleFixed', { amount: format.money(schedule.depositCents) });
  return (
    <Paper component="section" aria-labelledby="schedule-title" withBorder radius="lg" p="md">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={3} fz="sm" id="schedule-title">
          {t('payment.schedule.title')}
        </Title>
        <Button size="xs" variant="subtle" onClick={onChange}>
          {t('payment.schedule.change')}
        </Button>
      </Group>
      <Stack gap={4}>
        <Text size="sm">
          {ruleText}{' '}
          <Text span size="sm" c="gray.7">
            {schedule.isSchoolRule ? t('payment.schedule.schoolRule') : t('payment.schedule.fileRule')}
          </Text>
        </Text>
        {schedule.askedDepositCents !== null && schedule.askedDepositCents !== schedule.depositCents && (
          <Text size="sm">
            {t('payment.schedule.askedByLink', { amount: format.money(schedule.askedDepositCents as Cents) })}
          </Text>
        )}
        <Text size="sm">
          {schedule.firstLessonOn
            ? t('payment.schedule.firstLesson', { day: day(schedule.firstLessonOn) })
            : t('payment.schedule.noLesson')}
        </Text>
        <Text
          size="sm"
          c={schedule.isBalanceOverdue ? 'red.8' : undefined}
          fw={schedule.isBalanceOverdue ? 600 : undefined}
        >
          {schedule.balanceDueOn
            ? t('payment.schedule.dueOn', { day: day(schedule.balanceDueOn) })
            : t('payment.schedule.balanceRule', { count: schedule.rule.balanceDaysBefore })}
        </Text>
      </Stack>
    </Paper>
  );
}

function PaymentList({ view, onRefund }: { view: PaymentsView; onRefund: (payment: PaymentEntry) => void }) {
  const { t } = useTranslation();
  const tp = plainT(t);
  const format = useFormatters();
  return (
    <Paper component="section" aria-labelledby="payments-title" withBorder radius="lg" p="md">
      <Title order={3} fz="sm" id="payments-title" mb="xs">
        {t('payment.list.title')}
      </Title>
      {view.payments.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('payment.list.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {view.payments.map((p) => (
            <li key={p.id}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {p.kind === 'refund'
                      ? t('payment.list.refund')
                      : tp(`payment.methods.${p.method}`, { defaultValue: p.method })}
                    {p.voucherCount ? ` · ${t('payment.list.vouchers', { count: p.voucherCount })}` : ''}
                  </Text>
                  <Text size="xs" c="gray.7" className="wrap-anywhere">
                    {[
                      format.shortDateTime(p.receivedAt),
                      p.reference,
                      p.payerName,
                      p.recordedByName && t('payment.list.recordedBy', { name: p.recordedByName }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                  {p.isFlagged && (
                    <Text size="xs" c="orange.8">
                      {t('payment.list.flagged')}
                    </Text>
                  )}
                </Stack>
                <Stack gap={4} align="flex-end" style={{ flex: 'none' }}>
                  <Amount value={p.amountCents} color={p.amountCents < 0 ? 'red.8' : undefined} />
                  {p.refundableCents > 0 && !view.isArchived && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRefund(p)}>
                      {t('payment.refund.open')}
                    </Button>
                  )}
                </Stack>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function Anomalies({
  view,
  onResolve,
}: {
  view: PaymentsView;
  onResolve: (anomaly: PaymentAnomaly) => void;
}) {
  const { t } = useTranslation();
  const tp = plainT(t);
  const format = useFormatters();
  if (view.anomalies.length === 0) return null;
  return (
    <Paper component="section" aria-labelledby="anomalies-title" withBorder radius="lg" p="md">
      <Title order={3} fz="sm" id="anomalies-title" mb="xs">
        {t('payment.anomalies.title')}
      </Title>
      <Stack gap="sm">
        {view.anomalies.map((a) => (
          <Group key={a.id} justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} c={a.resolvedAt ? 'gray.7' : 'orange.9'}>
                {tp(`payment.anomalies.reasons.${a.reason}`, { defaultValue: a.reason })}
                {a.amountCents !== null ? ` · ${format.money(a.amountCents as Cents)}` : ''}
              </Text>
              <Text size="xs" c="gray.7" className="wrap-anywhere">
                {a.resolvedAt
                  ? t('payment.anomalies.resolvedBy', {
                      name: a.resolvedByName ?? '—',
                      when: format.shortDateTime(a.resolvedAt),
                      note: a.resolutionNote ?? '',
                    })
                  : format.shortDateTime(a.createdAt)}
              </Text>
            </Stack>
            {!a.resolvedAt && (
              <Button size="compact-sm" variant="light" onClick={() => onResolve(a)}>
                {t('payment.anomalies.resolve')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
