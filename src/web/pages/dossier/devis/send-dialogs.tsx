import { Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseEuros } from '../../../../shared/money';
import {
  extendOffer,
  getSalesSettings,
  type Offer,
  sendPaymentLink,
  sendQuote,
} from '../../../api/devis.api';
import { notifySuccess } from '../../../components/notify';
import { formatCalendarDate } from '../../../format/format';
import { useFormatters } from '../../../format/use-formatters';
import { type DevisDialogProps, DialogFrame, useDialogWrite } from './dialog-frame';

type Choice = 'deposit' | 'balance' | 'amount';

/** The school's default deposit percentage, for the words of the choice ("Acompte de 30 %"). */
function useDepositPercent(): number | null {
  const [percent, setPercent] = useState<number | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getSalesSettings(controller.signal).then(
      (settings) => setPercent(settings.defaultDepositBp / 100),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return percent;
}

/**
 * "Envoyer un lien de paiement": the balance, the school's default deposit, or an amount typed in
 * euros. It goes by e-mail with the customer's private link; the file then waits for payment.
 */
export function PaymentLinkDialog({
  opened,
  onClose,
  devis,
  email,
  write,
}: DevisDialogProps & {
  email: string;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const percent = useDepositPercent();
  const { dueCents, defaultDepositCents, paidCents } = devis.totals;
  const canDeposit = defaultDepositCents > 0 && defaultDepositCents < dueCents && paidCents === 0;
  const [choice, setChoice] = useState<Choice>(canDeposit ? 'deposit' : 'balance');
  const [typed, setTyped] = useState('');
  const { errors, setErrors, general, submitting, run } = useDialogWrite(
    write,
    (key) => key === 'amount' || key === 'amount.cents',
  );
  const amountError = errors.amount ?? errors['amount.cents'];

  const submit = async () => {
    let amount: 'balance' | 'deposit' | { cents: number } = choice === 'deposit' ? 'deposit' : 'balance';
    if (choice === 'amount') {
      const cents = parseEuros(typed);
      const error =
        cents === null
          ? t('devis.errors.amount')
          : cents <= 0
            ? t('devis.errors.amountPositive')
            : cents > dueCents
              ? t('devis.errors.amountAboveDue', { due: format.money(devis.totals.dueCents) })
              : undefined;
      setErrors({ amount: error });
      if (error || cents === null) return;
      amount = { cents };
    }
    if (await run(() => sendPaymentLink(devis.requestId, { version: devis.version, amount }))) {
      notifySuccess(t('devis.paymentLink.sent', { email }));
      onClose();
    }
  };

  const depositLabel =
    percent === null
      ? t('devis.paymentLink.depositPlain', { amount: format.money(defaultDepositCents) })
      : t('devis.paymentLink.deposit', {
          percent: new Intl.NumberFormat(i18n.language).format(percent),
          amount: format.money(defaultDepositCents),
        });

  return (
    <DialogFrame
      opened={opened}
      onClose={onClose}
      title={t('devis.paymentLink.title')}
      onSubmit={() => void submit()}
      submitLabel={t('devis.paymentLink.submit')}
      submitting={submitting}
      general={general}
      size="md"
    >
      <Radio.Group
        label={t('devis.paymentLink.amount')}
        value={choice}
        onChange={(value) => {
          setChoice(value as Choice);
          setErrors({});
        }}
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="deposit"
            label={depositLabel}
            disabled={!canDeposit}
            description={canDeposit ? undefined : t('devis.paymentLink.depositUnavailable')}
          />
          <Radio value="balance" label={t('devis.paymentLink.balance', { amount: format.money(dueCents) })} />
          <Radio value="amount" label={t('devis.paymentLink.other')} />
        </Stack>
      </Radio.Group>
      {choice === 'amount' && (
        <TextInput
          label={t('devis.paymentLink.typed')}
          description={t('devis.paymentLink.typedHint', { due: format.money(dueCents) })}
          value={typed}
          onChange={(e) => {
            setTyped(e.currentTarget.value);
            setErrors({});
          }}
          error={amountError}
          inputMode="decimal"
          rightSection={
            <Text size="sm" c="dimmed" aria-hidden>
              €
            </Text>
          }
          w={{ base: '100%', xs: 260 }}
          data-autofocus
        />
      )}
      {choice !== 'amount' && amountError && (
        <Text size="sm" c="red.8" role="alert">
          {amountError}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        {t('devis.paymentLink.note', { email })}
      </Text>
    </DialogFrame>
  );
}

/** "Envoyer un devis": said before it goes (an e-mail to the customer, with the PDF). */
export function QuoteDialog({
  opened,
  onClose,
  devis,
  email,
  write,
}: DevisDialogProps & {
  email: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { general, submitting, run } = useDialogWrite(write, () => false);
  const hasQuote = devis.offers.some((o) => o.kind === 'quote');
  const submit = async () => {
    if (await run(() => sendQuote(devis.requestId, devis.version))) {
      notifySuccess(t('devis.quote.sent', { email }));
      onClose();
    }
  };
  return (
    <DialogFrame
      opened={opened}
      onClose={onClose}
      title={hasQuote ? t('devis.quote.titleAgain') : t('devis.quote.title')}
      onSubmit={() => void submit()}
      submitLabel={t('devis.quote.submit')}
      submitting={submitting}
      general={general}
      size="md"
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{t('devis.totals.ttc')}</Text>
        <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {format.money(devis.totals.totalCents)}
        </Text>
      </Group>
      <Text size="sm">{t('devis.quote.note', { email })}</Text>
      {hasQuote && (
        <Text size="sm" c="dimmed">
          {t('devis.quote.newVersion')}
        </Text>
      )}
    </DialogFrame>
  );
}

/** "Prolonger": a new validity date for a quote or a link (an expired one can then be paid again). */
export function ExtendDialog({
  opened,
  offer,
  onClose,
  devis,
  today,
  write,
}: DevisDialogProps & {
  offer: Offer | null;
  today: string;
}) {
  const { t } = useTranslation();
  const [day, setDay] = useState('');
  const { errors, setErrors, general, submitting, run } = useDialogWrite(
    write,
    (key) => key === 'validUntil',
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new offer to extend starts a clean form
  useEffect(() => {
    setErrors({});
    setDay(offer ? nextValidity(offer.validUntil, today) : '');
  }, [offer, today]);
  const submit = async () => {
    if (!offer) return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day <= today) {
      setErrors({ validUntil: t('devis.errors.validUntil') });
      return;
    }
    if (
      await run(() => extendOffer(devis.requestId, offer.id, { version: devis.version, validUntil: day }))
    ) {
      notifySuccess(t('devis.offers.extended', { number: offer.number, day: formatCalendarDate(day) }));
      onClose();
    }
  };
  return (
    <DialogFrame
      opened={opened && offer !== null}
      onClose={onClose}
      title={offer ? t('devis.offers.extendTitle', { number: offer.number }) : ''}
      onSubmit={() => void submit()}
      submitLabel={t('devis.offers.extend')}
      submitting={submitting}
      general={general}
      size="sm"
    >
      {offer?.validUntil && (
        <Text size="sm" c="dimmed">
          {t('devis.offers.validUntilNow', { day: formatCalendarDate(offer.validUntil) })}
        </Text>
      )}
      <TextInput
        type="date"
        label={t('devis.offers.newValidUntil')}
        value={day}
        min={today}
        onChange={(e) => {
          setDay(e.currentTarget.value);
          setErrors({});
        }}
        error={errors.validUntil}
        required
        data-autofocus
      />
    </DialogFrame>
  );
}

function nextValidity(validUntil: string | null, today: string): string {
  const start = validUntil && validUntil > today ? validUntil : today;
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 14)).toISOString().slice(0, 10);
}
