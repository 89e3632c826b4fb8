import { AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useRef, type ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { consolePages } from '../pages';
import { useSession } from '../session/session-context';
import classes from './console-shell.module.css';
import { SkipLink } from './skip-link';
import { useDialogFocusReturn } from './use-dialog-focus-return';
import { useRouteFocus } from './use-route-focus';

const ROLE_LABEL: Record<string, string> = {
  owner: 'Owner',
  license_admin: 'License admin',
  read_only: 'Read only',
  operator: 'Operator',
};

/** The frame of every signed-in page: the tenant and role, the navigation, sign-out. */
export function ConsoleShell({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  useRouteFocus(main);
  useDialogFocusReturn();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <SkipLink target="main" />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={2} size="h4">
              seatsync
            </Title>
            <Text size="sm" c="dimmed" data-testid="tenant-name">
              {session?.tenant.name}
            </Text>
          </Group>
          <Group gap="sm">
            <Badge variant="light" data-testid="role">
              {ROLE_LABEL[session?.role ?? ''] ?? session?.role}
            </Badge>
            {session?.tokenLabel && (
              <Text size="sm" c="dimmed">
                {session.tokenLabel}
              </Text>
            )}
            <Button variant="subtle" size="compact-sm" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        <Stack gap={2}>
          {consolePages
            .filter((page) => page.nav)
            .map((page) => (
              <NavLink
                key={page.nav}
                component={RouterLink}
                to={page.nav as string}
                label={page.label}
                active={
                  page.nav === '/'
                    ? location.pathname === '/'
                    : location.pathname.startsWith(page.nav as string)
                }
              />
            ))}
        </Stack>
      </AppShell.Navbar>
      {/* Focusable from script only: the skip link and a navigation move the focus here. */}
      <AppShell.Main id="main" ref={main} tabIndex={-1} className={classes.main}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
