import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload, IconShieldLock, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eraseCustomerData, gdprExportHref } from '../../api/pos.api';
import type { RequestPage } from '../../api/requests.api';
import { notifyFailure } from '../../components/api-errors';
import { notifySuccess } from '../../components/notify';
import { useMe } from '../../session/session';
import { SideCard } from './side-card';

/**
 * The customer's data rights (GDPR articles 15 and 17), for admins: the export of everything
 * Schuss holds about them (a JSON download), and the erasure on request — after the customer's
 * e-mail is typed again — of everything but the payment ledger the law requires.
 */
export function CustomerDataRights({ data, onErased }: { data: RequestPage; onErased: () => void }) {
  const { t } = useTranslation();
  const { user } = useMe();
  const [opened, setOpened] = useState(false);
  if (user.role !== 'admin') return null;
  const { customer } = data.request;
  return (
    <SideCard
      id="customer-data-rights"
      title={t('gdpr.title')}
      icon={<IconShieldLock size={18} color="var(--mantine-color-gray-7)" aria-hidden />}
    >
      <Text size="sm" c="gray.7" mb="sm">
        {t('gdpr.description')}
      </Text>
      <Group gap="sm" wrap="wrap">
        <Button
          component="a"
          href={gdprExportHref(customer.id)}
          download
          variant="light"
          size="sm"
          leftSection={<IconDownload size={17} aria-hidden />}
        >
          {t('gdpr.export')}
        </Button>
        <Button
          variant="subtle"
          color="red"
          size="sm"
          leftSection={<IconTrash size={17} aria-hidden />}
          onClick={() => setOpened(true)}
        >
          {t('gdpr.erase')}
        </Button>
      </Group>
      <EraseDialog
        key={String(opened)}
        opened={opened}
        onClose={() => setOpened(false)}
        customer={customer}
        onErased={onErased}
      />
    </SideCard>
  );
}

function EraseDialog({
  opened,
  onClose,
  customer,
  onErased,
}: {
  opened: boolean;
  onClose: () => void;
  customer: RequestPage['request']['customer'];
  onErased: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const [typed, setTyped] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const matches = typed.trim().toLowerCase() === customer.email.trim().toLowerCase();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!matches) return;
    setSubmitting(true);
    try {
      const done = await eraseCustomerData(customer.id, typed.trim());
      notifySuccess(t('gdpr.erased', { count: done.files }));
      onClose();
      onErased();
    } catch (error) {
      notifyFailure(t, error);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('gdpr.confirmTitle')}
      size="lg"
      fullScreen={isPhone === true}
      radius={isPhone ? 0 : 'lg'}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert color="red" variant="light">
            {t('gdpr.confirmBody')}
          </Alert>
          <Text size="sm">{t('gdpr.confirmKept')}</Text>
          <TextInput
            label={t('gdpr.confirmEmailLabel', { email: customer.email })}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            data-autofocus
            className="wrap-anywhere"
          />
          <Group justify="flex-end" gap="sm" wrap="wrap">
            <Button variant="default" onClick={onClose} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={submitting} disabled={!matches}>
              {t('gdpr.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
