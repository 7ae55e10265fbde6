import { NumberInput, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANUAL_PAYMENT_METHODS } from '../../../../shared/contracts/payments';
import { type Cents, eurosInputText } from '../../../../shared/money';
import {
  addManualPayment,
  type ManualPaymentMethod,
  type PaymentAnomaly,
  type PaymentEntry,
  type PaymentsView,
  refundPayment,
  resolveAnomaly,
  setDepositRule,
} from '../../../api/payments.api';
import { DaysInput, DecimalInput } from '../../../components/form-inputs';
import { plainT } from '../../../components/keyed-text';
import { useFormatters } from '../../../format/use-formatters';
import { DialogFrame, useDialogForm, useDialogWrite, type Write } from '../devis/dialog-frame';

export interface PaymentDialogProps {
  opened: boolean;
  onClose: () => void;
  view: PaymentsView;
  write: Write<PaymentsView>;
}

/** "Ajouter un paiement manuel": pre-filled with the balance, today and the customer; every field editable. */
export function ManualPaymentDialog({ opened, onClose, view, write }: PaymentDialogProps) {
  const { t } = useTranslation();
  const tp = plainT(t);
  const defaults = view.manualDefaults;
  const form = useDialogForm(
    {
      amount: defaults.amount,
      receivedOn: defaults.receivedOn,
      payerName: defaults.payerName,
      payerAddress: defaults.payerAddress,
      method: 'cheque' as ManualPaymentMethod,
      reference: '',
      voucherCount: '' as number | string,
    },
    write,
  );
  const { values, errors } = form;

  const submit = async () => {
    const { voucherCount, ...typed } = values;
    const isDone = await form.run(() =>
      addManualPayment(view.requestId, {
        version: view.version,
        ...typed,
        voucherCount:
          values.method === 'holiday_vouchers' && typeof voucherCount === 'number' ? voucherCount : null,
      }),
    );
    if (isDone) onClose();
  };

  return (
    <DialogFrame
      opened={opened}
      onClose={onClose}
      title={t('payment.manual.title')}
      onSubmit={submit}
      submitLabel={t('payment.manual.submit')}
      submitting={form.submitting}
      general={form.general}
      size="md"
    >
      <Select
        label={t('payment.manual.method')}
        data={MANUAL_PAYMENT_METHODS.map((m) => ({ value: m, label: tp(`payment.methods.${m}`) }))}
        value={values.method}
        onChange={(value) => {
          if (value) form.set('method', value as ManualPaymentMethod);
        }}
        allowDeselect={false}
        error={errors.method}
        data-autofocus
      />
      <DecimalInput
        label={t('payment.manual.amount')}
        description={t('payment.manual.amountDescription')}
        required
        {...form.text('amount')}
      />
      <TextInput
        type="date"
        label={t('payment.manual.receivedOn')}
        required
        max={defaults.receivedOn}
        {...form.text('receivedOn')}
      />
      {values.method === 'holiday_vouchers' && (
        <NumberInput
          label={t('payment.manual.voucherCount')}
          required
          min={1}
          max={1000}
          allowDecimal={false}
          allowNegative={false}
          value={values.voucherCount}
          onChange={(value) => form.set('voucherCount', value)}
          error={errors.voucherCount}
        />
      )}
      <TextInput
        label={tp(`payment.manual.reference.${values.method}`)}
        required={values.method === 'ancv_connect'}
        maxLength={120}
        autoComplete="off"
        {...form.text('reference')}
      />
      <TextInput label={t('payment.manual.payerName')} required maxLength={200} {...form.text('payerName')} />
      <Textarea
        label={t('payment.manual.payerAddress')}
        autosize
        minRows={2}
        maxRows={4}
        maxLength={500}
        {...form.text('payerAddress')}
      />
    </DialogFrame>
  );
}

/** "Rembourser": all or part of what remains refundable on one payment. */
export function RefundDialog({
  opened,
  onClose,
  view,
  write,
  payment,
}: PaymentDialogProps & { payment: PaymentEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const form = useDialogForm({ amount: eurosInputText(payment.refundableCents as Cents), reason: '' }, write);
  const submit = async () => {
    const { amount, reason } = form.values;
    const isDone = await form.run(() =>
      refundPayment(view.requestId, payment.id, {
        version: view.version,
        amount,
        ...(reason.trim() !== '' && { reason }),
      }),
    );
    if (isDone) onClose();
  };
  return (
    <DialogFrame
      opened={opened}
      onClose={onClose}
      title={t('payment.refund.title')}
      onSubmit={submit}
      submitLabel={t('payment.refund.submit')}
      submitting={form.submitting}
      general={form.general}
      size="md"
      submitColor="red"
    >
      <Text size="sm">
        {t(payment.kind === 'online' ? 'payment.refund.online' : 'payment.refund.manual', {
          amount: format.money(payment.refundableCents),
        })}
      </Text>
      <DecimalInput label={t('payment.refund.amount')} required {...form.text('amount')} data-autofocus />
      <Textarea
        label={t('payment.refund.reason')}
        autosize
        minRows={2}
        maxLength={500}
        {...form.text('reason')}
      />
    </DialogFrame>
  );
}

/** "Résoudre" an anomaly with a note saying what was done. */
export function ResolveAnomalyDialog({
  opened,
  onClose,
  view,
  write,
  anomaly,
}: PaymentDialogProps & { anomaly: PaymentAnomaly }) {
  const { t } = useTranslation();
  const tp = plainT(t);
  const form = useDialogForm({ note: '' }, write);
  const submit = async () => {
    const isDone = await form.run(() =>
      resolveAnomaly(view.requestId, anomaly.id, { version: view.version, note: form.values.note }),
    );
    if (isDone) onClose();
  };
  return (
    <DialogFrame
      opened={opened}
      onClose={onClose}
      title={t('payment.anomalies.resolveTitle')}
      onSubmit={submit}
      submitLabel={t('payment.anomalies.resolve')}
      submitting={form.submitting}
      general={form.general}
      size="md"
    >
      <Text size="sm">
        {tp(`payment.anomalies.reasons.${anomaly.reason}`, { defaultValue: anomaly.reason })}
      </Text>
      <Textarea
        label={t('payment.anomalies.note')}
        required
        autosize
        minRows={3}
        maxLength={1000}
        {...form.text('note')}
        data-autofocus
      />
    </DialogFrame>
  );
}

/** The file's own deposit rule (a percentage or a fixed amount, the balance N days before), or the school's. */
export function DepositRuleDialog({ opened, onClose, view, write }: PaymentDialogProps) {
  const { t } = useTranslation();
  const rule = view.schedule.rule;
  const [kind, setKind] = useState<'school' | 'percentage' | 'fixed'>(
    view.schedule.isSchoolRule ? 'school' : rule.kind,
  );
  const [percent, setPercent] = useState<number | string>(rule.kind === 'percentage' ? rule.bp / 100 : 30);
  const [amount, setAmount] = useState(rule.kind === 'fixed' ? eurosInputText(rule.cents as Cents) : '');
  const [days, setDays] = useState<number | string>(rule.balanceDaysBefore);
  const { errors, clear, general, submitting, run } = useDialogWrite(write, (key) =>
    ['rule.bp', 'rule.amount', 'rule.balanceDaysBefore'].includes(key),
  );
  const submit = async () => {
    const balanceDaysBefore = typeof days === 'number' ? days : -1;
    const isDone = await run(() =>
      setDepositRule(view.requestId, {
        version: view.version,
        rule:
          kind === 'school'
            ? null
            : kind === 'fixed'
              ? { kind, amount, balanceDaysBefore }
              : {
                  kind,
                  bp: Math.round((typeof percent === 'number' ? percent : -1) * 100),
                  balanceDaysBefore,
                },
      }),
    );
    if (isDone) onClose();
  };
  return (
    <DialogFrame
      opened={opened}
      onClose={onClose}
      title={t('payment.rule.title')}
      onSubmit={submit}
      submitLabel={t('common.save')}
      submitting={submitting}
      general={general}
      size="md"
    >
      <Stack gap={4}>
        <Text size="sm" fw={500} id="rule-kind-label">
          {t('payment.rule.kind')}
        </Text>
        <SegmentedControl
          aria-labelledby="rule-kind-label"
          value={kind}
          onChange={(value) => setKind(value as typeof kind)}
          data={[
            { value: 'school', label: t('payment.rule.school') },
            { value: 'percentage', label: t('payment.settings.kindPercentage') },
            { value: 'fixed', label: t('payment.settings.kindFixed') },
          ]}
        />
      </Stack>
      {kind === 'percentage' && (
        <NumberInput
          label={t('payment.rule.percent')}
          required
          min={0}
          max={100}
          decimalScale={2}
          allowNegative={false}
          rightSection="%"
          value={percent}
          onChange={(value) => {
            setPercent(value);
            clear('rule.bp');
          }}
          error={errors['rule.bp']}
        />
      )}
      {kind === 'fixed' && (
        <DecimalInput
          label={t('payment.settings.fixedAmount')}
          required
          value={amount}
          onChange={(e) => {
            setAmount(e.currentTarget.value);
            clear('rule.amount');
          }}
          error={errors['rule.amount']}
        />
      )}
      {kind !== 'school' && (
        <DaysInput
          label={t('payment.settings.balanceDays')}
          required
          max={365}
          value={days}
          onChange={(value) => {
            setDays(value);
            clear('rule.balanceDaysBefore');
          }}
          error={errors['rule.balanceDaysBefore']}
        />
      )}
    </DialogFrame>
  );
}
