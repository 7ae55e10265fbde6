import { Alert, Button, Checkbox, Group, List, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArchive, IconArchiveFilled, IconCheck, IconFileImport, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { archiveFile, markPosImported, setEnteredInPos } from '../../api/pos.api';
import type { RequestPage, Status } from '../../api/requests.api';
import { notifySuccess } from '../../components/notify';
import type { RunEdit } from './run-edit';

/** The tick is offered on a fully paid file; unticking stays possible (a refund moved it back). */
const PAID: readonly Status[] = ['paid', 'processed'];

/**
 * The top right of a dossier: "Saisi dans logiciel" (the lines not sold online typed into the POS
 * software), "Marquer comme importé" (the online lines, for schools without the POS API) and
 * "Archiver". Every change goes through the page's edit path (version, conflicts, reload).
 */
export function FileActions({ data, runEdit }: { data: RequestPage; runEdit: RunEdit }) {
  const { t } = useTranslation();
  const { request } = data;
  const status = request.status as Status;
  const [busy, setBusy] = useState<'tick' | 'import' | null>(null);
  const [archiveOpened, setArchiveOpened] = useState(false);
  const isPhone = useMediaQuery('(max-width: 36em)');
  if (status === 'archived') return null;

  const active = data.lines.filter((l) => l.isActive);
  const waitingImport = active.filter((l) => l.isOnlineSale && !l.isPosImported).length;
  const hasOffline = active.some((l) => !l.isOnlineSale);
  const canTick = PAID.includes(status) || request.isEnteredInPos;

  const tick = async (checked: boolean) => {
    setBusy('tick');
    const result = await runEdit(async () => {
      await setEnteredInPos(request.id, request.version, checked);
      return undefined;
    });
    setBusy(null);
    if (result.ok) notifySuccess(t(checked ? 'pos.entered.ticked' : 'pos.entered.unticked'));
  };
  const markImported = async () => {
    setBusy('import');
    const result = await runEdit(async () => {
      await markPosImported(request.id, request.version);
      return undefined;
    });
    setBusy(null);
    if (result.ok) notifySuccess(t('pos.import.done', { count: waitingImport }));
  };

  return (
    // At the top right of the header (still on the right when the header wraps); on a phone, under the name.
    <Group
      gap="sm"
      align="flex-start"
      justify={isPhone ? 'flex-start' : 'flex-end'}
      wrap="wrap"
      maw="100%"
      ml={isPhone ? 0 : 'auto'}
    >
      {status !== 'request' && (
        <Checkbox
          checked={request.isEnteredInPos}
          disabled={!canTick || busy !== null}
          onChange={(event) => void tick(event.currentTarget.checked)}
          label={t('pos.entered.label')}
          description={
            !canTick
              ? t('pos.entered.notPaid')
              : hasOffline
                ? t('pos.entered.hint')
                : t('pos.entered.onlyOnline')
          }
          maw={260}
          styles={{ label: { fontWeight: 600 } }}
        />
      )}
      {waitingImport > 0 && status === 'paid' && (
        <Tooltip label={t('pos.import.waiting', { count: waitingImport })} multiline w={260} withArrow>
          <Button
            variant="light"
            size="sm"
            leftSection={<IconFileImport size={17} aria-hidden />}
            loading={busy === 'import'}
            disabled={busy === 'tick'}
            onClick={() => void markImported()}
            aria-description={t('pos.import.waiting', { count: waitingImport })}
          >
            {t('pos.import.button')}
          </Button>
        </Tooltip>
      )}
      <Button
        variant="default"
        size="sm"
        leftSection={<IconArchive size={17} aria-hidden />}
        onClick={() => setArchiveOpened(true)}
      >
        {t('archive.file.button')}
      </Button>
      <ArchiveDialog
        data={data}
        runEdit={runEdit}
        opened={archiveOpened}
        onClose={() => setArchiveOpened(false)}
      />
    </Group>
  );
}

/** The confirmation of "Archiver": what will be erased, what is kept. */
function ArchiveDialog({
  data,
  runEdit,
  opened,
  onClose,
}: {
  data: RequestPage;
  runEdit: RunEdit;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const [submitting, setSubmitting] = useState(false);
  const { request } = data;
  const confirm = async () => {
    setSubmitting(true);
    const result = await runEdit(async () => {
      await archiveFile(request.id, request.version);
      return undefined;
    });
    setSubmitting(false);
    if (result.ok || result.isStale) onClose();
    if (result.ok) notifySuccess(t('archive.file.done', { number: request.number }));
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('archive.file.confirmTitle', { number: request.number })}
      size="lg"
      fullScreen={isPhone === true}
      radius={isPhone ? 0 : 'lg'}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="md">
        <Text size="sm">{t('archive.file.intro')}</Text>
        <div>
          <Text size="sm" fw={650} c="red.8" mb={4}>
            {t('archive.file.erasedTitle')}
          </Text>
          <List
            size="sm"
            spacing={2}
            icon={<IconX size={14} color="var(--mantine-color-red-8)" aria-hidden />}
          >
            {(['lines', 'custom', 'quotes', 'payers', 'search', 'outbox', 'journal'] as const).map((k) => (
              <List.Item key={k}>{t(`archive.erased.${k}`)}</List.Item>
            ))}
          </List>
        </div>
        <div>
          <Text size="sm" fw={650} c="teal.9" mb={4}>
            {t('archive.file.keptTitle')}
          </Text>
          <List
            size="sm"
            spacing={2}
            icon={<IconCheck size={14} color="var(--mantine-color-teal-8)" aria-hidden />}
          >
            {(['conversation', 'number', 'contact', 'sentences', 'totals', 'ledger'] as const).map((k) => (
              <List.Item key={k}>{t(`archive.kept.${k}`)}</List.Item>
            ))}
          </List>
        </div>
        <Alert color="orange" variant="light">
          {t('archive.file.irreversible')}
        </Alert>
        <Group justify="flex-end" gap="sm" wrap="wrap">
          <Button variant="default" onClick={onClose} disabled={submitting} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={submitting}>
            {t('archive.file.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** On an archived file: what remains, said once under the header. */
export function ArchivedNotice() {
  const { t } = useTranslation();
  return (
    <Alert
      color="gray"
      variant="light"
      mb="md"
      icon={<IconArchiveFilled size={20} aria-hidden />}
      title={t('archive.notice.title')}
    >
      <Text size="sm">{t('archive.notice.body')}</Text>
    </Alert>
  );
}
