import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useSession } from './session-context';

/** Sign-in with an admin token: the one `npm start` prints on its first start, or one an owner created. */
export function SignInPage() {
  const { signIn, endedReason } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(token.trim());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh">
      <Paper component="main" withBorder shadow="sm" p="xl" w={420} radius="md">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2">
              Sign in to seatsync
            </Title>
            <Text size="sm" c="dimmed">
              Use an admin token: the one seatsync printed on its first start, or one an owner created for
              you.
            </Text>
            {endedReason && !error && <Alert color="yellow">{endedReason}</Alert>}
            {error && (
              <Alert color="red" role="alert" title="Sign-in failed">
                {error}
              </Alert>
            )}
            <PasswordInput
              label="Admin token"
              placeholder="sst_…"
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              required
              autoFocus
              autoComplete="off"
            />
            <Button type="submit" loading={busy} disabled={!token.trim()}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
