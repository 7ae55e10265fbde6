import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { SETTINGS_ITEMS } from '../../layout/main-nav';

/** Paramètres: Personnel, Catégories, Formulaires, Catalogue, Moniteurs, Devis et paiements — side by side above each settings page. */
export function SettingsTabs() {
  const { t } = useTranslation();
  const [location] = useLocation();
  return (
    <Group
      component="nav"
      aria-label={t('layout.settingsNavigation')}
      gap="lg"
      mb="lg"
      // Six rubriques wrap on a phone: rows close together, still one underline per tab.
      style={{ rowGap: 'var(--mantine-spacing-xs)', borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      {SETTINGS_ITEMS.map((item) => {
        const active = location === item.href;
        return (
          <Link key={item.href} href={item.href} asChild>
            <Anchor
              aria-current={active ? 'page' : undefined}
              underline="never"
              fw={active ? 650 : 500}
              c={active ? 'alpine.8' : 'gray.7'}
              pb={8}
              style={{
                marginBottom: -1,
                borderBottom: `2px solid ${active ? 'var(--mantine-color-alpine-7)' : 'transparent'}`,
              }}
            >
              {t(item.label)}
            </Anchor>
          </Link>
        );
      })}
    </Group>
  );
}
