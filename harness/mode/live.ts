import type { Mode, ModeDependencies } from './types.ts';
import { connectToService } from './service.ts';

/** Live: the service answers; generated values are fresh and kept nowhere. */
export function startLive(dependencies: ModeDependencies): Promise<Mode> {
  const service = connectToService(dependencies);
  return Promise.resolve({
    redactor: service.redactor,
    baseUrl: dependencies.settings.baseUrl,
    throttleBudget: service.throttleBudget,
    token: () => service.token(),
    pagePermissions: service.pagePermissions,
    openTest: () =>
      Promise.resolve({
        answeredBy: 'service',
        answeredByDescription: 'the service (live)',
        createsResources: true,
        value: (_label, fresh) => fresh(),
        valueAsync: (_label, fresh) => fresh(),
        clientHooks: (testInfo) => service.clientHooks(testInfo),
        beginRequests: () => undefined,
        endRequests: () => undefined,
        close: () => undefined,
      }),
  });
}
