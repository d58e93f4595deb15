/**
 * Where a URL goes, without its query (which may hold a token): what logs, answers and notices
 * show of a receiver's URL. Undefined when it is not a URL.
 */
export function urlWithoutQuery(target: string): string | undefined {
  try {
    const url = new URL(target);
    return `${url.origin}${url.pathname}`;
  } catch {
    return undefined;
  }
}
