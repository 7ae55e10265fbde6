import { Anchor, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconMail, IconPencil, IconPhone, IconUser } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RequestPage, updateCustomer } from '../../api/requests.api';
import { notifyFailure } from '../../components/api-errors';
import { TEXT_ON_ORANGE } from '../../components/tones';
import type { RunEdit } from './run-edit';
import { SideCard } from './side-card';

const FIELDS = ['firstName', 'lastName', 'email', 'phone'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

interface Editing {
  /** What the secretary typed, per field she touched; the others follow live changes. */
  typed: Partial<Values>;
  /** The values and the customer's version when she clicked "Modifier": what she edits. */
  start: Values;
  baseVersion: number;
  /** After a refusal she has the colleagues' values in front of her: the next save may replace them. */
  hasSeenTheirs: boolean;
}

function valuesOf(customer: RequestPage['request']['customer']): Values {
  return {
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    phone: customer.phone ?? '',
  };
}

/**
 * The customer's contact details, editable. Only the fields the secretary changed are sent, with
 * the customer version she started from: a colleague's change of another field is kept (and
 * shows in the form at once), one of the same field is refused with their name.
 */
export function CustomerCard({ data, runEdit }: { data: RequestPage; runEdit: RunEdit }) {
  const { t } = useTranslation();
  const { customer } = data.request;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);
  const name = `${customer.firstName} ${customer.lastName}`.trim();
  const live = valuesOf(customer);
  const shown = (field: Field): string => editing?.typed[field] ?? live[field];
  const changedFields = (current: Editing): Field[] =>
    FIELDS.filter((f) => current.typed[f] !== undefined && current.typed[f].trim() !== current.start[f]);
  /** A colleague saved this field since she started, and she is changing it too: say what they saved. */
  const theirs = (field: Field): string | undefined =>
    editing && changedFields(editing).includes(field) && live[field] !== editing.start[field]
      ? t('dossier.customer.changedMeanwhile', {
          value: live[field] === '' ? t('dossier.customer.emptyValue') : live[field],
        })
      : undefined;

  const startEditing = () => {
    setErrors({});
    setEditing({ typed: {}, start: live, baseVersion: customer.version, hasSeenTheirs: false });
  };

  const set = (field: Field, value: string) => {
    setEditing((current) =>
      current ? { ...current, typed: { ...current.typed, [field]: value } } : current,
    );
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!editing) return;
    const values = { firstName: shown('firstName'), lastName: shown('lastName'), email: shown('email') };
    const found = {
      ...(values.firstName.trim() === '' && { firstName: t('newRequest.firstNameRequired') }),
      ...(values.lastName.trim() === '' && { lastName: t('newRequest.lastNameRequired') }),
      ...(!EMAIL_SHAPE.test(values.email.trim()) && { email: t('newRequest.emailInvalid') }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const fields = changedFields(editing);
    if (fields.length === 0) {
      setEditing(null);
      return;
    }
    const changes: Partial<Values> = {};
    for (const field of fields) changes[field] = editing.typed[field]!.trim();
    setSaving(true);
    const result = await runEdit(async () => {
      await updateCustomer(data.request.id, {
        version: editing.hasSeenTheirs ? customer.version : editing.baseVersion,
        ...changes,
      });
      return undefined;
    });
    setSaving(false);
    if (result.ok) setEditing(null);
    else if (result.isStale) setEditing((current) => current && { ...current, hasSeenTheirs: true });
    else if (result.error) {
      const byField: Partial<Record<Field, string>> = {};
      for (const [key, message] of Object.entries(result.error.fields))
        if ((FIELDS as readonly string[]).includes(key)) byField[key as Field] = message;
      setErrors(byField);
      if (Object.keys(byField).length === 0) notifyFailure(t, result.error);
    }
    // A stale edit keeps the form open with what was typed, and the colleague's values beside it.
  };

  return (
    <SideCard
      id="panel-customer"
      title={t('dossier.customer.title')}
      icon={<IconUser size={18} stroke={1.8} aria-hidden />}
      actions={
        !editing && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPencil size={14} aria-hidden />}
            onClick={startEditing}
          >
            {t('common.edit')}
          </Button>
        )
      }
    >
      {editing ? (
        <form onSubmit={handleSubmit} noValidate aria-label={t('dossier.customer.editTitle')}>
          <Stack gap="sm">
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                label={t('dossier.customer.firstName')}
                value={shown('firstName')}
                onChange={(e) => set('firstName', e.currentTarget.value)}
                description={theirs('firstName')}
                descriptionProps={{ c: TEXT_ON_ORANGE, fw: 600 }}
                error={errors.firstName}
                maxLength={80}
                required
                data-autofocus
              />
              <TextInput
                label={t('dossier.customer.lastName')}
                value={shown('lastName')}
                onChange={(e) => set('lastName', e.currentTarget.value)}
                description={theirs('lastName')}
                descriptionProps={{ c: TEXT_ON_ORANGE, fw: 600 }}
                error={errors.lastName}
                maxLength={80}
                required
              />
            </SimpleGrid>
            <TextInput
              label={t('dossier.customer.email')}
              type="email"
              value={shown('email')}
              onChange={(e) => set('email', e.currentTarget.value)}
              description={theirs('email')}
              descriptionProps={{ c: TEXT_ON_ORANGE, fw: 600 }}
              error={errors.email}
              required
            />
            <TextInput
              label={t('dossier.customer.phone')}
              type="tel"
              value={shown('phone')}
              onChange={(e) => set('phone', e.currentTarget.value)}
              description={theirs('phone')}
              descriptionProps={{ c: TEXT_ON_ORANGE, fw: 600 }}
              error={errors.phone}
              maxLength={30}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="xs" onClick={() => setEditing(null)} disabled={saving}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" size="xs" loading={saving}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap={6}>
          <Text fw={650} className="wrap-anywhere" lh={1.3}>
            {name}
          </Text>
          <Group gap={8} wrap="nowrap" miw={0}>
            <IconMail size={15} color="var(--mantine-color-gray-6)" aria-hidden style={{ flex: 'none' }} />
            <Anchor href={`mailto:${customer.email}`} size="sm" className="wrap-anywhere">
              {customer.email}
            </Anchor>
          </Group>
          <Group gap={8} wrap="nowrap">
            <IconPhone size={15} color="var(--mantine-color-gray-6)" aria-hidden style={{ flex: 'none' }} />
            {customer.phone ? (
              <Anchor href={`tel:${customer.phone.replace(/[^+0-9]/g, '')}`} size="sm">
                {customer.phone}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                {t('dossier.customer.noPhone')}
              </Text>
            )}
          </Group>
        </Stack>
      )}
    </SideCard>
  );
}
