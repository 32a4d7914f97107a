// A local fake of the Câmara's file portal on 127.0.0.1 with fault injection: each request to a path takes the
// next planned response (429 with an HTML body and Retry-After, 5xx, a stalled or truncated body), then the
// real file. Never reaches the internet.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; html?: boolean; retryAfter?: string }
  | { kind: 'truncate'; bytes: number }
  | { kind: 'stall'; ms: number };

export interface FakePortal {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startFakePortal(
  files: Record<string, Buffer>,
  faults: Record<string, Fault[]> = {},
): Promise<FakePortal> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    const fault = faults[path]?.shift();
    const body = files[path];
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': fault.html ? 'text/html' : 'text/plain' };
      if (fault.retryAfter) headers['retry-after'] = fault.retryAfter;
      res.writeHead(fault.status, headers);
      res.end(fault.html ? '<html><body><h1>Too Many Requests</h1></body></html>' : 'error');
      return;
    }
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>not found</html>');
      return;
    }
    if (fault?.kind === 'stall') {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(body.length) });
      res.write(body.subarray(0, 10));
      setTimeout(() => res.destroy(), fault.ms);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(body.length) });
    if (fault?.kind === 'truncate') {
      res.write(body.subarray(0, fault.bytes));
      res.destroy();
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
