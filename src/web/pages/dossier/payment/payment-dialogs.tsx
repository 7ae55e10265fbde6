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
import { plainT } from '../../../components/keyed-text';
import { useFormatters } from '../../../format/use-formatters';
import { DialogFrame, useDialogWrite, type Write } from '../devis/dialog-frame';

export interface PaymentDialogProps {
  opened: boolean;
  onClose: () => void;
  view: PaymentsView;
  write: Write<PaymentsView>;
}

const MANUAL_FIELDS = [
  'amount',
  'receivedOn',
  'payerName',
  'payerAddress',
  'method',
  'reference',
  'voucherCount',
];

/** "Ajouter un paiement manuel": pre-filled with the balance, today and the customer; every field editable. */
export function ManualPaymentDialog({ opened, onClose, view, write }: PaymentDialogProps) {
  const { t } = useTranslation();
  const tp = plainT(t);
  const defaults = view.manualDefaults;
  const [amount, setAmount] = useState(defaults.amount);
  const [receivedOn, setReceivedOn] = useState(defaults.receivedOn);
  const [payerName, setPayerName] = useState(defaults.payerName);
  const [payerAddress, setPayerAddress] = useState(defaults.payerAddress);
  const [method, setMethod] = useState<ManualPaymentMethod>('cheque');
  const [reference, setReference] = useState('');
  const [voucherCount, setVoucherCount] = useState<number | string>('');
  const { errors, clear, general, submitting, run } = useDialogWrite(write, (key) =>
    MANUAL_FIELDS.includes(key),
  );

  const submit = async () => {
    const isDone = await run(() =>
      addManualPayment(view.requestId, {
        version: view.version,
        amount,
        receivedOn,
        payerName,
        payerAddress,
        method,
        reference,
        voucherCount: method === 'holiday_vouchers' && typeof voucherCount === 'number' ? voucherCount : null,
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
      submitting={submitting}
      general={general}
      size="md"
    >
      <Select
        label={t('payment.manual.method')}
        data={MANUAL_PAYMENT_METHODS.map((m) => ({ value: m, label: tp(`payment.methods.${m}`) }))}
        value={method}
        onChange={(value) => {
          if (value) setMethod(value as ManualPaymentMethod);
          clear('method');
        }}
        allowDeselect={false}
        error={errors.method}
        data-autofocus
      />
      <TextInput
        label={t('payment.manual.amount')}
        description={t('payment.manual.amountDescription')}
        required
        inputMode="decimal"
        autoComplete="off"
        rightSection="€"
        value={amount}
        onChange={(e) => {
          setAmount(e.currentTarget.value);
          clear('amount');
        }}
        error={errors.amount}
      />
      <TextInput
        type="date"
        label={t('payment.manual.receivedOn')}
        required
        value={receivedOn}
        max={defaults.receivedOn}
        onChange={(e) => {
          setReceivedOn(e.currentTarget.value);
          clear('receivedOn');
        }}
        error={errors.receivedOn}
      />
      {method === 'holiday_vouchers' && (
        <NumberInput
          label={t('payment.manual.voucherCount')}
          required
          min={1}
          max={1000}
          allowDecimal={false}
          allowNegative={false}
          value={voucherCount}
          onChange={(value) => {
            setVoucherCount(value);
            clear('voucherCount');
          }}
          error={errors.voucherCount}
        />
      )}
      <TextInput
        label={tp(`payment.manual.reference.${method}`)}
        required={method === 'ancv_connect'}
        maxLength={120}
        autoComplete="off"
        value={reference}
        onChange={(e) => {
          setReference(e.currentTarget.value);
          clear('reference');
        }}
        error={errors.reference}
      />
      <TextInput
        label={t('payment.manual.payerName')}
        required
        maxLength={200}
        value={payerName}
        onChange={(e) => {
          setPayerName(e.currentTarget.value);
          clear('payerName');
        }}
        error={errors.payerName}
      />
      <Textarea
        label={t('payment.manual.payerAddress')}
        autosize
        minRows={2}
        maxRows={4}
        maxLength={500}
        value={payerAddress}
        onChange={(e) => {
          setPayerAddress(e.currentTarget.value);
          clear('payerAddress');
        }}
        error={errors.payerAddress}
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
  const [amount, setAmount] = useState(eurosInputText(payment.refundableCents as Cents));
  const [reason, setReason] = useState('');
  const { errors, clear, general, submitting, run } = useDialogWrite(write, (key) =>
    ['amount', 'reason'].includes(key),
  );
  const submit = async () => {
    const isDone = await run(() =>
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
      submitting={submitting}
      general={general}
      size="md"
      submitColor="red"
    >
      <Text size="sm">
        {t(payment.kind === 'online' ? 'payment.refund.online' : 'payment.refund.manual', {
          amount: format.money(payment.refundableCents),
        })}
      </Text>
      <TextInput
        label={t('payment.refund.amount')}
        required
        inputMode="decimal"
        autoComplete="off"
        rightSection="€"
        value={amount}
        onChange={(e) => {
          setAmount(e.currentTarget.value);
          clear('amount');
        }}
        error={errors.amount}
        data-autofocus
      />
      <Textarea
        label={t('payment.refund.reason')}
        autosize
        minRows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => {
          setReason(e.currentTarget.value);
          clear('reason');
        }}
        error={errors.reason}
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
  const [note, setNote] = useState('');
  const { errors, clear, general, submitting, run } = useDialogWrite(write, (key) => key === 'note');
  const submit = async () => {
    const isDone = await run(() =>
      resolveAnomaly(view.requestId, anomaly.id, { version: view.version, note }),
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
      submitting={submitting}
      general={general}
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
        value={note}
        onChange={(e) => {
          setNote(e.currentTarget.value);
          clear('note');
        }}
        error={errors.note}
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
        <TextInput
          label={t('payment.settings.fixedAmount')}
          required
          inputMode="decimal"
          autoComplete="off"
          rightSection="€"
          value={amount}
          onChange={(e) => {
            setAmount(e.currentTarget.value);
            clear('rule.amount');
          }}
          error={errors['rule.amount']}
        />
      )}
      {kind !== 'school' && (
        <NumberInput
          label={t('payment.settings.balanceDays')}
          required
          min={0}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          suffix={` ${t('salesSettings.daysSuffix')}`}
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
