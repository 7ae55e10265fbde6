import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '../../components/empty-panel';
import { PageHeader } from '../../components/page-header';
import { SettingsTabs } from './settings-tabs';

/** The admin-only settings pages; their words live under `settings.<page>.*`. */
export type AdminSettingsPage = 'staff' | 'forms';

/** The title block of a settings page, with the settings tabs under it. */
export function SettingsHeader({ page, actions }: { page: AdminSettingsPage; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        section={t('settings.title')}
        title={t(`settings.${page}.title`)}
        description={t(`settings.${page}.description`)}
        actions={actions}
      />
      <SettingsTabs />
    </>
  );
}

/** What a secretary sees on an admin-only settings page (or after the server said 403). */
export function AdminOnly({ page, withHeader = false }: { page: AdminSettingsPage; withHeader?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {withHeader && <SettingsHeader page={page} />}
      <EmptyPanel
        icon={<IconLock size={30} stroke={1.6} aria-hidden />}
        title={t(`settings.${page}.adminOnlyTitle`)}
        description={t(`settings.${page}.adminOnlyDescription`)}
      />
    </>
  );
}
