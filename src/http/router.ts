import type { IncomingMessage, ServerResponse } from 'node:http';
import { HandoffError } from '../errors.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: Record<string, string>, url: URL) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

/** A tiny exact-path router: the routes are few and fixed by the contract. */
export class Router {
  private routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/:([a-zA-Z_]+)/g, (_m, name: string) => { names.push(name); return '([^/]+)'; }) + '/?$',
    );
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  /** The methods served on a path, for a 405's Allow header. */
  methodsFor(pathname: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) if (route.pattern.test(pathname)) methods.add(route.method);
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods];
  }

  /** The matching route, or 'method' when the path exists with another method. */
  match(method: string, pathname: string): { handler: RouteHandler; params: Record<string, string> } | 'method' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      const params = m ? decodeParams(route.names, m) : undefined;
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method && !(route.method === 'GET' && method === 'HEAD')) continue;
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}

/** The route's named segments, decoded; undefined when one is not valid percent-encoding (decodeURIComponent would throw outside any handler). */
function decodeParams(names: string[], m: RegExpExecArray): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
  } catch {
    return undefined;
  }
  return params;
}

/** An answer other than success: its status, and the body the caller gets. */
export class HttpError extends HandoffError {
  /** `raw`: an answer in another format than JSON (Salesforce's SOAP); `body` still says what happened, for the logs. */
  constructor(readonly status: number, message: string, readonly body?: Record<string, unknown>, readonly raw?: { contentType: string; text: string }) {
    super(typeof body?.error === 'string' ? body.error : `http_${status}`, message, { forPerson: typeof body?.message === 'string' ? body.message : message });
  }
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the raw body; a body over the limit is a 413 without reading the rest. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new HttpError(413, `The body is larger than ${limit} bytes.`, { error: 'too_large', message: `The body is larger than ${limit} bytes; nothing was stored.` });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw new HttpError(413, `The body is larger than ${limit} bytes.`, { error: 'too_large', message: `The body is larger than ${limit} bytes; nothing was stored.` });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Parses a JSON body into a value, or a 400 that says what is wrong. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw new HttpError(400, 'The body is empty; send a JSON object.', { error: 'invalid_json', message: 'The body is empty; send a JSON object.' });
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    const message = `The body is not valid JSON: ${(error as Error).message}`;
    throw new HttpError(400, message, { error: 'invalid_json', message });
  }
}
