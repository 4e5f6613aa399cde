import type { ClientSecretCredentialOptions } from '@azure/identity';
import { AttemptWatch, hostOf, WatchedAgent, type WatchOptions } from './watched-connection.ts';

type AdditionalPolicy = NonNullable<ClientSecretCredentialOptions['additionalPolicies']>[number];

/** Entra's paths begin with the tenant, which no message may print: `/{tenant}/oauth2/v2.0/token`. */
export function entraRequest(method: string, url: URL): string {
  return `${method} ${url.pathname.replace(/^\/[^/]+/, '/{tenant}')}`;
}

/**
 * A policy of @azure/identity's HTTP pipeline that bounds each attempt of each request to Entra ID
 * (the OpenID metadata and the token endpoint): the connection within the connect bound, the whole
 * answer within the answer bound. @azure/identity sets no timeout of its own, and MSAL does not
 * pass getToken's abortSignal on for the client-credentials grant (@azure/identity 4.14, MSAL node
 * 7), so the pipeline is the one place a bound holds. Per retry: the pipeline's own retries of
 * network errors each get the bounds; a bound reached ends with a NoAnswerError, which is no
 * RestError, so the pipeline does not retry a host that has just not answered.
 */
export function entraWaitPolicy(options: WatchOptions): AdditionalPolicy {
  const ours = new WeakSet<object>();
  return {
    position: 'perRetry',
    policy: {
      name: 'graphContractsEntraWaitBounds',
      async sendRequest(request, next) {
        const url = new URL(request.url);
        const controller = new AbortController();
        const watch = new AttemptWatch(
          { service: 'Entra ID', host: hostOf(url), request: entraRequest(request.method, url) },
          options,
          () => {
            controller.abort();
          },
        );
        // A proxy's agent (the pipeline's proxy policy) makes the connection where the watch cannot see it.
        const given = request.agent && !ours.has(request.agent) ? request.agent : undefined;
        if (given) watch.unobserved();
        else {
          const agent = new WatchedAgent(watch);
          ours.add(agent);
          request.agent = agent;
        }
        const signal = request.abortSignal as AbortSignal | undefined;
        request.abortSignal = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
        try {
          return await next(request);
        } catch (error) {
          throw watch.stalled ?? error;
        } finally {
          watch.finish();
          request.abortSignal = signal;
          if (!given) request.agent = undefined;
        }
      },
    },
  };
}
