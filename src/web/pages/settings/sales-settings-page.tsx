import {
  Alert,
  Button,
  Checkbox,
  Group,
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
import { DaysInput, DecimalInput } from '../../components/form-inputs';
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

/** The settings that are a number of days, each required. */
const DAY_FIELDS = [
  'quoteValidityDays',
  'reminderDaysBeforeExpiry',
  'balanceDaysBeforeFirstLesson',
  'balanceReminderDaysBefore',
] as const satisfies readonly (typeof FIELDS)[number][];
type DayField = (typeof DAY_FIELDS)[number];
/** Each one's label (its description is the key + "Description") and range. */
const DAY_INPUTS = {
  quoteValidityDays: { label: 'salesSettings.quoteValidityDays', min: 1, max: 365 },
  reminderDaysBeforeExpiry: { label: 'salesSettings.reminderDays', min: 0, max: 60 },
  balanceDaysBeforeFirstLesson: { label: 'payment.settings.balanceDays', min: 0, max: 365 },
  balanceReminderDaysBefore: { label: 'payment.settings.reminderDays', min: 0, max: 60 },
} as const satisfies Record<DayField, { label: string; min: number; max: number }>;

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
  /** A number of days, required: its words and range, its value, its change (its error cleared). */
  const daysInput = (field: DayField) => {
    const { label, min, max } = DAY_INPUTS[field];
    return (
      <DaysInput
        label={t(label)}
        description={t(`${label}Description`)}
        required
        min={min}
        max={max}
        value={values[field]}
        onChange={(value) => set(field, { ...values, [field]: value })}
        error={errors[field]}
      />
    );
  };
  const setLegal = (key: keyof SalesSettings['legal'], value: string) =>
    set(`legal.${key}`, { ...values, legal: { ...values.legal, [key]: value } });

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isAdmin) return;
    setFormError(null);
    const found: Record<string, string> = {};
    if (values.customLessonLabel.trim() === '') found.customLessonLabel = t('salesSettings.labelRequired');
    for (const field of DAY_FIELDS)
      if (typeof values[field] !== 'number') found[field] = t('salesSettings.daysRequired');
    const depositBp = basisPointsFromPercent(values.deposit);
    if (depositBp === null) found.defaultDepositBp = t('salesSettings.depositInvalid');
    const fixed = values.depositKind === 'fixed' ? parseEuros(values.depositFixed) : null;
    if (values.depositKind === 'fixed' && (fixed === null || fixed <= 0))
      found.defaultDepositFixedCents = t('payment.settings.fixedInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0 || depositBp === null) return;
    // Every one a number now (an empty one was refused above).
    const dayCounts = Object.fromEntries(DAY_FIELDS.map((f) => [f, Number(values[f])])) as Record<
      DayField,
      number
    >;

    setSaving(true);
    try {
      const saved = await saveSalesSettings({
        customLessonLabel: values.customLessonLabel.trim(),
        ...dayCounts,
        defaultDepositBp: depositBp,
        depositKind: values.depositKind,
        defaultDepositFixedCents: fixed ?? settings.defaultDepositFixedCents,
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
              {daysInput('quoteValidityDays')}
              <DecimalInput
                label={t('salesSettings.defaultDeposit')}
                description={t('salesSettings.defaultDepositDescription')}
                required
                unit="%"
                value={values.deposit}
                onChange={(e) => set('defaultDepositBp', { ...values, deposit: e.currentTarget.value })}
                error={errors.defaultDepositBp}
              />
              {daysInput('reminderDaysBeforeExpiry')}
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
                <DecimalInput
                  label={t('payment.settings.fixedAmount')}
                  description={t('payment.settings.fixedAmountDescription')}
                  required
                  maw={280}
                  value={values.depositFixed}
                  onChange={(e) =>
                    set('defaultDepositFixedCents', { ...values, depositFixed: e.currentTarget.value })
                  }
                  error={errors.defaultDepositFixedCents}
                />
              )}
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                {daysInput('balanceDaysBeforeFirstLesson')}
                {daysInput('balanceReminderDaysBefore')}
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
