import { ActionIcon, Button, Fieldset, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LEVELS } from '../../../../shared/vocabulary';
import { useFormatters } from '../../../format/use-formatters';
import { levelLabel } from './devis-words';

export interface ParticipantDraft {
  key: number;
  firstName: string;
  birthDate: string;
  level: string;
}

let nextKey = 1;
export function participantDraft(from?: {
  firstName: string;
  birthDate: string;
  level: string;
}): ParticipantDraft {
  return {
    key: nextKey++,
    firstName: from?.firstName ?? '',
    birthDate: /^\d{4}-\d{2}-\d{2}$/.test(from?.birthDate ?? '') ? (from?.birthDate ?? '') : '',
    level: (LEVELS as readonly string[]).includes(from?.level ?? '') ? (from?.level ?? '') : '',
  };
}

/** Errors by participant index and field ("participants.1.birthDate" from the server). */
export type ParticipantErrors = Record<string, string | undefined>;

export const MAX_PARTICIPANTS = 12;

/**
 * The participants of a lesson: first name, birth date, level — one row each, pre-filled from
 * what the customer wrote on the form; rows added and removed by keyboard as well.
 */
export function ParticipantsFields({
  value,
  onChange,
  errors,
  legend,
}: {
  value: ParticipantDraft[];
  onChange: (next: ParticipantDraft[]) => void;
  errors: ParticipantErrors;
  legend: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const levels = LEVELS.map((level) => ({ value: level, label: levelLabel(t, level) }));
  const set = (index: number, patch: Partial<ParticipantDraft>) =>
    onChange(value.map((p, i) => (i === index ? { ...p, ...patch } : p)));

  return (
    <Fieldset legend={legend} variant="unstyled" p={0}>
      <Stack gap="sm">
        {errors.participants && (
          <Text size="sm" c="red.8" role="alert">
            {errors.participants}
          </Text>
        )}
        {value.map((participant, index) => {
          const age = participant.birthDate ? format.age(participant.birthDate) : null;
          const number = index + 1;
          return (
            <Group key={participant.key} gap="xs" align="flex-start" wrap="wrap">
              <TextInput
                label={t('devis.participant.firstNameShort')}
                aria-label={t('devis.participant.firstName', { number })}
                value={participant.firstName}
                onChange={(e) => set(index, { firstName: e.currentTarget.value })}
                error={errors[`participants.${index}.firstName`]}
                required
                style={{ flex: '1 1 140px' }}
                maxLength={80}
              />
              <TextInput
                type="date"
                label={t('devis.participant.birthDateShort')}
                aria-label={t('devis.participant.birthDate', { number })}
                value={participant.birthDate}
                onChange={(e) => set(index, { birthDate: e.currentTarget.value })}
                error={errors[`participants.${index}.birthDate`]}
                description={age === null ? undefined : t('dossier.form.age', { count: age })}
                required
                style={{ flex: '1 1 150px' }}
              />
              <Select
                label={t('devis.participant.levelShort')}
                aria-label={t('devis.participant.level', { number })}
                data={levels}
                value={participant.level || null}
                onChange={(level) => set(index, { level: level ?? '' })}
                error={errors[`participants.${index}.level`]}
                placeholder={t('devis.participant.levelPlaceholder')}
                required
                allowDeselect={false}
                style={{ flex: '1 1 190px' }}
                comboboxProps={{ withinPortal: true }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={25}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
                disabled={value.length <= 1}
                aria-label={t('devis.participant.remove', {
                  name: participant.firstName || t('devis.participant.numbered', { number }),
                })}
                title={t('devis.participant.remove', {
                  name: participant.firstName || t('devis.participant.numbered', { number }),
                })}
              >
                <IconTrash size={17} aria-hidden />
              </ActionIcon>
            </Group>
          );
        })}
        <Button
          variant="light"
          size="compact-sm"
          w="fit-content"
          leftSection={<IconPlus size={15} aria-hidden />}
          onClick={() => onChange([...value, participantDraft()])}
          disabled={value.length >= MAX_PARTICIPANTS}
        >
          {t('devis.participant.add')}
        </Button>
      </Stack>
    </Fieldset>
  );
}

/** What the form can send, or the errors that stop it (said next to each field). */
export function checkParticipants(
  t: (
    key:
      | 'devis.errors.firstName'
      | 'devis.errors.birthDate'
      | 'devis.errors.level'
      | 'devis.errors.participants',
  ) => string,
  drafts: ParticipantDraft[],
): { participants: { firstName: string; birthDate: string; level: string }[]; errors: ParticipantErrors } {
  const errors: ParticipantErrors = {};
  if (drafts.length === 0) errors.participants = t('devis.errors.participants');
  drafts.forEach((p, i) => {
    if (!p.firstName.trim()) errors[`participants.${i}.firstName`] = t('devis.errors.firstName');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.birthDate))
      errors[`participants.${i}.birthDate`] = t('devis.errors.birthDate');
    if (!p.level) errors[`participants.${i}.level`] = t('devis.errors.level');
  });
  return {
    participants: drafts.map((p) => ({
      firstName: p.firstName.trim(),
      birthDate: p.birthDate,
      level: p.level,
    })),
    errors,
  };
}
