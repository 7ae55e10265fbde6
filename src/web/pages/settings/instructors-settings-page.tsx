import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCalendarOff, IconPencil, IconPlus, IconTrash, IconUsers } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LANGUAGES } from '../../../shared/vocabulary';
import {
  addDayOff,
  DAY_OFF_REASON_MAX_LENGTH,
  getCatalogue,
  type Instructor,
  removeDayOff,
} from '../../api/catalogue.api';
import { ApiError } from '../../api/http';
import { notifyFailure } from '../../components/api-errors';
import { EmptyPanel } from '../../components/empty-panel';
import { humanize, isOneOf } from '../../components/labels';
import { notifySuccess } from '../../components/notify';
import { formatCalendarDate, localeOf } from '../../format/format';
import { useMe } from '../../session/session';
import { InstructorFormModal, type InstructorFormTarget, instructorName } from './instructor-form-modal';
import {
  knownFieldErrors,
  LoadFailed,
  LoadingPanel,
  ReadOnlyNotice,
  SalesHeader,
  useLoaded,
} from './sales-settings-parts';

const badgeStyles = { label: { textTransform: 'none' as const, overflow: 'visible' } };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Paramètres → Moniteurs: who teaches, in which languages and practices, and the days they are off. */
export function InstructorsSettingsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useMe();
  const isAdmin = user.role === 'admin';
  const { state, retry, update } = useLoaded(async (signal) => (await getCatalogue(signal)).instructors);
  const [target, setTarget] = useState<InstructorFormTarget | null>(null);
  const [formKey, setFormKey] = useState(0);

  const open = (next: InstructorFormTarget) => {
    setFormKey((k) => k + 1);
    setTarget(next);
  };
  const upsert = (saved: Instructor) =>
    update((items) =>
      items.some((i) => i.id === saved.id)
        ? items.map((i) => (i.id === saved.id ? saved : i))
        : [...items, saved],
    );

  const collator = useMemo(() => new Intl.Collator(i18n.language, { sensitivity: 'base' }), [i18n.language]);
  const items = useMemo(
    () =>
      state.status === 'ready'
        ? [...state.value].sort(
            (a, b) =>
              Number(b.isActive) - Number(a.isActive) ||
              collator.compare(a.lastName, b.lastName) ||
              collator.compare(a.firstName, b.firstName),
          )
        : [],
    [state, collator],
  );

  return (
    <>
      <SalesHeader
        area="instructors"
        actions={
          isAdmin &&
          state.status === 'ready' && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => open({ kind: 'create' })}>
              {t('instructors.add')}
            </Button>
          )
        }
      />
      {!isAdmin && <ReadOnlyNotice area="instructors" />}
      {state.status === 'loading' && <LoadingPanel />}
      {state.status === 'failed' && (
        <LoadFailed title={t('instructors.loadFailed')} message={state.message} onRetry={retry} />
      )}
      {state.status === 'ready' &&
        (items.length === 0 ? (
          <EmptyPanel
            icon={<IconUsers size={30} stroke={1.6} aria-hidden />}
            title={t('instructors.emptyTitle')}
            description={t('instructors.emptyDescription')}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            {items.map((instructor) => (
              <InstructorCard
                key={instructor.id}
                instructor={instructor}
                isAdmin={isAdmin}
                onEdit={() => open({ kind: 'edit', instructor })}
                onSaved={upsert}
              />
            ))}
          </SimpleGrid>
        ))}
      {target && (
        <InstructorFormModal key={formKey} target={target} onClose={() => setTarget(null)} onSaved={upsert} />
      )}
    </>
  );
}

function dayText(day: string, language: string): string {
  const weekday = new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
  return `${weekday} ${formatCalendarDate(day)}`;
}

function InstructorCard({
  instructor,
  isAdmin,
  onEdit,
  onSaved,
}: {
  instructor: Instructor;
  isAdmin: boolean;
  onEdit(): void;
  onSaved(instructor: Instructor): void;
}) {
  const { t, i18n } = useTranslation();
  const name = instructorName(instructor);
  const titleId = `instructor-${instructor.id}`;
  const [removing, setRemoving] = useState<string | null>(null);
  const daysOff = [...instructor.daysOff].sort((a, b) => a.day.localeCompare(b.day));

  const remove = async (day: string) => {
    setRemoving(day);
    try {
      const saved = await removeDayOff(instructor.id, day);
      onSaved(saved);
      notifySuccess(t('instructors.dayOffRemoved', { name, day: formatCalendarDate(day) }));
    } catch (error) {
      notifyFailure(t, error);
    } finally {
      setRemoving(null);
    }
  };

  return (
    <Paper withBorder radius="lg" p="lg" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={6} miw={0} style={{ flex: '1 1 220px' }}>
          <Group gap="xs" wrap="wrap">
            <Title id={titleId} order={2} size="h4" fw={650} style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            <Badge
              color={instructor.isActive ? 'teal' : 'gray'}
              variant="light"
              radius="sm"
              styles={badgeStyles}
            >
              {instructor.isActive ? t('instructors.active') : t('instructors.inactive')}
            </Badge>
          </Group>
          <Text size="sm">
            <Text span c="dimmed" size="sm" fw={600}>
              {t('instructors.languages')}{' '}
            </Text>
            {instructor.languages
              .map((l) => (isOneOf(CUSTOMER_LANGUAGES, l) ? t(`customerLanguages.${l}`) : l))
              .join(', ')}
          </Text>
          <Text size="sm">
            <Text span c="dimmed" size="sm" fw={600}>
              {t('instructors.practices')}{' '}
            </Text>
            {instructor.practices.length === 0
              ? t('instructors.noPractice')
              : instructor.practices.map((p) => t(`intake.practices.${p}`) || humanize(p)).join(', ')}
          </Text>
        </Stack>
        {isAdmin && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPencil size={15} aria-hidden />}
            aria-label={t('instructors.editLabel', { name })}
            onClick={onEdit}
          >
            {t('common.edit')}
          </Button>
        )}
      </Group>

      <Stack gap="xs" component="section" aria-label={t('instructors.daysOffOf', { name })}>
        <Text size="sm" fw={650}>
          {t('instructors.daysOffTitle')}
        </Text>
        {daysOff.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('instructors.noDaysOff')}
          </Text>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {daysOff.map((off) => (
              <Group
                key={off.day}
                component="li"
                justify="space-between"
                wrap="nowrap"
                gap="xs"
                px="sm"
                py={4}
                style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
              >
                <Group gap="xs" miw={0} wrap="nowrap">
                  <IconCalendarOff
                    size={16}
                    aria-hidden
                    color="var(--mantine-color-gray-6)"
                    style={{ flex: 'none' }}
                  />
                  <Text size="sm" miw={0} style={{ overflowWrap: 'anywhere' }}>
                    <Text span fw={600} size="sm">
                      {dayText(off.day, i18n.language)}
                    </Text>
                    {off.reason && ` — ${off.reason}`}
                  </Text>
                </Group>
                {isAdmin && (
                  <Tooltip label={t('instructors.removeDayOff')} withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      loading={removing === off.day}
                      aria-label={t('instructors.removeDayOffLabel', {
                        day: formatCalendarDate(off.day),
                        name,
                      })}
                      onClick={() => void remove(off.day)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {isAdmin && <DayOffForm instructor={instructor} onSaved={onSaved} />}
      </Stack>
    </Paper>
  );
}

/** "Ajouter un jour de repos": a day and, if it helps colleagues, why. */
function DayOffForm({
  instructor,
  onSaved,
}: {
  instructor: Instructor;
  onSaved(instructor: Instructor): void;
}) {
  const { t } = useTranslation();
  const name = instructorName(instructor);
  const [day, setDay] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!DAY.test(day)) return setErrors({ day: t('instructors.dayRequired') });
    setSubmitting(true);
    setErrors({});
    try {
      const saved = await addDayOff(instructor.id, { day, reason: reason.trim() });
      onSaved(saved);
      notifySuccess(t('instructors.dayOffAdded', { name, day: formatCalendarDate(day) }));
      setDay('');
      setReason('');
    } catch (error) {
      if (error instanceof ApiError) {
        const { byField, hasOther } = knownFieldErrors(error, ['day', 'reason']);
        setErrors(byField);
        if (hasOther) notifyFailure(t, error);
      } else notifyFailure(t, error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('instructors.addDayOffLabel', { name })}>
      <Group gap="sm" align="flex-end" wrap="wrap" mt={4}>
        <TextInput
          type="date"
          label={t('instructors.day')}
          required
          w={170}
          value={day}
          onChange={(e) => {
            setDay(e.currentTarget.value);
            setErrors({});
          }}
          error={errors.day}
        />
        <TextInput
          label={t('instructors.reason')}
          placeholder={t('instructors.reasonPlaceholder')}
          maxLength={DAY_OFF_REASON_MAX_LENGTH}
          style={{ flex: '1 1 180px' }}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        <Button
          type="submit"
          variant="light"
          loading={submitting}
          leftSection={<IconPlus size={16} aria-hidden />}
        >
          {t('instructors.addDayOff')}
        </Button>
      </Group>
    </form>
  );
}
