import { Anchor, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconMail, IconPencil, IconPhone, IconUser } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RequestPage, updateCustomer } from '../../api/requests.api';
import { notifyFailure } from '../../components/api-errors';
import type { RunEdit } from './run-edit';
import { SideCard } from './side-card';

const FIELDS = ['firstName', 'lastName', 'email', 'phone'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/** The customer's contact details, editable (with the file's version: a stale edit is refused). */
export function CustomerCard({ data, runEdit }: { data: RequestPage; runEdit: RunEdit }) {
  const { t } = useTranslation();
  const { customer } = data.request;
  const [editing, setEditing] = useState<Values | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);
  const name = `${customer.firstName} ${customer.lastName}`.trim();

  const startEditing = () => {
    setErrors({});
    setEditing({
      firstName: customer.firstName,
      lastName: customer.lastName,
      email: customer.email,
      phone: customer.phone ?? '',
    });
  };

  const set = (field: Field, value: string) => {
    setEditing((current) => (current ? { ...current, [field]: value } : current));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!editing) return;
    const found = {
      ...(editing.firstName.trim() === '' && { firstName: t('newRequest.firstNameRequired') }),
      ...(editing.lastName.trim() === '' && { lastName: t('newRequest.lastNameRequired') }),
      ...(!EMAIL_SHAPE.test(editing.email.trim()) && { email: t('newRequest.emailInvalid') }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    const result = await runEdit(async () => {
      await updateCustomer(data.request.id, {
        version: data.request.version,
        firstName: editing.firstName.trim(),
        lastName: editing.lastName.trim(),
        email: editing.email.trim(),
        phone: editing.phone.trim(),
      });
      return undefined;
    });
    setSaving(false);
    if (result.ok) setEditing(null);
    else if (!result.isStale && result.error) {
      const byField: Partial<Record<Field, string>> = {};
      for (const [key, message] of Object.entries(result.error.fields))
        if ((FIELDS as readonly string[]).includes(key)) byField[key as Field] = message;
      setErrors(byField);
      if (Object.keys(byField).length === 0) notifyFailure(t, result.error);
    }
    // A stale edit keeps the form open with what was typed: the page now shows the new state.
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
                value={editing.firstName}
                onChange={(e) => set('firstName', e.currentTarget.value)}
                error={errors.firstName}
                maxLength={80}
                required
                data-autofocus
              />
              <TextInput
                label={t('dossier.customer.lastName')}
                value={editing.lastName}
                onChange={(e) => set('lastName', e.currentTarget.value)}
                error={errors.lastName}
                maxLength={80}
                required
              />
            </SimpleGrid>
            <TextInput
              label={t('dossier.customer.email')}
              type="email"
              value={editing.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.email}
              required
            />
            <TextInput
              label={t('dossier.customer.phone')}
              type="tel"
              value={editing.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
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
