import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';

// A certificate and its key in PEM, for a server that speaks HTTPS (and WSS on the same port)
// itself: a shop's server without a TLS-terminating proxy in front. Read and checked once at start,
// so a wrong file stops the server with a sentence instead of failing each handshake later.

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

export async function readTlsFiles(certFile: string, keyFile: string): Promise<TlsFiles> {
  const read = async (file: string, what: string) => {
    try {
      return await readFile(file);
    } catch (error) {
      throw new Error(`Could not read the TLS ${what} ${file}: ${(error as Error).message}`, { cause: error });
    }
  };
  const files = { cert: await read(certFile, 'certificate'), key: await read(keyFile, 'key') };
  try {
    createSecureContext(files);
  } catch (error) {
    throw new Error(`The TLS certificate ${certFile} and key ${keyFile} do not make a usable pair (PEM, the key matching the certificate): ${(error as Error).message}`, { cause: error });
  }
  return files;
}

/** An HTTPS server when given a certificate, else plain HTTP (behind a proxy that terminates TLS). */
export function httpServer(tls: TlsFiles | null | undefined): Server {
  return tls ? createHttpsServer({ cert: tls.cert, key: tls.key }) : createServer();
}
