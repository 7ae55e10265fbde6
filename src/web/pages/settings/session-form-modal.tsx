import { Alert, NumberInput, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  CAPACITY_MAX,
  type CatalogueProduct,
  createSession,
  MEETING_POINT_MAX_LENGTH,
  type Session,
  type SessionBody,
  updateSession,
} from '../../api/catalogue.api';
import { notifySuccess } from '../../components/notify';
import { SettingsFormModal, useSettingsForm } from './settings-form-modal';

export type SessionFormTarget =
  | { kind: 'create'; product: CatalogueProduct }
  | { kind: 'edit'; product: CatalogueProduct; session: Session };

const FIELDS = [
  'startsOn',
  'endsOn',
  'startTime',
  'endTime',
  'meetingPoint',
  'capacity',
  'isActive',
] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

interface Values {
  startsOn: string;
  endsOn: string;
  startTime: string;
  endTime: string;
  meetingPoint: string;
  capacity: number | string;
  isActive: boolean;
}

function initialValues(target: SessionFormTarget): Values {
  if (target.kind === 'create')
    return {
      startsOn: '',
      endsOn: '',
      startTime: '09:00',
      endTime: '11:30',
      meetingPoint: '',
      capacity: 10,
      isActive: true,
    };
  const s = target.session;
  return { ...s, capacity: s.capacity };
}

/** "Ajouter une séance" and "Modifier la séance" of a catalogue product. */
export function SessionFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: SessionFormTarget;
  onClose(): void;
  onSaved(productId: string, session: Session): void;
}) {
  const { t } = useTranslation();
  const { values, set, errors, formError, submitting, submit } = useSettingsForm<Values>(
    () => initialValues(target),
    FIELDS,
  );
  const isCreate = target.kind === 'create';

  const handleSubmit = () => {
    const found: Record<string, string> = {};
    if (!DAY.test(values.startsOn)) found.startsOn = t('catalogue.sessionForm.dayRequired');
    if (!DAY.test(values.endsOn)) found.endsOn = t('catalogue.sessionForm.dayRequired');
    else if (DAY.test(values.startsOn) && values.endsOn < values.startsOn)
      found.endsOn = t('catalogue.sessionForm.endsBeforeStart');
    if (!TIME.test(values.startTime)) found.startTime = t('catalogue.sessionForm.timeRequired');
    if (!TIME.test(values.endTime)) found.endTime = t('catalogue.sessionForm.timeRequired');
    else if (TIME.test(values.startTime) && values.endTime <= values.startTime)
      found.endTime = t('catalogue.sessionForm.endTimeBeforeStart');
    const capacity = typeof values.capacity === 'number' ? values.capacity : null;
    if (capacity === null) found.capacity = t('catalogue.sessionForm.capacityRequired');
    if (Object.keys(found).length > 0 || capacity === null) return void submit(found, null);

    const body: SessionBody = {
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      startTime: values.startTime,
      endTime: values.endTime,
      meetingPoint: values.meetingPoint.trim(),
      capacity,
    };
    void submit({}, async () => {
      const saved =
        target.kind === 'create'
          ? await createSession(target.product.id, body)
          : await updateSession(target.session.id, { ...body, isActive: values.isActive });
      onSaved(target.product.id, saved);
      notifySuccess(
        t(isCreate ? 'catalogue.sessionCreated' : 'catalogue.sessionUpdated', { name: target.product.name }),
      );
      onClose();
    });
  };

  const taken = target.kind === 'edit' ? target.session.taken : 0;

  return (
    <SettingsFormModal
      title={isCreate ? t('catalogue.sessionForm.createTitle') : t('catalogue.sessionForm.editTitle')}
      size="lg"
      formError={formError}
      submitting={submitting}
      submitLabel={isCreate ? t('catalogue.sessionForm.submitCreate') : t('common.save')}
      onSubmit={handleSubmit}
      onClose={onClose}
    >
      <Alert variant="light" color="gray" p="xs" styles={{ message: { overflowWrap: 'anywhere' } }}>
        {target.product.name}
      </Alert>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <TextInput
          type="date"
          label={t('catalogue.sessionForm.startsOn')}
          required
          data-autofocus
          value={values.startsOn}
          onChange={(e) => {
            const startsOn = e.currentTarget.value;
            set('startsOn', startsOn);
            if (values.endsOn === '' || values.endsOn < startsOn) set('endsOn', startsOn);
          }}
          error={errors.startsOn}
        />
        <TextInput
          type="date"
          label={t('catalogue.sessionForm.endsOn')}
          required
          min={values.startsOn || undefined}
          value={values.endsOn}
          onChange={(e) => set('endsOn', e.currentTarget.value)}
          error={errors.endsOn}
        />
        <TextInput
          type="time"
          label={t('catalogue.sessionForm.startTime')}
          required
          value={values.startTime}
          onChange={(e) => set('startTime', e.currentTarget.value)}
          error={errors.startTime}
        />
        <TextInput
          type="time"
          label={t('catalogue.sessionForm.endTime')}
          required
          value={values.endTime}
          onChange={(e) => set('endTime', e.currentTarget.value)}
          error={errors.endTime}
        />
      </SimpleGrid>
      <TextInput
        label={t('catalogue.sessionForm.meetingPoint')}
        placeholder={t('catalogue.sessionForm.meetingPointPlaceholder')}
        maxLength={MEETING_POINT_MAX_LENGTH}
        value={values.meetingPoint}
        onChange={(e) => set('meetingPoint', e.currentTarget.value)}
        error={errors.meetingPoint}
      />
      <NumberInput
        label={t('catalogue.sessionForm.capacity')}
        description={
          taken > 0
            ? t('catalogue.sessionForm.capacityTaken', { count: taken })
            : t('catalogue.sessionForm.capacityDescription')
        }
        required
        min={0}
        max={CAPACITY_MAX}
        allowDecimal={false}
        allowNegative={false}
        maw={260}
        value={values.capacity}
        onChange={(value) => set('capacity', value)}
        error={errors.capacity}
      />
      {!isCreate && (
        <Switch
          label={t('catalogue.sessionForm.isActive')}
          description={t('catalogue.sessionForm.isActiveDescription')}
          checked={values.isActive}
          onChange={(e) => set('isActive', e.currentTarget.checked)}
          error={errors.isActive}
        />
      )}
    </SettingsFormModal>
  );
}
