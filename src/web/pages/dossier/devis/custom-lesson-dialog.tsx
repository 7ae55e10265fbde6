import {
  Alert,
  Checkbox,
  Group,
  List,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconCalendarCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isClash } from '../../../../shared/contracts/sales';
import { parseEuros } from '../../../../shared/money';
import { SLOTS } from '../../../../shared/vocabulary';
import {
  type Availability,
  addLine,
  type Catalogue,
  type DevisLine,
  getAvailability,
  validateCustomLesson,
} from '../../../api/devis.api';
import { TEXT_ON_ORANGE } from '../../../components/tones';
import { formatCalendarDate } from '../../../format/format';
import { instructorName, slotLabel } from './devis-words';
import { type DevisDialogProps, DialogFrame, type FieldErrors, useDialogWrite } from './dialog-frame';
import {
  checkParticipants,
  type ParticipantDraft,
  ParticipantsFields,
  participantDraft,
} from './participants-fields';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FIELDS = [
  'label',
  'dates',
  'slots',
  'hours',
  'sessions',
  'instructorId',
  'priceCents',
  'overrideReason',
];
const shown = (key: string) =>
  FIELDS.some((f) => key === f || key.startsWith(`${f}.`)) || key.startsWith('participants');

/** "12,50" for a price field, from cents. */
function eurosText(cents: number): string {
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  return fraction === 0 ? String(whole) : `${whole},${String(fraction).padStart(2, '0')}`;
}

export interface CustomAsked {
  dates: { from: string; to: string | null } | null;
  slots: string[];
  sessions: number | null;
  instructorId: string | null;
  participants: { firstName: string; birthDate: string; level: string }[];
}

/**
 * The custom lesson ("esf sur mesure"): dates, slots, hours, sessions, instructor, participants and
 * the price the secretary sets. "ÉDITER" (`line`) opens the one the customer asked for, pre-filled,
 * and validates it; the instructor's days off and lessons on those dates are listed, and an
 * overlap is said before saving: "Valider quand même" then asks for a reason (journaled).
 */
export function CustomLessonDialog({
  opened,
  onClose,
  devis,
  catalogue,
  line,
  asked,
  write,
}: DevisDialogProps & {
  catalogue: Catalogue;
  line: DevisLine | null;
  asked: CustomAsked;
}) {
  const { t, i18n } = useTranslation();
  const schedule = line?.schedule ?? null;
  const [label, setLabel] = useState('');
  const [from, setFrom] = useState(schedule?.dates?.from ?? asked.dates?.from ?? '');
  const [to, setTo] = useState(schedule?.dates?.to ?? asked.dates?.to ?? '');
  const [slots, setSlots] = useState<string[]>(
    (schedule?.slots ?? asked.slots).filter((s) => (SLOTS as readonly string[]).includes(s)),
  );
  const [hours, setHours] = useState<number | string>(schedule?.hours ?? '');
  const [sessions, setSessions] = useState<number | string>(schedule?.sessions ?? asked.sessions ?? 1);
  const [instructorId, setInstructorId] = useState<string | null>(line?.instructorId ?? asked.instructorId);
  const [price, setPrice] = useState(line && !line.isToBePriced ? eurosText(line.totalCents) : '');
  const [participants, setParticipants] = useState<ParticipantDraft[]>(() => {
    const source = line ? line.participants : asked.participants;
    return source.length > 0 ? source.map((p) => participantDraft(p)) : [participantDraft()];
  });
  const [reason, setReason] = useState('');
  const [isOverriding, setIsOverriding] = useState(false);
  const { errors, setErrors, clear, general, submitting, run } = useDialogWrite(write, shown);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const instructors = catalogue.instructors.filter((i) => i.isActive || i.id === instructorId);
  const instructor = instructors.find((i) => i.id === instructorId) ?? null;
  const availability = useAvailability(devis.requestId, instructorId, from, to);
  // Flagged as the server refuses: a day off, or another lesson in a slot this one takes.
  const conflicts = (availability.data?.busy ?? []).filter(
    (b) => b.requestId !== devis.requestId && isClash(b, slots),
  );
  const hasConflict = conflicts.length > 0;

  useEffect(() => {
    if (isOverriding) reasonRef.current?.focus();
  }, [isOverriding]);

  // The server saw an overlap the screen had not: the reason is asked for here too.
  useEffect(() => {
    if (errors.overrideReason) setIsOverriding(true);
  }, [errors.overrideReason]);

  const submit = async () => {
    const found: FieldErrors = {};
    const hoursValue = typeof hours === 'number' ? hours : Number.NaN;
    const sessionsValue = typeof sessions === 'number' ? sessions : Number.NaN;
    const priceCents = parseEuros(price);
    if (!DAY.test(from)) found['dates.from'] = t('devis.errors.dateFrom');
    if (to && (!DAY.test(to) || to < from)) found['dates.to'] = t('devis.errors.dateTo');
    if (slots.length === 0) found.slots = t('devis.errors.slots');
    if (!(hoursValue > 0 && hoursValue <= 100)) found.hours = t('devis.errors.hours');
    if (!(Number.isInteger(sessionsValue) && sessionsValue >= 1 && sessionsValue <= 30))
      found.sessions = t('devis.errors.sessions');
    if (priceCents === null || priceCents < 0) found.priceCents = t('devis.errors.price');
    const checked = checkParticipants(t, participants);
    Object.assign(found, checked.errors);
    if (hasConflict && isOverriding && reason.trim() === '') found.overrideReason = t('devis.errors.reason');
    setErrors(found);
    if (Object.values(found).some(Boolean) || priceCents === null) return;
    if (hasConflict && !isOverriding) {
      setIsOverriding(true);
      return;
    }
    const dates = { from, to: to || null };
    const override = isOverriding && reason.trim() ? { overrideReason: reason.trim() } : {};
    const done = await run(() =>
      line
        ? validateCustomLesson(devis.requestId, {
            version: devis.version,
            lineId: line.id,
            dates,
            slots: slots as never,
            hours: hoursValue,
            sessions: sessionsValue,
            instructorId,
            participants: checked.participants as never,
            priceCents,
            ...override,
          })
        : addLine(devis.requestId, {
            kind: 'custom',
            version: devis.version,
            ...(label.trim() && { label: label.trim() }),
            dates,
            slots: slots as never,
            hours: hoursValue,
            sessions: sessionsValue,
            instructorId,
            participants: checked.participants as never,
            priceCents,
            ...override,
          }),
    );
    if (done) onClose();
  };

  const decimalSeparator = i18n.language === 'fr' ? ',' : '.';
  const submitLabel = hasConflict
    ? t('devis.custom.validateAnyway')
    : line
      ? t('devis.custom.validate')
      : t('devis.custom.submit');

  return (
    <DialogFrame
      opened={opened}
      onClose={onClose}
      title={line ? t('devis.custom.editTitle', { label: devis.customLessonLabel }) : devis.customLessonLabel}
      onSubmit={() => void submit()}
      submitLabel={submitLabel}
      submitColor={hasConflict ? 'orange.8' : undefined}
      submitting={submitting}
      general={general}
      size="xl"
    >
      {!line && (
        <TextInput
          label={t('devis.custom.label')}
          description={t('devis.custom.labelHint')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          error={errors.label}
          maxLength={120}
          data-autofocus
        />
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          type="date"
          label={t('devis.custom.from')}
          value={from}
          onChange={(e) => {
            setFrom(e.currentTarget.value);
            clear('dates.from');
          }}
          error={errors['dates.from'] ?? errors.dates}
          required
          data-autofocus={line ? true : undefined}
        />
        <TextInput
          type="date"
          label={t('devis.custom.to')}
          value={to}
          min={from || undefined}
          onChange={(e) => {
            setTo(e.currentTarget.value);
            clear('dates.to');
          }}
          error={errors['dates.to']}
        />
      </SimpleGrid>
      <Checkbox.Group
        label={t('devis.custom.slots')}
        value={slots}
        onChange={(value) => {
          setSlots(value);
          clear('slots');
        }}
        error={errors.slots}
        required
      >
        <Group gap="lg" mt={6}>
          {SLOTS.map((slot) => (
            <Checkbox key={slot} value={slot} label={slotLabel(t, slot)} />
          ))}
        </Group>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <NumberInput
          label={t('devis.custom.hours')}
          description={t('devis.custom.hoursHint')}
          value={hours}
          onChange={(value) => {
            setHours(value);
            clear('hours');
          }}
          min={0.5}
          max={100}
          step={0.5}
          decimalScale={2}
          decimalSeparator={decimalSeparator}
          allowNegative={false}
          error={errors.hours}
          required
        />
        <NumberInput
          label={t('devis.custom.sessions')}
          description={t('devis.custom.sessionsHint')}
          value={sessions}
          onChange={(value) => {
            setSessions(value);
            clear('sessions');
          }}
          min={1}
          max={30}
          allowDecimal={false}
          allowNegative={false}
          error={errors.sessions}
          required
        />
        <TextInput
          label={t('devis.custom.price')}
          description={t('devis.custom.priceHint')}
          value={price}
          onChange={(e) => {
            setPrice(e.currentTarget.value);
            clear('priceCents');
          }}
          error={errors.priceCents}
          inputMode="decimal"
          rightSection={
            <Text size="sm" c="dimmed" aria-hidden>
              €
            </Text>
          }
          required
        />
      </SimpleGrid>
      <Select
        label={t('devis.custom.instructor')}
        data={instructors.map((i) => ({ value: i.id, label: instructorName(i) }))}
        value={instructorId}
        onChange={(value) => {
          setInstructorId(value);
          setIsOverriding(false);
          clear('instructorId');
        }}
        placeholder={t('devis.custom.noInstructor')}
        clearable
        error={errors.instructorId}
        comboboxProps={{ withinPortal: true }}
      />
      {instructor && (
        <AvailabilityPanel
          name={instructorName(instructor)}
          loading={availability.loading}
          failed={availability.failed}
          busy={conflicts}
          hasDates={DAY.test(from)}
        />
      )}
      {hasConflict && isOverriding && (
        <Textarea
          ref={reasonRef}
          label={t('devis.custom.reason')}
          description={t('devis.custom.reasonHint')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            clear('overrideReason');
          }}
          error={errors.overrideReason}
          autosize
          minRows={2}
          maxLength={500}
          required
        />
      )}
      <ParticipantsFields
        legend={t('devis.participant.legend')}
        value={participants}
        onChange={setParticipants}
        errors={errors}
      />
      {line && (
        <Text size="xs" c="dimmed">
          {t('devis.custom.askedStays')}
        </Text>
      )}
    </DialogFrame>
  );
}

function useAvailability(requestId: string, instructorId: string | null, from: string, to: string) {
  const [state, setState] = useState<{ data: Availability | null; loading: boolean; failed: boolean }>({
    data: null,
    loading: false,
    failed: false,
  });
  useEffect(() => {
    if (!instructorId || !DAY.test(from)) {
      setState({ data: null, loading: false, failed: false });
      return;
    }
    const controller = new AbortController();
    const last = DAY.test(to) && to >= from ? to : from;
    setState((s) => ({ ...s, loading: true, failed: false }));
    getAvailability(requestId, { instructorId, from, to: last }, controller.signal).then(
      (data) => setState({ data, loading: false, failed: false }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setState({ data: null, loading: false, failed: true });
      },
    );
    return () => controller.abort();
  }, [requestId, instructorId, from, to]);
  return state;
}

function AvailabilityPanel({
  name,
  loading,
  failed,
  busy,
  hasDates,
}: {
  name: string;
  loading: boolean;
  failed: boolean;
  busy: Availability['busy'];
  hasDates: boolean;
}) {
  const { t } = useTranslation();
  if (!hasDates) return null;
  if (loading)
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" aria-hidden />
        <Text size="sm" c="dimmed">
          {t('devis.custom.availabilityLoading', { name })}
        </Text>
      </Group>
    );
  if (failed)
    return (
      <Text size="sm" c="dimmed" role="status">
        {t('devis.custom.availabilityFailed')}
      </Text>
    );
  if (busy.length === 0)
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCalendarCheck size={18} aria-hidden />}
        role="status"
        title={t('devis.custom.available', { name })}
      />
    );
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} color={TEXT_ON_ORANGE} aria-hidden />}
      title={t('devis.custom.busy', { name, count: busy.length })}
      styles={{ title: { color: TEXT_ON_ORANGE } }}
      role="alert"
    >
      <List size="sm" spacing={2} aria-label={t('devis.custom.busyList', { name })}>
        {busy.map((b) => (
          <List.Item key={`${b.day}-${b.kind}-${b.detail}`}>
            <Text span size="sm" fw={600}>
              {formatCalendarDate(b.day)}
            </Text>{' '}
            {b.detail
              ? t('devis.custom.busyItem', {
                  kind: b.kind === 'day_off' ? t('devis.custom.dayOff') : t('devis.custom.lesson'),
                  detail: b.detail,
                })
              : b.kind === 'day_off'
                ? t('devis.custom.dayOff')
                : t('devis.custom.lesson')}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt={6}>
        {t('devis.custom.busyHint')}
      </Text>
    </Alert>
  );
}
