import type { Page } from 'playwright-core';

/**
 * Calls one contract channel over the page's own paired WebSocket bridge, as a second client
 * would (a staff console, a test): the studio UI is not involved.
 */
export function callCore<T = unknown>(page: Page, origin: string, channel: string, payload: unknown = {}): Promise<T> {
  return page.evaluate(
    async ({ url, channel, payload }) => {
      const socket = new WebSocket(url);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const answer = await new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve) => {
        socket.onmessage = (message) => {
          const frame = JSON.parse(String(message.data)) as { id?: number; ok: boolean };
          if (frame.id === 1) resolve(frame);
        };
        socket.send(JSON.stringify({ id: 1, channel, payload }));
      });
      socket.close();
      if (!answer.ok) throw new Error(answer.error?.message ?? 'call failed');
      return answer.value;
    },
    { url: `${origin.replace('http', 'ws')}/api`, channel, payload },
  ) as Promise<T>;
}
