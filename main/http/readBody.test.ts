import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, readJsonBody, sendJson } from './httpJson.node';
import { closeServer, listen, readBody } from './httpShared.node';

// The one body reader behind the staff console's pairing form and the broadcaster API's JSON.

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await closeServer(server, []);
});

async function serve(handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>): Promise<string> {
  const server = http.createServer((request, response) => void handle(request, response));
  servers.push(server);
  return `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
}

const echoLength = (limit: number) =>
  serve(async (request, response) => {
    const body = await readBody(request, limit);
    response.writeHead(body === null ? 413 : 200, { Connection: 'close' }).end(body === null ? 'too large' : String(body.length));
  });

describe('readBody', () => {
  it('reads a body within the limit', async () => {
    const origin = await echoLength(16);
    const response = await fetch(origin, { method: 'POST', body: 'code=123456' });
    expect([response.status, await response.text()]).toEqual([200, '11']);
  });

  it('refuses a declared or streamed body over the limit', async () => {
    const origin = await echoLength(16);
    expect((await fetch(origin, { method: 'POST', body: 'x'.repeat(17) })).status).toBe(413);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(8)));
        controller.close();
      },
    });
    expect((await fetch(origin, { method: 'POST', body: chunked, duplex: 'half' } as RequestInit)).status).toBe(413);
  });

  it('answers JSON bodies as readJsonBody: {} when empty, 400 when not JSON, 413 when too large', async () => {
    const origin = await serve(async (request, response) => {
      try {
        sendJson(response, 200, await readJsonBody(request, 64));
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 500;
        sendJson(response, status, { error: (error as Error).message }, error instanceof HttpError ? error.headers : {});
      }
    });
    const post = async (body: string) => {
      const response = await fetch(origin, { method: 'POST', body });
      return [response.status, await response.json()];
    };
    expect(await post('')).toEqual([200, {}]);
    expect(await post('{"a":1}')).toEqual([200, { a: 1 }]);
    expect(await post('{')).toEqual([400, { error: 'the body is not JSON' }]);
    expect(await post('x'.repeat(65))).toEqual([413, { error: 'the body is larger than 0.0625 KB' }]);
  });
});
