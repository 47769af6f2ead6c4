import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';

/**
 * Refuses a request body over `maxBytes` with 413. The body is read to its end first (up to a
 * cap): a server that answers while the client is still sending and then closes the
 * connection makes most HTTP clients report a broken connection instead of the 413.
 */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  const drainCap = Math.max(4 * maxBytes, 256 * 1024 * 1024);
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    let over = Number.isFinite(declared) && declared > maxBytes;
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) over = true;
      if (over) {
        if (size > drainCap) {
          await reader.cancel();
          break;
        }
        continue;
      }
      chunks.push(value);
    }
    if (over) {
      throw new ApiError(
        413,
        'request.too-large',
        `The request body is over the limit of ${Math.round(maxBytes / 1024 / 1024)} MB. Split the file, or start the service with a higher --max-body-mb.`,
      );
    }
    const buffer = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      buffer.set(chunk, at);
      at += chunk.length;
    }
    c.req.raw = new Request(c.req.raw, { body: buffer });
    return next();
  };
}
