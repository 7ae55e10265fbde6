import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconMail, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getOutbox, type OutboxView, retryParked, sentMailHtmlUrl } from '../../api/outbox.api';
import { notifyFailure } from '../../components/api-errors';
import { EmptyPanel } from '../../components/empty-panel';
import { PageHeader } from '../../components/page-header';
import { SettingsTabs } from './settings-tabs';

/**
 * Paramètres → Boîte d'envoi (développement), admins: every e-mail Schuss sent for the school —
 * recipient, subject, the HTML in a sandboxed frame, the text, the attachments — and those parked
 * after too many failed tries, to send again. "Actualiser" reads it again: e-mails are delivered
 * in the background, after the change that wrote them, and no live event announces a delivery.
 */
export function OutboxSettingsPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<OutboxView | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const load = useCallback(() => {
    const controller = new AbortController();
    setIsLoading(true);
    getOutbox(controller.signal)
      .then(setView, (error) => {
        if (!controller.signal.aborted) notifyFailure(t, error);
      })
      .finally(() => {
        if (!controller.signal.aborted) setIsLoading(false);
      });
    return () => controller.abort();
  }, [t]);
  useEffect(load, [load]);
  const open = view?.sent.find((m) => m.id === openId) ?? view?.sent[0] ?? null;
  return (
    <>
      <PageHeader
        title={t('outbox.title')}
        section={t('settings.title')}
        description={t('outbox.description')}
        actions={
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            loading={isLoading}
            onClick={() => void load()}
          >
            {t('outbox.refresh')}
          </Button>
        }
      />
      <SettingsTabs />
      {view?.isDevelopment && (
        <Alert icon={<IconInfoCircle />} color="alpine" mb="md">
          {t('outbox.devNotice')}
        </Alert>
      )}
      {view && view.parked.length > 0 && (
        <Paper withBorder radius="lg" p="md" mb="md">
          <Title order={2} fz={18} mb="sm">
            {t('outbox.parked')}
          </Title>
          <Table>
            <Table.Tbody>
              {view.parked.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.kind}</Table.Td>
                  <Table.Td>{t('outbox.attempts', { count: p.attempts })}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="red.8">
                      {p.lastError}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => retryParked(p.id).then(load, (error) => notifyFailure(t, error))}
                    >
                      {t('outbox.retry')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {view && view.sent.length === 0 && (
        <EmptyPanel
          icon={<IconMail />}
          title={t('outbox.emptyTitle')}
          description={t('outbox.emptyDescription')}
        />
      )}
      {view && open && (
        <Group align="flex-start" gap="md" wrap="wrap">
          <Paper withBorder radius="lg" p={0} style={{ flex: '1 1 320px', overflow: 'auto', maxHeight: 720 }}>
            <Table highlightOnHover aria-label={t('outbox.list')}>
              <Table.Tbody>
                {view.sent.map((m) => (
                  <Table.Tr
                    key={m.id}
                    onClick={() => setOpenId(m.id)}
                    aria-selected={m.id === open.id}
                    style={{
                      cursor: 'pointer',
                      background: m.id === open.id ? 'var(--mantine-color-alpine-0)' : undefined,
                    }}
                  >
                    <Table.Td>
                      <Text size="sm" fw={600} lineClamp={1}>
                        {m.subject}
                      </Text>
                      <Text size="xs" c="gray.7">
                        {m.to} · {new Date(m.sentAt).toLocaleString()}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper withBorder radius="lg" p="md" style={{ flex: '2 1 480px', minWidth: 0 }}>
            <Stack gap="xs">
              <Title order={2} fz={18} data-testid="outbox-subject">
                {open.subject}
              </Title>
              <Text size="sm">
                {t('outbox.to')} <Code data-testid="outbox-to">{open.to}</Code>
              </Text>
              <Stack gap={2} data-testid="outbox-headers">
                {Object.entries(open.headers).map(([name, value]) => (
                  <Text key={name} size="xs" c="gray.7" style={{ overflowWrap: 'anywhere' }}>
                    {name}: <Code>{value}</Code>
                  </Text>
                ))}
              </Stack>
              {open.attachments.length > 0 && (
                <Group gap="xs">
                  {open.attachments.map((a) => (
                    <Badge key={a.filename} variant="light">
                      {a.filename} · {Math.ceil(a.size / 1024)} Ko
                    </Badge>
                  ))}
                </Group>
              )}
              {open.hasHtml && (
                <iframe
                  title={t('outbox.html')}
                  sandbox=""
                  src={sentMailHtmlUrl(open.id)}
                  style={{
                    width: '100%',
                    height: 480,
                    border: '1px solid var(--mantine-color-gray-3)',
                    borderRadius: 8,
                  }}
                />
              )}
              <Text size="sm" fw={600}>
                {t('outbox.text')}
              </Text>
              <Code
                block
                data-testid="outbox-text"
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              >
                {open.text}
              </Code>
            </Stack>
          </Paper>
        </Group>
      )}
    </>
  );
}
