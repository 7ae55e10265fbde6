import { Alert, Button, Center, Loader, Paper, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Cents, parseEuros } from '../../../shared/money';
import { ApiError } from '../../api/http';
import { PageHeader } from '../../components/page-header';
import { SettingsTabs } from './settings-tabs';

/** The settings pages of the sale half; their words live under `<area>.*`. */
export type SalesArea = 'catalogue' | 'instructors' | 'salesSettings';

/** The title block of a sale-half settings page, with the settings tabs under it. */
export function SalesHeader({ area, actions }: { area: SalesArea; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        section={t('settings.title')}
        title={t(`${area}.title`)}
        description={t(`${area}.description`)}
        actions={actions}
      />
      <SettingsTabs />
    </>
  );
}

/** Secretaries read these settings (the Devis onglet uses them) but only admins change them. */
export function ReadOnlyNotice({ area }: { area: SalesArea }) {
  const { t } = useTranslation();
  return (
    <Alert variant="light" color="alpine" mb="md" maw={880} icon={<IconInfoCircle size={18} aria-hidden />}>
      {t(`${area}.readOnly`)}
    </Alert>
  );
}

export function LoadingPanel() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" maw={880}>
      <Center py={64}>
        <Loader aria-label={t('app.loading')} />
      </Center>
    </Paper>
  );
}

export function LoadFailed({
  title,
  message,
  onRetry,
}: {
  title: string;
  message: string | null;
  onRetry(): void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      variant="light"
      maw={880}
      title={title}
      icon={<IconAlertCircle size={18} aria-hidden />}
    >
      {message ?? t('errors.unexpected')}
      <Button variant="white" color="red" size="xs" mt="sm" display="block" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}

/** A titled block of a settings page. */
export function SettingsSection({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} component="section" aria-label={title}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 'var(--mantine-spacing-sm)',
          justifyContent: 'space-between',
          alignItems: 'flex-start',
          marginBottom: 'var(--mantine-spacing-md)',
        }}
      >
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Title order={2} size="h4" fw={650}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" mt={4}>
              {description}
            </Text>
          )}
        </div>
        {actions}
      </div>
      {children}
    </Paper>
  );
}

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'failed'; message: string | null }
  | { status: 'ready'; value: T };

/** Loads once, again on `retry()`; `update` changes what was loaded after a save. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt ("Réessayer") loads again
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => setState({ status: 'ready', value }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'failed', message: error instanceof ApiError ? error.message : null });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const update = useCallback((change: (value: T) => T) => {
    setState((current) =>
      current.status === 'ready' ? { status: 'ready', value: change(current.value) } : current,
    );
  }, []);
  return { state, retry, update };
}

/**
 * A price typed in euros ("62", "62,50", "1 234,5 €") as cents; null with the reason when it is
 * not one ("12,345" has a third decimal, "1e3" is not how people write prices, none is negative).
 */
export function priceFromText(text: string): { cents: Cents } | { error: 'required' | 'invalid' } {
  if (text.trim() === '') return { error: 'required' };
  const parsed = parseEuros(text);
  if (parsed === null || parsed < 0) return { error: 'invalid' };
  return { cents: parsed };
}

/** "30" or "12,5" (%) as basis points; null when it is not a percentage with at most two decimals. */
export function basisPointsFromPercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return null;
  const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return value <= 10_000 ? value : null;
}

/** 3000 → "30", 550 → "5,5" (or "5.5" in English). */
export function percentText(basisPoints: number, language: string): string {
  const whole = Math.floor(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}${language === 'fr' ? ',' : '.'}${fraction}`;
}

/** The first server error for a field or any item of it ("names.en", "legal.siret"). */
export function fieldError(errors: Record<string, string>, field: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === field || k.startsWith(`${field}.`));
  return key === undefined ? undefined : errors[key];
}

/** The server's field errors split into those a form shows and whether something is left to say. */
export function knownFieldErrors(
  error: ApiError,
  fields: readonly string[],
): { byField: Record<string, string>; hasOther: boolean } {
  const byField: Record<string, string> = {};
  let hasOther = false;
  for (const [key, message] of Object.entries(error.fields)) {
    const field = fields.find((f) => key === f || key.startsWith(`${f}.`));
    if (field === undefined) hasOther = true;
    else byField[field] ??= message;
  }
  return { byField, hasOther: hasOther || Object.keys(byField).length === 0 };
}
