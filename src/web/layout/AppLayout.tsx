import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMessages, IconScale, IconSettings } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useCurrentUser } from '../api/accounts.js';
import { useLiveUpdates } from '../api/live.js';
import { useMessagesUnread } from '../api/messages.js';
import { VerifyEmailNotice } from '../components/email/VerifyEmailNotice.js';
import { LiveIndicator } from '../components/LiveIndicator.js';
import { Logo } from '../components/Logo.js';
import { NotificationBell } from '../components/notifications/NotificationBell.js';
import { paths } from '../lib/paths.js';
import { homePathFor } from '../lib/roles.js';
import { NAV_SECTIONS, type NavItem } from './navigation.js';
import { SkipLink } from './SkipLink.js';
import { UserMenu } from './UserMenu.js';

function SideLink({
  item,
  onNavigate,
  badge,
}: {
  item: NavItem;
  onNavigate: () => void;
  /** A count beside the label (unread messages); its words are in the link's name too. */
  badge?: { count: number; label: string };
}) {
  const { pathname } = useLocation();
  const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
  const Icon = item.icon;
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      aria-label={badge && badge.count > 0 ? `${item.label}, ${badge.label}` : undefined}
      rightSection={
        badge && badge.count > 0 ? (
          <Badge size="sm" circle aria-hidden="true">
            {badge.count > 99 ? '99+' : badge.count}
          </Badge>
        ) : undefined
      }
      active={active}
      aria-current={active ? 'page' : undefined}
      leftSection={<Icon size={18} stroke={1.7} aria-hidden="true" />}
      onClick={onNavigate}
      className="side-link"
    />
  );
}

/** Where signed-in people work: a header with their menu, and a sidebar by role. */
export function AppLayout() {
  const user = useCurrentUser();
  const [navOpen, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // Pages of signed-in people update live; the connection lives as long as this layout.
  useLiveUpdates();

  // Moving focus to the new page tells keyboard and screen reader users that the page changed.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  const sections = NAV_SECTIONS.filter((section) => user.roles.includes(section.role));
  const unreadMessages = useMessagesUnread().data?.unreadCount ?? 0;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding={0}
    >
      <AppShell.Header px="lg">
        <SkipLink />
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
            />
            <Link to={homePathFor(user)} className="logo-link" aria-label="Tessera home">
              <Logo />
            </Link>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LiveIndicator />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="md" aria-label="Main">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="lg">
            <SideLink
              item={{ label: 'Messages', to: paths.messages, icon: IconMessages }}
              onNavigate={close}
              badge={{ count: unreadMessages, label: `${unreadMessages} unread` }}
            />
            {sections.map((section) => (
              <div key={section.role}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={6} lts={0.6}>
                  {section.label}
                </Text>
                {section.items.map((item) => (
                  <SideLink key={item.to} item={item} onNavigate={close} />
                ))}
              </div>
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section pt="md" className="navbar-footer">
          <SideLink
            item={{ label: 'Rules', to: paths.rules, icon: IconScale }}
            onNavigate={close}
          />
          <SideLink
            item={{ label: 'Profile settings', to: paths.settings, icon: IconSettings }}
            onNavigate={close}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" ref={mainRef} tabIndex={-1} className="app-main">
        <div className="page">
          <VerifyEmailNotice />
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
