import { AppShell, Box, Burger, Group, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconMountain } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { LiveEventsProvider } from '../live/live-events';
import { useMe } from '../session/session';
import { HeaderSearch } from './header-search';
import { MainNav } from './main-nav';
import { NotificationsBell } from './notifications-bell';
import { UserMenu } from './user-menu';

export const MAIN_CONTENT_ID = 'contenu';

/** Header (school, search, bell, user menu), navigation, and the page; one live stream for all. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [location] = useLocation();
  const isPhone = useMediaQuery('(max-width: 36em)') === true;

  // On small screens the navigation is a drawer: it closes once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each page change on purpose
  useEffect(() => closeNav(), [location, closeNav]);

  return (
    <LiveEventsProvider>
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        {t('app.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        // Narrower margins below 1408 px (xl): a 1280 px laptop keeps every column of the lists.
        padding={{ base: 'md', md: 'lg', xl: 'xl' }}
      >
        <AppShell.Header>
          {/* On a phone the logo keeps its place and the search takes what is left, never more. */}
          <Group
            h="100%"
            px={isPhone ? 'sm' : 'md'}
            justify="space-between"
            wrap="nowrap"
            gap={isPhone ? 'xs' : 'md'}
          >
            <Group gap={isPhone ? 'xs' : 'sm'} wrap="nowrap" style={{ flex: 'none' }}>
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
                <Text c="gray.4" aria-hidden visibleFrom="lg">
                  |
                </Text>
                <Text fw={500} c="gray.8" truncate="end" title={me.school.name} maw={220} visibleFrom="lg">
                  {me.school.name}
                </Text>
              </Group>
            </Group>
            <Box style={{ flex: '1 1 auto', maxWidth: 520 }} miw={0}>
              <HeaderSearch />
            </Box>
            <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
              <NotificationsBell />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" aria-label={t('layout.mainNavigation')}>
          <MainNav />
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} className="app-main" style={{ outline: 'none' }}>
          {children}
        </AppShell.Main>
      </AppShell>
    </LiveEventsProvider>
  );
}
