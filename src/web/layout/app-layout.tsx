import { AppShell, Burger, Group, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMountain } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useMe } from '../session/session';
import { MainNav } from './main-nav';
import { UserMenu } from './user-menu';

export const MAIN_CONTENT_ID = 'contenu';

/** Header (school, user menu), navigation, and the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [location] = useLocation();

  // On small screens the navigation is a drawer: it closes once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each page change on purpose
  useEffect(() => closeNav(), [location, closeNav]);

  return (
    <>
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        {t('app.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding={{ base: 'md', md: 'xl' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger
                opened={navOpened}
                onClick={toggleNav}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('layout.toggleNavigation')}
                aria-expanded={navOpened}
              />
              <ThemeIcon size={34} radius="md" aria-hidden>
                <IconMountain size={20} stroke={1.8} />
              </ThemeIcon>
              <Group gap={10} wrap="nowrap" miw={0} align="baseline">
                <Text fz="lg" fw={700} c="alpine.9" style={{ letterSpacing: '-0.01em' }} visibleFrom="xs">
                  {t('app.name')}
                </Text>
                <Text c="gray.4" aria-hidden visibleFrom="xs">
                  |
                </Text>
                <Text fw={500} c="gray.8" truncate="end" title={me.school.name} maw={360}>
                  {me.school.name}
                </Text>
              </Group>
            </Group>
            <UserMenu />
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" aria-label={t('layout.mainNavigation')}>
          <MainNav />
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} style={{ outline: 'none' }}>
          {children}
        </AppShell.Main>
      </AppShell>
    </>
  );
}
