import {
  ActionIcon,
  Box,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconArrowRight, IconBell, IconChecks } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import {
  listNotifications,
  markNotificationRead,
  type NotificationsResponse,
  type StaffNotification,
} from '../api/notifications.api';
import { notifyFailure } from '../components/api-errors';
import { fileHref } from '../components/labels';
import { useFormatters } from '../format/use-formatters';
import { useLiveEvents } from '../live/live-events';

const KNOWN_KINDS = ['request.created', 'message.received', 'payment.received'] as const;
type KnownKind = (typeof KNOWN_KINDS)[number];

function isKnownKind(kind: string): kind is KnownKind {
  return (KNOWN_KINDS as readonly string[]).includes(kind);
}

/** The bell: unread count, the latest notifications, each one click away from its file. Live. */
export function NotificationsBell() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [opened, setOpened] = useState(false);
  const [data, setData] = useState<NotificationsResponse | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback((signal?: AbortSignal) => {
    listNotifications(signal).then(
      (response) => {
        setData(response);
        setFailed(false);
      },
      () => {
        if (!signal?.aborted) setFailed(true);
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useLiveEvents((event) => {
    if (event.type === 'notification' || event.type === 'resync') load();
  });

  const unread = data?.unread ?? 0;

  const markRead = (id: string | 'all') => {
    setData((current) =>
      current
        ? {
            unread: id === 'all' ? 0 : Math.max(0, current.unread - 1),
            items: current.items.map((n) => (id === 'all' || n.id === id ? { ...n, isRead: true } : n)),
          }
        : current,
    );
    markNotificationRead(id).catch((error: unknown) => {
      notifyFailure(t, error);
      load();
    });
  };

  const goToFile = (notification: StaffNotification) => {
    if (!notification.isRead) markRead(notification.id);
    setOpened(false);
    if (notification.requestId) navigate(fileHref(notification.requestId));
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      onDismiss={() => setOpened(false)}
      position="bottom-end"
      // Never wider than the window (a phone), or the page would scroll sideways.
      width="min(400px, calc(100vw - 16px))"
      shadow="lg"
      withinPortal
    >
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={18}
          offset={6}
          color="red.7"
          disabled={unread === 0}
          withBorder
          zIndex={2}
        >
          <ActionIcon
            variant="subtle"
            color="gray.8"
            size={40}
            radius="md"
            onClick={() => setOpened((o) => !o)}
            aria-label={
              unread > 0 ? t('notifications.openWithCount', { count: unread }) : t('notifications.open')
            }
            aria-expanded={opened}
          >
            <IconBell size={22} stroke={1.7} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label={t('notifications.title')} role="dialog">
        <Group
          justify="space-between"
          px="md"
          py="sm"
          style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
        >
          <Text fw={650}>{t('notifications.title')}</Text>
          {unread > 0 && (
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconChecks size={15} aria-hidden />}
              onClick={() => markRead('all')}
            >
              {t('notifications.markAllRead')}
            </Button>
          )}
        </Group>
        {failed && !data && (
          <Text size="sm" c="red.8" p="md">
            {t('notifications.loadFailed')}
          </Text>
        )}
        {data && data.items.length === 0 && (
          <Text size="sm" c="dimmed" p="md">
            {t('notifications.empty')}
          </Text>
        )}
        {data && data.items.length > 0 && (
          // Vertical scrolling only, the list as wide as the panel: by default the scroll area sizes
          // its content to its longest line, which pushed "Accéder au dossier" out of view.
          <ScrollArea.Autosize mah={440} type="auto" scrollbars="y" styles={{ content: { minWidth: 0 } }}>
            <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {data.items.map((notification) => (
                <NotificationItem key={notification.id} notification={notification} onOpen={goToFile} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationItem({
  notification,
  onOpen,
}: {
  notification: StaffNotification;
  onOpen(notification: StaffNotification): void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const customer = notification.customerName || t('notifications.unknownCustomer');
  const kind = isKnownKind(notification.kind) ? notification.kind : 'other';
  const title = t(`notifications.kinds.${kind}`, { customer });

  return (
    <Box
      component="li"
      px="md"
      py="sm"
      bg={notification.isRead ? undefined : 'alpine.0'}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box
          mt={7}
          w={8}
          h={8}
          style={{
            flex: 'none',
            borderRadius: '50%',
            background: notification.isRead ? 'transparent' : 'var(--mantine-color-red-7)',
          }}
          aria-hidden
        />
        <Box miw={0} style={{ flex: 1 }}>
          <Text
            size="sm"
            fw={notification.isRead ? 500 : 650}
            lineClamp={2}
            title={title}
            style={{ overflowWrap: 'anywhere' }}
          >
            {title}
            {!notification.isRead && <VisuallyHidden> — {t('notifications.unread')}</VisuallyHidden>}
          </Text>
          <Group justify="space-between" gap="xs" mt={4} style={{ rowGap: 4 }}>
            <Text size="xs" c="dimmed" title={format.longDateTime(notification.createdAt)}>
              {notification.requestNumber &&
                `${t('notifications.fileNumber', { number: notification.requestNumber })} · `}
              {format.listTime(notification.createdAt)}
            </Text>
            {notification.requestId && (
              <Button
                variant="light"
                size="compact-xs"
                rightSection={<IconArrowRight size={13} aria-hidden />}
                onClick={() => onOpen(notification)}
                aria-label={t('notifications.goToFileLabel', { number: notification.requestNumber ?? '' })}
                style={{ flex: 'none' }}
              >
                {t('notifications.goToFile')}
              </Button>
            )}
          </Group>
        </Box>
      </Group>
    </Box>
  );
}
