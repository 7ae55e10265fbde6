import { Button, Checkbox, Group, Loader, Paper, Stack, Title } from '@mantine/core';
import { IconMailCog } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_EMAIL_EVENT_NAMES } from '../../../shared/contracts/outbox';
import { type EmailNotifications, getEmailNotifications, saveEmailNotifications } from '../../api/outbox.api';
import { notifyFailure } from '../../components/api-errors';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { useMe } from '../../session/session';
import { SettingsTabs } from './settings-tabs';

type EmailEvent = EmailNotifications['events'][number];

/** The catalogue key of each event (i18next reads dots as nesting). */
const EVENT_KEYS = {
  'request.created': 'requestCreated',
  'customer.replied': 'customerReplied',
  payment: 'payment',
} as const satisfies Record<EmailEvent, string>;

/**
 * Paramètres → Mon compte, for every staff member: which events Schuss tells them about by
 * e-mail (new requests, customer replies, payments), each mail with its "Accéder au dossier" link.
 */
export function MyAccountPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        section={t('settings.title')}
        title={t('myAccount.title')}
        description={t('myAccount.description')}
      />
      <SettingsTabs />
      <EmailNotificationsCard />
    </>
  );
}

function EmailNotificationsCard() {
  const { t } = useTranslation();
  const { user } = useMe();
  const [events, setEvents] = useState<EmailEvent[] | null>(null);
  const [isSaving, setSaving] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    getEmailNotifications(controller.signal).then(
      (stored) => setEvents(stored.events),
      (error) => {
        if (!controller.signal.aborted) notifyFailure(t, error);
      },
    );
    return () => controller.abort();
  }, [t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!events) return;
    setSaving(true);
    saveEmailNotifications({ events })
      .then(
        (saved) => {
          setEvents(saved.events);
          notifySuccess(t('myAccount.saved'));
        },
        (error) => notifyFailure(t, error),
      )
      .finally(() => setSaving(false));
  };

  return (
    <Paper
      withBorder
      radius="lg"
      p="md"
      component="section"
      aria-labelledby="my-email-notifications"
      maw={720}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <Group gap="xs" wrap="nowrap">
            <IconMailCog size={20} stroke={1.7} aria-hidden />
            <Title order={2} fz="md" id="my-email-notifications">
              {t('myAccount.emailTitle')}
            </Title>
          </Group>
          {events === null ? (
            <Loader size="sm" aria-label={t('app.loading')} />
          ) : (
            <Checkbox.Group
              label={t('myAccount.emailIntro')}
              description={t('myAccount.sentTo', { email: user.email })}
              value={events}
              onChange={(value) =>
                setEvents(STAFF_EMAIL_EVENT_NAMES.filter((e) => (value as string[]).includes(e)))
              }
            >
              <Stack gap="sm" mt="sm">
                {STAFF_EMAIL_EVENT_NAMES.map((name) => (
                  <Checkbox
                    key={name}
                    value={name}
                    label={t(`myAccount.events.${EVENT_KEYS[name]}.label`)}
                    description={t(`myAccount.events.${EVENT_KEYS[name]}.hint`)}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Group>
            <Button type="submit" loading={isSaving} disabled={events === null}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
