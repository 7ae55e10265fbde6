import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type StaffUser, updateStaff } from '../../api/staff.api';
import { notifyFailure } from '../../components/api-errors';
import { notifySuccess } from '../../components/notify';

interface StaffStatusModalProps {
  opened: boolean;
  member: StaffUser | null;
  onClose(): void;
  onSaved(user: StaffUser): void;
}

/** Asks before disabling (sessions end at once) or enabling a login again. */
export function StaffStatusModal({ opened, member, onClose, onSaved }: StaffStatusModalProps) {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const disabling = member?.isActive ?? true;

  const confirm = async () => {
    if (!member) return;
    setSubmitting(true);
    try {
      const saved = await updateStaff(member.id, { isActive: !member.isActive });
      onSaved(saved);
      notifySuccess(
        t(saved.isActive ? 'settings.staff.enabled' : 'settings.staff.disabled', { name: saved.name }),
      );
      onClose();
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
      title={disabling ? t('settings.staff.confirmDisableTitle') : t('settings.staff.confirmEnableTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {member &&
          (disabling
            ? t('settings.staff.confirmDisableBody', { name: member.name })
            : t('settings.staff.confirmEnableBody', { name: member.name }))}
      </Text>
      <Group justify="flex-end" gap="sm" mt="xl">
        <Button variant="default" onClick={onClose} disabled={submitting} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color={disabling ? 'red' : 'teal'} onClick={confirm} loading={submitting}>
          {disabling ? t('settings.staff.disable') : t('settings.staff.enable')}
        </Button>
      </Group>
    </Modal>
  );
}
