/**
 * Whether a connection to an import service sends the token and the uploaded files
 * unencrypted across a network: plain `http://` to a host that is not this computer.
 * `https://`, and `http://` to a loopback address (127.0.0.0/8, ::1, localhost — the local
 * sandbox district), are not at risk. Pure: the "Connect to District" command asks before
 * connecting when this answers a host.
 */
export interface PlainHttpRisk {
  /** The host (and port) as the URL names it, for the warning. */
  host: string;
}

/** The risk of connecting to `url`, or undefined when there is none (or it is no http(s) URL). */
export function plainHttpRisk(url: string): PlainHttpRisk | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined; // not a URL: the address check says so
  }
  if (parsed.protocol !== 'http:') return undefined;
  if (isLoopbackHost(parsed.hostname)) return undefined;
  return { host: parsed.host };
}

/** A hostname (as `URL.hostname` gives it: IPv6 in brackets) that always means this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  // WHATWG URL parsing already turns 127.1, 0x7f.0.0.1 and 2130706433 into dotted decimal.
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return Number(v4[1]) === 127 && v4.slice(2).every((part) => Number(part) <= 255);
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = host.slice(1, -1);
    if (v6 === '::1') return true;
    // An IPv4-mapped loopback, which URL writes as ::ffff:7f00:1 (127.0.0.1) etc.
    const mapped = /^::ffff:7f([0-9a-f]{2}):[0-9a-f]{1,4}$/.exec(v6);
    return mapped !== null;
  }
  return false;
}
