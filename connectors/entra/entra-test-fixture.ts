import {
  createFakeGraph,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_TENANT_ID,
} from '../fake-graph/fake-graph.js';
import type { FakeGraph, FakeGraphOptions } from '../fake-graph/fake-graph.js';
import { EntraDirectoryClient } from './entra-directory-client.js';
import type { EntraConnectionConfig, EntraDirectoryClientOptions } from './entra-directory-client.js';
import type { DeltaPage } from './directory-records.js';

export interface EntraTestFixture {
  fake: FakeGraph;
  url: string;
  /** Waits requested by the retry layer, in milliseconds; tests never really sleep. */
  sleeps: number[];
  config: EntraConnectionConfig;
  client(
    config?: Partial<EntraConnectionConfig>,
    options?: EntraDirectoryClientOptions,
  ): EntraDirectoryClient;
  close(): Promise<void>;
}

/** A fake Graph on 127.0.0.1 and a factory for real clients pointed at it. */
export async function startEntraTestFixture(options: FakeGraphOptions = {}): Promise<EntraTestFixture> {
  const fake = createFakeGraph(options);
  const server = await fake.listen();
  const sleeps: number[] = [];
  const config: EntraConnectionConfig = {
    tenantId: FAKE_TENANT_ID,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    authorityHost: server.url,
    graphBaseUrl: server.url,
  };
  return {
    fake,
    url: server.url,
    sleeps,
    config,
    client: (overrides = {}, clientOptions = {}) =>
      new EntraDirectoryClient(
        { ...config, ...overrides },
        {
          ...clientOptions,
          retry: {
            sleep: async (ms) => {
              sleeps.push(ms);
            },
            ...clientOptions.retry,
          },
        },
      ),
    close: () => server.close(),
  };
}

export async function collectPages<T>(pages: AsyncIterable<DeltaPage<T>>): Promise<DeltaPage<T>[]> {
  const out: DeltaPage<T>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

export async function expectRejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
