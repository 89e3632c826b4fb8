import { Center, Loader, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import { ConsoleShell } from './layout/console-shell';
import { consolePages } from './pages';
import { SessionProvider, useSession } from './session/session-context';
import { SignInPage } from './session/sign-in-page';
import { cssVariablesResolver, theme } from './theme';

// The server writes a fresh nonce into this meta tag for every page it serves; Mantine's runtime <style>
// elements carry it, so the Content-Security-Policy needs no 'unsafe-inline' for styles.
const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not change by asking again; a network error or 5xx may.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
    },
  },
});

export function App() {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      getStyleNonce={() => styleNonce}
    >
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <BrowserRouter>
            <SignedIn />
          </BrowserRouter>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

function SignedIn() {
  const { session } = useSession();
  if (session === undefined) return <PageLoader />;
  if (session === null) return <SignInPage />;
  return (
    <ConsoleShell>
      <Suspense fallback={<PageLoader />}>
        <Routes>
          {consolePages.flatMap((page) =>
            page.routes.map((route) => <Route key={route.path} path={route.path} element={route.element} />),
          )}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </ConsoleShell>
  );
}

function PageLoader() {
  return (
    <Center h="60vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}
