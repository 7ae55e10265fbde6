import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
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
import { ApiError } from '../../api/http';
import { notifyFailure } from '../../components/api-errors';
import { notifySuccess } from '../../components/notify';
import { knownFieldErrors } from './sales-settings-parts';

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
  const [values, setValues] = useState<Values>(() => initialValues(target));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const isCreate = target.kind === 'create';

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      const { [key]: _dropped, ...rest } = current;
      return rest;
    });
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
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
    setErrors(found);
    if (Object.keys(found).length > 0 || capacity === null) return;

    const body: SessionBody = {
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      startTime: values.startTime,
      endTime: values.endTime,
      meetingPoint: values.meetingPoint.trim(),
      capacity,
    };
    setSubmitting(true);
    try {
      const saved =
        target.kind === 'create'
          ? await createSession(target.product.id, body)
          : await updateSession(target.session.id, { ...body, isActive: values.isActive });
      onSaved(target.product.id, saved);
      notifySuccess(
        t(isCreate ? 'catalogue.sessionCreated' : 'catalogue.sessionUpdated', { name: target.product.name }),
      );
      onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFormError(t('errors.unexpected'));
        return;
      }
      const { byField, hasOther } = knownFieldErrors(error, FIELDS);
      setErrors(byField);
      if (hasOther) {
        if (error.isConflict) notifyFailure(t, error);
        else setFormError(error.message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const taken = target.kind === 'edit' ? target.session.taken : 0;

  return (
    <Modal
      opened
      onClose={onClose}
      title={isCreate ? t('catalogue.sessionForm.createTitle') : t('catalogue.sessionForm.editTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Alert variant="light" color="gray" p="xs" styles={{ message: { overflowWrap: 'anywhere' } }}>
            {target.product.name}
          </Alert>
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} role="alert">
              {formError}
            </Alert>
          )}
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
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {isCreate ? t('catalogue.sessionForm.submitCreate') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
