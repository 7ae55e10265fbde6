import { Badge, Box, Code, Group, List, Spoiler, Stack, Text } from '@mantine/core';
import { IconForms } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayloadDates, PayloadParticipant, readFormPayload } from '../../../shared/form-payload';
import {
  CUSTOMER_LANGUAGES,
  DURATIONS,
  KNOWN_PRODUCT_KINDS,
  LEVELS,
  PRACTICES,
  SLOTS,
} from '../../../shared/vocabulary';
import { humanize, isOneOf } from '../../components/labels';
import { formatCalendarDate } from '../../format/format';
import { useFormatters } from '../../format/use-formatters';

/** A message's form data as read back: one of the forms, or what this version cannot read. */
type ShownPayload = NonNullable<ReturnType<typeof readFormPayload>>;

/** Long texts (a customer's whole life story) are folded past this height, never cut. */
export const FOLD_HEIGHT = 320;

/** Text from customers is shown as text: line breaks kept, long words broken, never HTML. */
export function MessageText({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <Spoiler
      maxHeight={FOLD_HEIGHT}
      showLabel={t('dossier.conversation.showMore')}
      hideLabel={t('dossier.conversation.showLess')}
      styles={{ control: { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 600 } }}
    >
      <Text size="sm" className="pre-wrap" lh={1.55}>
        {text}
      </Text>
    </Spoiler>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box component="div" style={{ display: 'grid', gridTemplateColumns: 'minmax(110px, 34%) 1fr', gap: 12 }}>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Box component="dd" m={0} miw={0} className="wrap-anywhere">
        {children}
      </Box>
    </Box>
  );
}

function useVocabulary() {
  const { t } = useTranslation();
  return {
    practice: (key: string) => (isOneOf(PRACTICES, key) ? t(`intake.practices.${key}`) : humanize(key)),
    level: (key: string) => (isOneOf(LEVELS, key) ? t(`intake.levels.${key}`) : humanize(key)),
    duration: (key: string) => (isOneOf(DURATIONS, key) ? t(`intake.durations.${key}`) : humanize(key)),
    slot: (key: string) => (isOneOf(SLOTS, key) ? t(`intake.slots.${key}`) : humanize(key)),
    productKind: (key: string) =>
      isOneOf(KNOWN_PRODUCT_KINDS, key) ? t(`intake.productKinds.${key}`) : humanize(key),
    language: (key: string) =>
      isOneOf(CUSTOMER_LANGUAGES, key) ? t(`customerLanguages.${key}`) : key.toUpperCase(),
  };
}

function Participants({ items }: { items: PayloadParticipant[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const words = useVocabulary();
  return (
    <List size="sm" spacing={4} listStyleType="none" ml={0} pl={0}>
      {items.map((p, index) => {
        const age = format.age(p.birthDate);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: participants have no id; the list never reorders
          <List.Item key={index}>
            <Text span size="sm" fw={600}>
              {p.firstName}
            </Text>
            <Text span size="sm">
              {' — '}
              {formatCalendarDate(p.birthDate)}
              {age !== null && ` (${t('dossier.form.age', { count: age })})`}
            </Text>
            {p.level && (
              <Text size="xs" c="gray.7">
                {t('dossier.form.levelValue', { level: words.level(p.level) })}
              </Text>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}

function Dates({ range }: { range: PayloadDates | null }) {
  const { t } = useTranslation();
  if (!range) return <Text size="sm">—</Text>;
  return (
    <Text size="sm">
      {range.to
        ? t('dossier.form.dateRange', {
            from: formatCalendarDate(range.from),
            to: formatCalendarDate(range.to),
          })
        : t('dossier.form.dateFrom', { from: formatCalendarDate(range.from) })}
    </Text>
  );
}

function FormLabel({ children }: { children: ReactNode }) {
  return (
    <Badge
      variant="light"
      color="alpine"
      radius="sm"
      leftSection={<IconForms size={13} aria-hidden />}
      styles={{ label: { textTransform: 'none', fontWeight: 600 } }}
    >
      {children}
    </Badge>
  );
}

function CustomerMessage({ message }: { message: string }) {
  const { t } = useTranslation();
  return message ? (
    <MessageText text={message} />
  ) : (
    <Text size="sm" c="dimmed">
      {t('dossier.form.noMessage')}
    </Text>
  );
}

/** What a form submitted, laid out per form type (VEL, Contact, Sur mesure), the customer's words as text. */
export function FormPayloadView({ payload, body }: { payload: ShownPayload; body: string }) {
  const { t } = useTranslation();
  const words = useVocabulary();

  switch (payload.form) {
    case 'contact':
      return (
        <Stack gap={8}>
          <Group>
            <FormLabel>{t('dossier.form.contact')}</FormLabel>
          </Group>
          <CustomerMessage message={payload.message || body} />
        </Stack>
      );
    case 'vel':
      return (
        <Stack gap={10}>
          <Group>
            <FormLabel>{t('dossier.form.vel')}</FormLabel>
          </Group>
          <Stack component="dl" gap={6} m={0}>
            <Field label={t('dossier.form.participants')}>
              <Participants items={payload.participants} />
            </Field>
            <Field label={t('dossier.form.productType')}>
              <Text size="sm">{words.productKind(payload.productType)}</Text>
            </Field>
            <Field label={t('dossier.form.practice')}>
              <Text size="sm">{words.practice(payload.practice)}</Text>
            </Field>
            <Field label={t('dossier.form.dates')}>
              <Dates range={payload.dates} />
            </Field>
          </Stack>
          <Box>
            <Text size="sm" c="dimmed" mb={2}>
              {t('dossier.form.message')}
            </Text>
            <CustomerMessage message={payload.message} />
          </Box>
        </Stack>
      );
    case 'custom':
      return (
        <Stack gap={10}>
          <Text size="sm" fw={600} className="pre-wrap">
            {body}
          </Text>
          <Group>
            <FormLabel>{t('dossier.form.custom')}</FormLabel>
          </Group>
          <Stack component="dl" gap={6} m={0}>
            <Field label={t('dossier.form.participants')}>
              <Participants items={payload.participants} />
            </Field>
            <Field label={t('dossier.form.practice')}>
              <Text size="sm">{words.practice(payload.practice)}</Text>
            </Field>
            <Field label={t('dossier.form.dates')}>
              <Dates range={payload.dates} />
            </Field>
            {payload.slots.length > 0 && (
              <Field label={t('dossier.form.slots')}>
                <Text size="sm">{payload.slots.map(words.slot).join(', ')}</Text>
              </Field>
            )}
            {payload.duration && (
              <Field label={t('dossier.form.duration')}>
                <Text size="sm">{words.duration(payload.duration)}</Text>
              </Field>
            )}
            {payload.sessions !== null && (
              <Field label={t('dossier.form.sessions')}>
                <Text size="sm">{payload.sessions}</Text>
              </Field>
            )}
            <Field label={t('dossier.form.instructor')}>
              <Text size="sm">{payload.instructor?.name || t('dossier.form.noInstructor')}</Text>
            </Field>
            {payload.lessonLanguage && (
              <Field label={t('dossier.form.lessonLanguage')}>
                <Text size="sm">{words.language(payload.lessonLanguage)}</Text>
              </Field>
            )}
          </Stack>
          <Box>
            <Text size="sm" c="dimmed" mb={2}>
              {t('dossier.form.message')}
            </Text>
            <CustomerMessage message={payload.message} />
          </Box>
        </Stack>
      );
    case 'unknown':
      return (
        <Stack gap={8}>
          {body && <MessageText text={body} />}
          <Box>
            <Text size="xs" c="dimmed" mb={4}>
              {t('dossier.form.unknown')}
            </Text>
            <Spoiler
              maxHeight={120}
              showLabel={t('dossier.conversation.showMore')}
              hideLabel={t('dossier.conversation.showLess')}
            >
              <Code block className="pre-wrap">
                {JSON.stringify(payload.raw, null, 2)}
              </Code>
            </Spoiler>
          </Box>
        </Stack>
      );
    default: {
      const never: never = payload;
      return never;
    }
  }
}
