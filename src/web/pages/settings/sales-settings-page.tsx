import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Cents, eurosInputText, parseEuros } from '../../../shared/money';
import { getSalesSettings, type SalesSettings, saveSalesSettings } from '../../api/catalogue.api';
import { ApiError } from '../../api/http';
import { notifySuccess } from '../../components/notify';
import { useMe } from '../../session/session';
import {
  basisPointsFromPercent,
  fieldError,
  LoadFailed,
  LoadingPanel,
  percentText,
  ReadOnlyNotice,
  SalesHeader,
  SettingsSection,
  useLoaded,
} from './sales-settings-parts';

const FIELDS = [
  'customLessonLabel',
  'quoteValidityDays',
  'defaultDepositBp',
  'reminderDaysBeforeExpiry',
  'defaultDepositFixedCents',
  'balanceDaysBeforeFirstLesson',
  'balanceReminderDaysBefore',
  'isBalanceOverdueReminder',
  'legal.companyName',
  'legal.address',
  'legal.siret',
  'legal.vatNumber',
  'legal.mentions',
] as const;

/** Paramètres → Devis et paiements: what quotes and payment links say and propose. */
export function SalesSettingsPage() {
  const { t } = useTranslation();
  const { state, retry, update } = useLoaded(getSalesSettings);
  if (state.status === 'ready')
    return <SalesSettingsForm settings={state.value} onSaved={(saved) => update(() => saved)} />;
  return (
    <>
      <SalesHeader area="salesSettings" />
      {state.status === 'loading' && <LoadingPanel />}
      {state.status === 'failed' && (
        <LoadFailed title={t('salesSettings.loadFailed')} message={state.message} onRetry={retry} />
      )}
    </>
  );
}

interface Values {
  customLessonLabel: string;
  quoteValidityDays: number | string;
  deposit: string;
  reminderDaysBeforeExpiry: number | string;
  depositKind: SalesSettings['depositKind'];
  depositFixed: string;
  balanceDaysBeforeFirstLesson: number | string;
  balanceReminderDaysBefore: number | string;
  isBalanceOverdueReminder: boolean;
  legal: SalesSettings['legal'];
}

function valuesOf(settings: SalesSettings, language: string): Values {
  return {
    customLessonLabel: settings.customLessonLabel,
    quoteValidityDays: settings.quoteValidityDays,
    deposit: percentText(settings.defaultDepositBp, language),
    reminderDaysBeforeExpiry: settings.reminderDaysBeforeExpiry,
    depositKind: settings.depositKind,
    depositFixed:
      settings.defaultDepositFixedCents > 0 ? eurosInputText(settings.defaultDepositFixedCents as Cents) : '',
    balanceDaysBeforeFirstLesson: settings.balanceDaysBeforeFirstLesson,
    balanceReminderDaysBefore: settings.balanceReminderDaysBefore,
    isBalanceOverdueReminder: settings.isBalanceOverdueReminder,
    legal: { ...settings.legal },
  };
}

function SalesSettingsForm({
  settings,
  onSaved,
}: {
  settings: SalesSettings;
  onSaved(saved: SalesSettings): void;
}) {
  const { t, i18n } = useTranslation();
  const { user } = useMe();
  const isAdmin = user.role === 'admin';
  const [values, setValues] = useState<Values>(() => valuesOf(settings, i18n.language));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const set = (field: (typeof FIELDS)[number], next: Values) => {
    setValues(next);
    setErrors((current) => {
      const { [field]: _dropped, ...rest } = current;
      return rest;
    });
  };
  const setLegal = (key: keyof SalesSettings['legal'], value: string) =>
    set(`legal.${key}`, { ...values, legal: { ...values.legal, [key]: value } });

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isAdmin) return;
    setFormError(null);
    const found: Record<string, string> = {};
    if (values.customLessonLabel.trim() === '') found.customLessonLabel = t('salesSettings.labelRequired');
    if (typeof values.quoteValidityDays !== 'number')
      found.quoteValidityDays = t('salesSettings.daysRequired');
    if (typeof values.reminderDaysBeforeExpiry !== 'number')
      found.reminderDaysBeforeExpiry = t('salesSettings.daysRequired');
    const depositBp = basisPointsFromPercent(values.deposit);
    if (depositBp === null) found.defaultDepositBp = t('salesSettings.depositInvalid');
    const fixed = values.depositKind === 'fixed' ? parseEuros(values.depositFixed) : null;
    if (values.depositKind === 'fixed' && (fixed === null || fixed <= 0))
      found.defaultDepositFixedCents = t('payment.settings.fixedInvalid');
    if (typeof values.balanceDaysBeforeFirstLesson !== 'number')
      found.balanceDaysBeforeFirstLesson = t('salesSettings.daysRequired');
    if (typeof values.balanceReminderDaysBefore !== 'number')
      found.balanceReminderDaysBefore = t('salesSettings.daysRequired');
    setErrors(found);
    if (
      Object.keys(found).length > 0 ||
      depositBp === null ||
      typeof values.quoteValidityDays !== 'number' ||
      typeof values.reminderDaysBeforeExpiry !== 'number' ||
      typeof values.balanceDaysBeforeFirstLesson !== 'number' ||
      typeof values.balanceReminderDaysBefore !== 'number'
    )
      return;

    setSaving(true);
    try {
      const saved = await saveSalesSettings({
        customLessonLabel: values.customLessonLabel.trim(),
        quoteValidityDays: values.quoteValidityDays,
        defaultDepositBp: depositBp,
        reminderDaysBeforeExpiry: values.reminderDaysBeforeExpiry,
        depositKind: values.depositKind,
        defaultDepositFixedCents: fixed ?? settings.defaultDepositFixedCents,
        balanceDaysBeforeFirstLesson: values.balanceDaysBeforeFirstLesson,
        balanceReminderDaysBefore: values.balanceReminderDaysBefore,
        isBalanceOverdueReminder: values.isBalanceOverdueReminder,
        legal: {
          companyName: values.legal.companyName.trim(),
          address: values.legal.address.trim(),
          siret: values.legal.siret.trim(),
          vatNumber: values.legal.vatNumber.trim(),
          mentions: values.legal.mentions.trim(),
        },
      });
      setValues(valuesOf(saved, i18n.language));
      setErrors({});
      onSaved(saved);
      notifySuccess(t('salesSettings.saved'));
    } catch (failure) {
      if (failure instanceof ApiError && Object.keys(failure.fields).length > 0) {
        const byField = Object.fromEntries(
          FIELDS.map((f) => [f, fieldError(failure.fields, f)]).filter(([, m]) => m !== undefined),
        ) as Record<string, string>;
        setErrors(byField);
        const unshown = Object.keys(failure.fields).some(
          (k) => !FIELDS.some((f) => k === f || k.startsWith(`${f}.`)),
        );
        setFormError(unshown ? failure.message : null);
      } else setFormError(failure instanceof ApiError ? failure.message : t('errors.unexpected'));
    } finally {
      setSaving(false);
    }
  };

  const saveButton = isAdmin && (
    <Button type="submit" loading={saving}>
      {t('common.save')}
    </Button>
  );

  return (
    <form onSubmit={handleSubmit} noValidate>
      <SalesHeader area="salesSettings" actions={saveButton} />
      {!isAdmin && <ReadOnlyNotice area="salesSettings" />}
      <fieldset disabled={!isAdmin} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="lg" maw={880}>
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} role="alert">
              {formError}
            </Alert>
          )}
          <SettingsSection
            title={t('salesSettings.customTitle')}
            description={t('salesSettings.customDescription')}
          >
            <TextInput
              label={t('salesSettings.customLessonLabel')}
              description={t('salesSettings.customLessonLabelDescription')}
              required
              maxLength={60}
              maw={420}
              value={values.customLessonLabel}
              onChange={(e) =>
                set('customLessonLabel', { ...values, customLessonLabel: e.currentTarget.value })
              }
              error={errors.customLessonLabel}
            />
          </SettingsSection>

          <SettingsSection
            title={t('salesSettings.offersTitle')}
            description={t('salesSettings.offersDescription')}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <NumberInput
                label={t('salesSettings.quoteValidityDays')}
                description={t('salesSettings.quoteValidityDaysDescription')}
                required
                min={1}
                max={365}
                allowDecimal={false}
                allowNegative={false}
                suffix={` ${t('salesSettings.daysSuffix')}`}
                value={values.quoteValidityDays}
                onChange={(value) => set('quoteValidityDays', { ...values, quoteValidityDays: value })}
                error={errors.quoteValidityDays}
              />
              <TextInput
                label={t('salesSettings.defaultDeposit')}
                description={t('salesSettings.defaultDepositDescription')}
                required
                inputMode="decimal"
                autoComplete="off"
                rightSection="%"
                value={values.deposit}
                onChange={(e) => set('defaultDepositBp', { ...values, deposit: e.currentTarget.value })}
                error={errors.defaultDepositBp}
              />
              <NumberInput
                label={t('salesSettings.reminderDays')}
                description={t('salesSettings.reminderDaysDescription')}
                required
                min={0}
                max={60}
                allowDecimal={false}
                allowNegative={false}
                suffix={` ${t('salesSettings.daysSuffix')}`}
                value={values.reminderDaysBeforeExpiry}
                onChange={(value) =>
                  set('reminderDaysBeforeExpiry', { ...values, reminderDaysBeforeExpiry: value })
                }
                error={errors.reminderDaysBeforeExpiry}
              />
            </SimpleGrid>
          </SettingsSection>

          <SettingsSection
            title={t('payment.settings.title')}
            description={t('payment.settings.description')}
          >
            <Stack gap="md">
              <div>
                <Text size="sm" fw={500} id="deposit-kind-label" mb={4}>
                  {t('payment.settings.depositKind')}
                </Text>
                <SegmentedControl
                  aria-labelledby="deposit-kind-label"
                  value={values.depositKind}
                  onChange={(value) =>
                    set('defaultDepositFixedCents', {
                      ...values,
                      depositKind: value === 'fixed' ? 'fixed' : 'percentage',
                    })
                  }
                  data={[
                    { value: 'percentage', label: t('payment.settings.kindPercentage') },
                    { value: 'fixed', label: t('payment.settings.kindFixed') },
                  ]}
                />
              </div>
              {values.depositKind === 'fixed' && (
                <TextInput
                  label={t('payment.settings.fixedAmount')}
                  description={t('payment.settings.fixedAmountDescription')}
                  required
                  maw={280}
                  inputMode="decimal"
                  autoComplete="off"
                  rightSection="€"
                  value={values.depositFixed}
                  onChange={(e) =>
                    set('defaultDepositFixedCents', { ...values, depositFixed: e.currentTarget.value })
                  }
                  error={errors.defaultDepositFixedCents}
                />
              )}
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <NumberInput
                  label={t('payment.settings.balanceDays')}
                  description={t('payment.settings.balanceDaysDescription')}
                  required
                  min={0}
                  max={365}
                  allowDecimal={false}
                  allowNegative={false}
                  suffix={` ${t('salesSettings.daysSuffix')}`}
                  value={values.balanceDaysBeforeFirstLesson}
                  onChange={(value) =>
                    set('balanceDaysBeforeFirstLesson', { ...values, balanceDaysBeforeFirstLesson: value })
                  }
                  error={errors.balanceDaysBeforeFirstLesson}
                />
                <NumberInput
                  label={t('payment.settings.reminderDays')}
                  description={t('payment.settings.reminderDaysDescription')}
                  required
                  min={0}
                  max={60}
                  allowDecimal={false}
                  allowNegative={false}
                  suffix={` ${t('salesSettings.daysSuffix')}`}
                  value={values.balanceReminderDaysBefore}
                  onChange={(value) =>
                    set('balanceReminderDaysBefore', { ...values, balanceReminderDaysBefore: value })
                  }
                  error={errors.balanceReminderDaysBefore}
                />
              </SimpleGrid>
              <Checkbox
                label={t('payment.settings.overdueReminder')}
                description={t('payment.settings.overdueReminderDescription')}
                checked={values.isBalanceOverdueReminder}
                onChange={(e) =>
                  set('isBalanceOverdueReminder', {
                    ...values,
                    isBalanceOverdueReminder: e.currentTarget.checked,
                  })
                }
                error={errors.isBalanceOverdueReminder}
              />
            </Stack>
          </SettingsSection>

          <SettingsSection
            title={t('salesSettings.legalTitle')}
            description={t('salesSettings.legalDescription')}
          >
            <Stack gap="md">
              <TextInput
                label={t('salesSettings.companyName')}
                maxLength={200}
                value={values.legal.companyName}
                onChange={(e) => setLegal('companyName', e.currentTarget.value)}
                error={errors['legal.companyName']}
              />
              <Textarea
                label={t('salesSettings.address')}
                autosize
                minRows={2}
                maxRows={5}
                maxLength={500}
                value={values.legal.address}
                onChange={(e) => setLegal('address', e.currentTarget.value)}
                error={errors['legal.address']}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput
                  label={t('salesSettings.siret')}
                  description={t('salesSettings.siretDescription')}
                  maxLength={20}
                  autoComplete="off"
                  value={values.legal.siret}
                  onChange={(e) => setLegal('siret', e.currentTarget.value)}
                  error={errors['legal.siret']}
                />
                <TextInput
                  label={t('salesSettings.vatNumber')}
                  description={t('salesSettings.vatNumberDescription')}
                  maxLength={20}
                  autoComplete="off"
                  value={values.legal.vatNumber}
                  onChange={(e) => setLegal('vatNumber', e.currentTarget.value)}
                  error={errors['legal.vatNumber']}
                />
              </SimpleGrid>
              <Textarea
                label={t('salesSettings.mentions')}
                description={t('salesSettings.mentionsDescription')}
                autosize
                minRows={3}
                maxRows={10}
                maxLength={2000}
                value={values.legal.mentions}
                onChange={(e) => setLegal('mentions', e.currentTarget.value)}
                error={errors['legal.mentions']}
              />
            </Stack>
          </SettingsSection>

          {isAdmin && <Group justify="flex-end">{saveButton}</Group>}
        </Stack>
      </fieldset>
    </form>
  );
}
