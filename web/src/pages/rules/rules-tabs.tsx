import { Tabs, Title } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';

const TABS = [
  { value: '/rules', label: 'Rules' },
  { value: '/rules/holds', label: 'Held changes' },
  { value: '/rules/conflicts', label: 'Conflicts' },
];

/** The rules area's heading and its three views: the rules, the mass changes held for approval, the conflicts. */
export function RulesTabs() {
  const location = useLocation();
  const navigate = useNavigate();
  const current =
    TABS.slice(1).find((t) => location.pathname.startsWith(t.value))?.value ?? (TABS[0]?.value as string);
  return (
    <>
      <Title order={1} size="h2" mb="sm">
        Group rules
      </Title>
      <Tabs value={current} onChange={(value) => value && void navigate(value)} mb="md">
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </>
  );
}
