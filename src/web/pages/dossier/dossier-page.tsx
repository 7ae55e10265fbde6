import {
  Alert,
  Anchor,
  Avatar,
  Box,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconEye, IconMapPinOff } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { ApiError } from '../../api/http';
import type { RequestPage, Status, Viewer } from '../../api/requests.api';
import { notifyFailure } from '../../components/api-errors';
import { EmptyPanel } from '../../components/empty-panel';
import { initials } from '../../components/initials';
import { isToHandle, listHref } from '../../components/labels';
import { SourceBadge, StatusBadge, ToHandleBadge } from '../../components/status-badge';
import { TEXT_ON_ORANGE } from '../../components/tones';
import { useDeclareFileSection } from '../../state/nav-section';
import { Conversation } from './conversation';
import { CustomerCard } from './customer-card';
import { CustomerDataRights } from './customer-data-rights';
import { DossierPanel } from './dossier-panel';
import { ArchivedNotice, FileActions } from './file-actions';
import { JournalCard, LinesCard, OtherFilesCard } from './file-details';
import type { RunEdit } from './run-edit';
import { SideTabs } from './side-tabs';
import { StaffComment } from './staff-comment';
import { usePresence } from './use-presence';
import { useRequestPage } from './use-request-page';

/**
 * The dossier page, the same for a simple request and a dossier: the Conversation, and on the
 * right the onglets Dossier (the file, the customer, Commentaire client, other files, Journal
 * d'activité), Devis and Paiement; who else has it open.
 */
export function DossierPage() {
  const { id = '' } = useParams<{ id: string }>();
  // One screen per file: drafts and notices never follow a secretary to another file.
  return <DossierScreen key={id} id={id} />;
}

function DossierScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { state, reload, applySummary } = useRequestPage(id);
  const viewers = usePresence(id);
  const [conflict, setConflict] = useState<{ message: string; isChoice: boolean } | null>(null);
  const status = state.status === 'ready' ? (state.data.request.status as Status) : null;
  useDeclareFileSection(status === null ? null : status === 'request' ? 'requests' : 'dossiers');

  const runEdit: RunEdit = useCallback(
    async (action, options) => {
      try {
        const summary = await action();
        if (summary) applySummary(summary);
        setConflict(null);
        void reload();
        return { ok: true };
      } catch (error) {
        if (
          error instanceof ApiError &&
          error.code === 'CONFLICT' &&
          Object.keys(error.fields).length === 0
        ) {
          // Someone changed the file first: say who (the server names them) and show the new state.
          setConflict({ message: error.message, isChoice: options?.isChoice === true });
          void reload();
          return { ok: false, isStale: true, error };
        }
        if (error instanceof ApiError && Object.keys(error.fields).length > 0)
          return { ok: false, isStale: false, error };
        notifyFailure(t, error);
        return { ok: false, isStale: false, error: error instanceof ApiError ? error : null };
      }
    },
    [applySummary, reload, t],
  );

  if (state.status === 'loading') {
    return (
      <Center h="50vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (state.status === 'failed') {
    return (
      <EmptyPanel
        icon={<IconMapPinOff size={30} stroke={1.6} aria-hidden />}
        title={t('dossier.loadFailed')}
        description={state.isNotFound ? t('dossier.notFound') : (state.message ?? t('errors.unexpected'))}
      >
        <Link href="/demandes" asChild>
          <Button component="a" variant="light">
            {t('notFound.back')}
          </Button>
        </Link>
        {!state.isNotFound && (
          <Button variant="default" onClick={() => void reload()}>
            {t('common.retry')}
          </Button>
        )}
      </EmptyPanel>
    );
  }

  const { data } = state;
  const { request } = data;
  const lastMessage = data.messages[data.messages.length - 1];

  return (
    <>
      <FileHeader
        data={data}
        viewers={viewers}
        isToHandle={isToHandle(request.status as Status, lastMessage?.authorKind === 'customer')}
        runEdit={runEdit}
      />
      {request.status === 'archived' && <ArchivedNotice />}
      {conflict && (
        <Alert
          color="orange"
          variant="light"
          mb="md"
          role="alert"
          // Stays in sight under the header: the refused save was made further down the page.
          style={{
            position: 'sticky',
            top: 'var(--app-shell-header-height, 60px)',
            zIndex: 3,
            backgroundColor: 'var(--mantine-color-orange-0)',
            border: '1px solid var(--mantine-color-orange-3)',
            boxShadow: 'var(--mantine-shadow-sm)',
          }}
          icon={<IconAlertTriangle size={20} color={TEXT_ON_ORANGE} aria-hidden />}
          title={t('errors.conflictTitle')}
          styles={{ title: { color: TEXT_ON_ORANGE } }}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setConflict(null)}
        >
          <Text size="sm" fw={600} className="wrap-anywhere">
            {conflict.message}
          </Text>
          <Text size="sm" mt={4}>
            {conflict.isChoice ? t('dossier.conflictChoice') : t('dossier.conflictKept')}
          </Text>
        </Alert>
      )}
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Conversation
            requestId={request.id}
            messages={data.messages}
            isArchived={request.status === 'archived'}
            onSent={() => void reload()}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <SideTabs
            data={data}
            runEdit={runEdit}
            dossierPanel={
              <Stack gap="md">
                <DossierPanel data={data} runEdit={runEdit} />
                <CustomerCard data={data} runEdit={runEdit} />
                <StaffComment data={data} runEdit={runEdit} />
                {data.lines.length > 0 && <LinesCard lines={data.lines} request={request} />}
                <OtherFilesCard files={data.otherRequests} />
                <CustomerDataRights data={data} onErased={() => void reload()} />
                <JournalCard activity={data.activity} />
              </Stack>
            }
          />
        </Grid.Col>
      </Grid>
    </>
  );
}

function FileHeader({
  data,
  viewers,
  isToHandle,
  runEdit,
}: {
  data: RequestPage;
  viewers: Viewer[];
  isToHandle: boolean;
  runEdit: RunEdit;
}) {
  const { t, i18n } = useTranslation();
  const { request } = data;
  const status = request.status as Status;
  const customerName = `${request.customer.firstName} ${request.customer.lastName}`.trim();
  useDocumentTitle(`${request.number} · ${customerName} · ${t('app.name')}`);
  const names = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    viewers.map((v) => v.name),
  );

  return (
    <Stack gap={6} mb="lg">
      <Link href={listHref(status)} asChild>
        <Anchor size="sm" fw={600} c="alpine.7" w="fit-content">
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={15} aria-hidden />
            {status === 'request' ? t('requests.title') : `${t('dossiers.title')} · ${t(`tabs.${status}`)}`}
          </Group>
        </Anchor>
      </Link>
      <Group justify="space-between" align="flex-end" gap="md" wrap="wrap">
        <Box miw={0} style={{ flex: '1 1 360px' }}>
          <Group gap={8} mb={4} wrap="wrap">
            <Text size="sm" fw={600} c="gray.7" ff="monospace">
              {t('dossier.numberLabel', { number: request.number })}
            </Text>
            <StatusBadge status={status} />
            <SourceBadge source={request.source} />
            {isToHandle && <ToHandleBadge />}
          </Group>
          <Title order={1} fz={26} lh={1.25} c="gray.9" className="wrap-anywhere">
            {customerName}
          </Title>
        </Box>
        {viewers.length > 0 && (
          <Group gap="xs" wrap="nowrap" role="status" aria-live="polite" maw="100%">
            <Avatar.Group spacing="sm">
              {viewers.slice(0, 3).map((viewer) => (
                <Tooltip key={viewer.userId} label={viewer.name}>
                  <Avatar size={30} radius="xl" color="teal" aria-hidden>
                    {initials(viewer.name)}
                  </Avatar>
                </Tooltip>
              ))}
            </Avatar.Group>
            <Group gap={4} wrap="nowrap" miw={0}>
              <IconEye size={16} color="var(--mantine-color-teal-8)" aria-hidden style={{ flex: 'none' }} />
              <Text size="sm" c="teal.9" fw={600} lineClamp={2} className="wrap-anywhere">
                {t('dossier.presence', { count: viewers.length, names })}
              </Text>
            </Group>
          </Group>
        )}
        <FileActions data={data} runEdit={runEdit} />
      </Group>
    </Stack>
  );
}
