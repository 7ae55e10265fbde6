import { Alert, Button, Center, Loader, Paper } from '@mantine/core';
import { IconAlertCircle, IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { listStaff, type StaffUser } from '../../api/staff.api';
import { useMe } from '../../session/session';
import { AdminOnly, SettingsHeader } from './settings-page-parts';
import { StaffFormModal, type StaffFormTarget } from './staff-form-modal';
import { StaffStatusModal } from './staff-status-modal';
import { StaffTable } from './staff-table';

type LoadState =
  | { status: 'loading' }
  | { status: 'forbidden' }
  /** `message`: the server's words; null when it could not say anything (then a generic line). */
  | { status: 'failed'; message: string | null }
  | { status: 'ready'; items: StaffUser[] };

/** Paramètres → Personnel: admins open, edit and disable their colleagues' logins. */
export function StaffSettingsPage() {
  const { user } = useMe();
  // The server refuses secretaries anyway (403); asking would only fetch a refusal.
  return user.role === 'admin' ? <StaffManagement /> : <AdminOnly page="staff" withHeader />;
}

function StaffManagement() {
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [formOpened, setFormOpened] = useState(false);
  const [formTarget, setFormTarget] = useState<StaffFormTarget>({ kind: 'create' });
  const [formKey, setFormKey] = useState(0);
  const [statusTarget, setStatusTarget] = useState<StaffUser | null>(null);
  const [statusOpened, setStatusOpened] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt ("Réessayer") loads again
  useEffect(() => {
    const controller = new AbortController();
    listStaff(controller.signal).then(
      (items) => setLoad({ status: 'ready', items }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 403) setLoad({ status: 'forbidden' });
        else
          setLoad({
            status: 'failed',
            message: error instanceof ApiError ? error.message : null,
          });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const collator = useMemo(() => new Intl.Collator(i18n.language, { sensitivity: 'base' }), [i18n.language]);
  const items = useMemo(
    () => (load.status === 'ready' ? [...load.items].sort((a, b) => collator.compare(a.name, b.name)) : []),
    [load, collator],
  );

  const upsert = useCallback((saved: StaffUser) => {
    setLoad((current) =>
      current.status === 'ready'
        ? { status: 'ready', items: [...current.items.filter((u) => u.id !== saved.id), saved] }
        : current,
    );
  }, []);

  const openForm = (target: StaffFormTarget) => {
    setFormTarget(target);
    setFormKey((k) => k + 1);
    setFormOpened(true);
  };
  const openStatus = (member: StaffUser) => {
    setStatusTarget(member);
    setStatusOpened(true);
  };

  return (
    <>
      <SettingsHeader
        page="staff"
        actions={
          load.status === 'ready' && (
            <Button
              leftSection={<IconUserPlus size={18} aria-hidden />}
              onClick={() => openForm({ kind: 'create' })}
            >
              {t('settings.staff.add')}
            </Button>
          )
        }
      />

      {load.status === 'loading' && (
        <Paper withBorder radius="lg">
          <Center py={64}>
            <Loader aria-label={t('app.loading')} />
          </Center>
        </Paper>
      )}
      {load.status === 'forbidden' && <AdminOnly page="staff" />}
      {load.status === 'failed' && (
        <Alert
          color="red"
          variant="light"
          title={t('settings.staff.loadFailed')}
          icon={<IconAlertCircle size={18} aria-hidden />}
        >
          {load.message ?? t('errors.unexpected')}
          <Button
            variant="white"
            color="red"
            size="xs"
            mt="sm"
            display="block"
            onClick={() => {
              setLoad({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            {t('common.retry')}
          </Button>
        </Alert>
      )}
      {load.status === 'ready' && (
        <StaffTable
          items={items}
          onEdit={(member) => openForm({ kind: 'edit', user: member })}
          onToggleStatus={openStatus}
        />
      )}

      <StaffFormModal
        key={formKey}
        opened={formOpened}
        target={formTarget}
        onClose={() => setFormOpened(false)}
        onSaved={upsert}
      />
      <StaffStatusModal
        opened={statusOpened}
        member={statusTarget}
        onClose={() => setStatusOpened(false)}
        onSaved={upsert}
      />
    </>
  );
}
