// The pacts a Pact Broker or PactFlow holds for TrueLayer's two providers, chosen the way every Pact verifier
// chooses them: the broker's "pacts for verification" API (`pb:provider-pacts-for-verification`, with consumer
// version selectors: https://docs.pact.io/pact_broker/advanced_topics/consumer_version_selectors and the API's own
// page, lib/pact_broker/doc/views/provider-pacts-for-verification.markdown in pact_broker). The spec check reads each pact's
// JSON from here; the verification hands the same immutable pact-version URL to Pact's verifier, which fetches it
// with its own broker client. Nothing is ever published back: a mock's verification is no provider's result.
import type { ConsumerVersionSelector } from '@pact-foundation/pact-core';
import { redactText } from '../../src/redact.ts';
import type { PactFile } from './pact-files.ts';
import type { ProviderName } from './pact-names.ts';
import { parsePact } from './pact-sources.ts';
import type { BrokerAuth } from './verify.ts';

export type { ConsumerVersionSelector } from '@pact-foundation/pact-core';

/** Pact's recommended default: the consumers' main branch and whatever is deployed or released. */
export const DEFAULT_SELECTORS: readonly ConsumerVersionSelector[] = [{ mainBranch: true }, { deployedOrReleased: true }];

export class BrokerError extends Error {
  override name = 'BrokerError';
}

export interface BrokerSource {
  url: string;
  auth: BrokerAuth;
  selectors: readonly ConsumerVersionSelector[];
  providers: readonly ProviderName[];
  /** Only this consumer's pacts (added to every selector, so the broker filters). */
  consumer?: string;
  /** Default the global fetch; tests may pass another. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface BrokerPacts {
  pacts: PactFile[];
  /** The broker's notices (why each pact was selected), for --verbose. */
  notices: string[];
}

interface HalLink {
  href?: string;
  name?: string;
  templated?: boolean;
}

export async function fetchPactsForVerification(source: BrokerSource): Promise<BrokerPacts> {
  const call = brokerClient(source);
  const index = (await call('GET', source.url.replace(/\/+$/, '') + '/')) as { _links?: Record<string, HalLink> };
  const template = index._links?.['pb:provider-pacts-for-verification']?.href;
  if (!template) {
    throw new BrokerError(`${source.url} offers no "pb:provider-pacts-for-verification" link; is it a Pact Broker (2.60 or later) or PactFlow?`);
  }
  const selectors = source.selectors.map((s) => (source.consumer === undefined ? s : { ...s, consumer: source.consumer }));
  const result: BrokerPacts = { pacts: [], notices: [] };
  for (const provider of source.providers) {
    const listUrl = template.replace(/\{provider\}/g, encodeURIComponent(provider));
    const list = (await call('POST', listUrl, { consumerVersionSelectors: selectors, includePendingStatus: false }, { notFound: 'empty' })) as {
      _embedded?: { pacts?: Array<{ _links?: { self?: HalLink }; verificationProperties?: { notices?: Array<{ text?: string }> } }> };
    } | undefined;
    for (const entry of list?._embedded?.pacts ?? []) {
      const href = entry._links?.self?.href;
      if (!href) continue;
      const label = entry._links?.self?.name ?? href;
      const pact = parsePact(JSON.stringify(await call('GET', href)), label);
      if (pact.provider.name !== provider) throw new BrokerError(`${label}: the broker answered a pact for "${pact.provider.name}" when asked for ${provider}.`);
      if (source.consumer !== undefined && pact.consumer.name !== source.consumer) continue;
      result.pacts.push({ file: label, path: href, pact });
      for (const notice of entry.verificationProperties?.notices ?? []) if (notice.text) result.notices.push(`${label}: ${notice.text}`);
    }
  }
  return result;
}

function brokerClient(source: BrokerSource) {
  const doFetch = source.fetch ?? fetch;
  const secrets = [source.auth.token, source.auth.password];
  const headers: Record<string, string> = { Accept: 'application/hal+json, application/json' };
  if (source.auth.token) headers.Authorization = `Bearer ${source.auth.token}`;
  else if (source.auth.username) headers.Authorization = `Basic ${Buffer.from(`${source.auth.username}:${source.auth.password ?? ''}`).toString('base64')}`;
  return async (method: 'GET' | 'POST', url: string, body?: unknown, options: { notFound?: 'empty' } = {}): Promise<unknown> => {
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'follow',
        signal: AbortSignal.timeout(source.timeoutMs ?? 15_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new BrokerError(redactText(`cannot reach the Pact Broker at ${url}: ${cause}. Check --broker-url.`, secrets));
    }
    if (response.status === 404 && options.notFound === 'empty') return undefined;
    if (response.status === 401 || response.status === 403) {
      throw new BrokerError(
        `the Pact Broker refused the request (${method} ${url}: HTTP ${response.status}). Set PACT_BROKER_TOKEN (PactFlow: a read-only token is enough), or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.`,
      );
    }
    const text = await response.text();
    // A web page is never a broker's API answer: named, not printed. Below 500 (a site's 404, a login page) the URL
    // is likely not a broker's; at 500 and above a broker, or a proxy in front of it, failed.
    const page = /html/i.test(response.headers.get('content-type') ?? '') || /^\s*<(!doctype html|html)/i.test(text);
    const notABroker = 'is --broker-url the base URL of a Pact Broker or PactFlow?';
    if (!response.ok) {
      const what = !page
        ? text.replace(/\s+/g, ' ').trim().slice(0, 200)
        : response.status >= 500
          ? 'a web page: the broker or a proxy in front of it failed; try again later'
          : `a web page; ${notABroker}`;
      throw new BrokerError(redactText(`${method} ${url} answered HTTP ${response.status}: ${what}`, secrets));
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BrokerError(`${method} ${url} answered ${page ? 'a web page' : 'something that is not JSON'}; ${notABroker}`);
    }
  };
}
