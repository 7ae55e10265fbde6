import { Alert, Avatar, Box, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArchive, IconInfoCircle, IconPhone, IconSend } from '@tabler/icons-react';
import { type FormEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readFormPayload } from '../../../shared/form-payload';
import { ApiError } from '../../api/http';
import { type Message, replyToCustomer } from '../../api/requests.api';
import { notifyFailure } from '../../components/api-errors';
import { initials } from '../../components/initials';
import { useKeyedText } from '../../components/keyed-text';
import { useFormatters } from '../../format/use-formatters';
import { FormPayloadView, MessageText } from './form-payload-view';

const REPLY_MAX_LENGTH = 10_000;

function draftKey(requestId: string): string {
  return `schuss.reply.${requestId}`;
}

function readDraft(requestId: string): string {
  try {
    return window.sessionStorage.getItem(draftKey(requestId)) ?? '';
  } catch {
    return '';
  }
}

function writeDraft(requestId: string, text: string): void {
  try {
    if (text === '') window.sessionStorage.removeItem(draftKey(requestId));
    else window.sessionStorage.setItem(draftKey(requestId), text);
  } catch {
    // Storage disabled: the draft lives as long as the page.
  }
}

interface ConversationProps {
  requestId: string;
  messages: Message[];
  isArchived: boolean;
  /** Called after a reply is stored: the page reloads its data. */
  onSent(): void;
}

/** Conversation: the thread with the customer, and the reply box (Ctrl+Enter sends). */
export function Conversation({ requestId, messages, isArchived, onSent }: ConversationProps) {
  const { t } = useTranslation();
  const thread = useRef<HTMLDivElement>(null);
  const lastCount = useRef(0);

  // Newest at the bottom, like any conversation: follow it when a message arrives.
  useLayoutEffect(() => {
    if (messages.length !== lastCount.current && thread.current) {
      thread.current.scrollTop = thread.current.scrollHeight;
    }
    lastCount.current = messages.length;
  }, [messages.length]);

  return (
    <Paper
      withBorder
      radius="lg"
      style={{ overflow: 'hidden' }}
      component="section"
      aria-labelledby="conversation-title"
    >
      <Group
        px="lg"
        py="sm"
        justify="space-between"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Title order={2} fz="lg" id="conversation-title">
          {t('dossier.conversation.title')}
        </Title>
      </Group>
      <Box
        ref={thread}
        px={{ base: 'sm', sm: 'lg' }}
        py="md"
        bg="gray.0"
        mah="62vh"
        style={{ overflowY: 'auto' }}
        role="log"
        aria-label={t('dossier.conversation.threadLabel')}
        tabIndex={0}
      >
        {messages.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="lg">
            {t('dossier.conversation.empty')}
          </Text>
        ) : (
          <Stack component="ol" gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
            {messages.map((message) => (
              <MessageItem key={message.id} message={message} />
            ))}
          </Stack>
        )}
      </Box>
      {isArchived ? (
        <Alert color="gray" variant="light" radius={0} icon={<IconArchive size={18} aria-hidden />}>
          {t('dossier.conversation.archived')}
        </Alert>
      ) : (
        <ReplyBox requestId={requestId} onSent={onSent} />
      )}
    </Paper>
  );
}

function MessageItem({ message }: { message: Message }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const keyedText = useKeyedText();
  const body = keyedText(message.bodyKeyed, message.body);
  const payload = readFormPayload(message.payload);
  const content = payload ? <FormPayloadView payload={payload} body={body} /> : <MessageText text={body} />;
  const when = (
    <Text
      component="time"
      dateTime={message.createdAt}
      size="xs"
      c="dimmed"
      title={format.longDateTime(message.createdAt)}
      style={{ flex: 'none' }}
    >
      {format.shortDateTime(message.createdAt)}
    </Text>
  );

  if (message.authorKind === 'system') {
    return (
      <Box component="li" data-author="system">
        <Paper radius="md" p="sm" bg="white" style={{ border: '1px dashed var(--mantine-color-gray-4)' }}>
          <Group gap={6} mb={6} wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap">
              <IconInfoCircle size={16} color="var(--mantine-color-gray-6)" aria-hidden />
              <Text size="xs" fw={700} c="gray.7" tt="uppercase" lts="0.04em">
                {t('dossier.conversation.system')}
              </Text>
            </Group>
            {when}
          </Group>
          {content}
        </Paper>
      </Box>
    );
  }

  const isStaff = message.authorKind === 'staff';
  return (
    <Box
      component="li"
      data-author={message.authorKind}
      style={{ display: 'flex', justifyContent: isStaff ? 'flex-end' : 'flex-start' }}
    >
      <Group
        gap="xs"
        wrap="nowrap"
        align="flex-start"
        maw="min(92%, 640px)"
        miw={0}
        style={{ flexDirection: isStaff ? 'row-reverse' : 'row' }}
      >
        <Avatar
          size={30}
          radius="xl"
          color={isStaff ? 'alpine' : 'gray'}
          aria-hidden
          style={{ flex: 'none' }}
        >
          {initials(message.authorName)}
        </Avatar>
        <Paper
          radius="md"
          p="sm"
          miw={0}
          withBorder
          bg={isStaff ? 'alpine.0' : 'white'}
          style={{ borderColor: isStaff ? 'var(--mantine-color-alpine-2)' : undefined, flex: '1 1 auto' }}
        >
          <Group gap={8} mb={4} wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap" miw={0}>
              <Text size="sm" fw={650} truncate="end" title={message.authorName} miw={0}>
                {message.authorName}
              </Text>
              <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                {isStaff ? t('dossier.conversation.staff') : t('dossier.conversation.customer')}
              </Text>
            </Group>
            {when}
          </Group>
          {message.notedByName && (
            <Group gap={4} mb={6} wrap="nowrap" c="gray.7">
              <IconPhone size={14} aria-hidden style={{ flex: 'none' }} />
              <Text size="xs" c="gray.7" className="wrap-anywhere">
                {t('dossier.conversation.notedBy', { name: message.notedByName })}
              </Text>
            </Group>
          )}
          {content}
        </Paper>
      </Group>
    </Box>
  );
}

function ReplyBox({ requestId, onSent }: { requestId: string; onSent(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => readDraft(requestId));
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => writeDraft(requestId, draft), [requestId, draft]);

  const send = async () => {
    if (sending) return;
    if (draft.trim() === '') {
      setError(t('dossier.conversation.replyRequired'));
      return;
    }
    setSending(true);
    setError(null);
    try {
      await replyToCustomer(requestId, draft);
      setDraft('');
      onSent();
    } catch (failure) {
      if (failure instanceof ApiError && Object.keys(failure.fields).length > 0) {
        setError(failure.fields.body ?? failure.message);
      } else notifyFailure(t, failure);
    } finally {
      setSending(false);
    }
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send();
  };

  return (
    <Box
      component="form"
      onSubmit={handleSubmit}
      px="lg"
      py="md"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Textarea
        label={t('dossier.conversation.replyLabel')}
        placeholder={t('dossier.conversation.replyPlaceholder')}
        autosize
        minRows={3}
        maxRows={12}
        maxLength={REPLY_MAX_LENGTH}
        value={draft}
        onChange={(event) => {
          setDraft(event.currentTarget.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void send();
          }
        }}
        error={error}
      />
      <Group justify="space-between" mt="sm" gap="sm">
        <Text size="xs" c="dimmed">
          {t('dossier.conversation.replyHint')}
        </Text>
        <Button type="submit" loading={sending} leftSection={<IconSend size={16} aria-hidden />}>
          {t('dossier.conversation.send')}
        </Button>
      </Group>
    </Box>
  );
}
