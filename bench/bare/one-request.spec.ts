import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

test('200 from one API request', async ({ request }) => {
  const server = createServer((_, response) => response.end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const response = await request.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  expect(response.status()).toBe(200);
  server.close();
});
