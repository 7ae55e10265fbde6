import { NavLink, Stack, Text } from '@mantine/core';
import { IconFolders, IconInbox, type IconProps, IconSettings } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useFileSection } from '../state/nav-section';

interface NavItem {
  href: string;
  label: 'layout.navRequests' | 'layout.navDossiers' | 'layout.navSettings';
  icon: ComponentType<IconProps>;
}

const ITEMS: NavItem[] = [
  { href: '/demandes', label: 'layout.navRequests', icon: IconInbox },
  { href: '/dossiers', label: 'layout.navDossiers', icon: IconFolders },
  { href: '/parametres', label: 'layout.navSettings', icon: IconSettings },
];

/** Paramètres → Personnel, Catégories, Formulaires, Catalogue, Moniteurs, Devis et paiements. */
export const SETTINGS_ITEMS = [
  { href: '/parametres/personnel', label: 'layout.navStaff' },
  { href: '/parametres/categories', label: 'layout.navCategories' },
  { href: '/parametres/formulaires', label: 'layout.navForms' },
  { href: '/parametres/catalogue', label: 'catalogue.nav' },
  { href: '/parametres/moniteurs', label: 'instructors.nav' },
  { href: '/parametres/devis', label: 'salesSettings.nav' },
  { href: '/parametres/logiciel-de-caisse', label: 'pos.settings.nav' },
  { href: '/parametres/archivage', label: 'archive.season.nav' },
  { href: '/parametres/boite-d-envoi', label: 'outbox.nav' },
  { href: '/parametres/mon-compte', label: 'myAccount.nav' },
] as const;

/** GESTION COMMERCIALE: the two lists of the sales back-office and their settings. */
export function MainNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const fileSection = useFileSection();
  const isActive = (href: string) => {
    if (fileSection === 'requests' && href === '/demandes') return true;
    if (fileSection === 'requests' && href === '/dossiers') return false;
    return location === href || location.startsWith(`${href}/`);
  };

  return (
    <>
      <Text id="nav-section-sales" size="xs" fw={700} c="dimmed" px="sm" pt="xs" pb={8} lts="0.06em">
        {t('layout.sectionSales')}
      </Text>
      <Stack gap={2} role="group" aria-labelledby="nav-section-sales">
        {ITEMS.map(({ href, label, icon: Icon }) => {
          const active = isActive(href);
          return (
            <div key={href}>
              <Link href={href} asChild>
                <NavLink
                  component="a"
                  label={t(label)}
                  leftSection={<Icon size={18} stroke={1.7} aria-hidden />}
                  active={active}
                  aria-current={active && location === href ? 'page' : undefined}
                  variant="light"
                  fw={active ? 600 : 500}
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              </Link>
              {href === '/parametres' && active && (
                <Stack gap={2} mt={2} pl={30} role="group" aria-label={t('layout.settingsNavigation')}>
                  {SETTINGS_ITEMS.map((item) => {
                    const subActive = isActive(item.href);
                    return (
                      <Link key={item.href} href={item.href} asChild>
                        <NavLink
                          component="a"
                          label={t(item.label)}
                          active={subActive}
                          aria-current={subActive ? 'page' : undefined}
                          variant="subtle"
                          fw={subActive ? 600 : 500}
                          py={6}
                          style={{ borderRadius: 'var(--mantine-radius-md)' }}
                        />
                      </Link>
                    );
                  })}
                </Stack>
              )}
            </div>
          );
        })}
      </Stack>
    </>
  );
}
