import type { Logger } from './logger';

/**
 * Wraps a handler so that nothing it throws (or rejects with) reaches the connection:
 * the error is logged and the fallback answered. The server never dies on any input.
 * A synchronous handler stays synchronous, so notifications keep their order.
 */
export function guard<A extends unknown[], R>(
  logger: Logger,
  name: string,
  fallback: R,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => R | Promise<R> {
  const failed = (error: unknown): R => {
    logger.error(`Classworks: ${name} failed`, error);
    return fallback;
  };
  return (...args: A) => {
    try {
      const result = handler(...args);
      return result instanceof Promise ? result.catch(failed) : result;
    } catch (error) {
      return failed(error);
    }
  };
}
