import { NavLink, Stack, Text } from '@mantine/core';
import { IconFolders, IconInbox, type IconProps, IconSettings } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';

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

/** GESTION COMMERCIALE: the two lists of the sales back-office and their settings. */
export function MainNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const isActive = (href: string) => location === href || location.startsWith(`${href}/`);

  return (
    <>
      <Text id="nav-section-sales" size="xs" fw={700} c="dimmed" px="sm" pt="xs" pb={8} lts="0.06em">
        {t('layout.sectionSales')}
      </Text>
      <Stack gap={2} role="group" aria-labelledby="nav-section-sales">
        {ITEMS.map(({ href, label, icon: Icon }) => {
          const active = isActive(href);
          return (
            <Link key={href} href={href} asChild>
              <NavLink
                component="a"
                label={t(label)}
                leftSection={<Icon size={18} stroke={1.7} aria-hidden />}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="light"
                fw={active ? 600 : 500}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            </Link>
          );
        })}
      </Stack>
    </>
  );
}
