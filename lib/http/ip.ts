// IP addresses as they arrive in headers and configuration: parsed strictly,
// written in one canonical form (so one client is one rate-limit key however
// its address was spelled), and matched against ranges.

export interface Ip {
  family: 4 | 6;
  /** 4 or 16 bytes. */
  bytes: Uint8Array;
  /** Canonical text: dotted quad, or RFC 5952 IPv6 (lowercase, zeros compressed). */
  text: string;
}

export interface IpRange {
  family: 4 | 6;
  bytes: Uint8Array;
  prefix: number;
}

/** Longer than any address with brackets, port and a short zone: not an address. */
const maxLength = 64;
const ipv4Pattern = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

function parseIpv4(text: string): Ip | null {
  const match = ipv4Pattern.exec(text);
  if (!match) return null;
  const bytes = new Uint8Array(match.slice(1).map(Number));
  if (match.slice(1).some((part) => Number(part) > 255)) return null;
  return { family: 4, bytes, text: bytes.join(".") };
}

function parseIpv6(text: string): Ip | null {
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(":")) return null;
  let canonical: string;
  try {
    // The URL parser implements the IPv6 grammar and its canonical serialisation.
    canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const [head = "", tail] = canonical.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const pieces = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  const bytes = new Uint8Array(16);
  pieces.forEach((piece, i) => {
    const value = Number.parseInt(piece, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  // An IPv4 address seen through a dual-stack socket (::ffff:a.b.c.d) is that IPv4 address.
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    const v4 = bytes.slice(12);
    return { family: 4, bytes: v4, text: v4.join(".") };
  }
  return { family: 6, bytes, text: canonical };
}

/**
 * An address as written in X-Forwarded-For, a socket or the configuration:
 * IPv4, IPv6 (also in brackets), either with a port ("203.0.113.9:4711",
 * "[2001:db8::1]:443") or an IPv6 zone ("fe80::1%eth0"), both dropped.
 * Anything else (names, "unknown", control characters, junk) gives null.
 */
export function parseIp(raw: string): Ip | null {
  let text = raw.trim();
  if (text.length === 0 || text.length > maxLength) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.indexOf(":"));
  const zone = text.indexOf("%");
  if (zone > 0 && text.includes(":")) text = text.slice(0, zone);
  return parseIpv4(text) ?? parseIpv6(text);
}

/** A range as written in TRUST_PROXY: an address ("10.0.0.7", a range of one) or a CIDR block ("10.0.0.0/8", "fd00::/8"). */
export function parseIpRange(raw: string): IpRange | null {
  const [address = "", prefixText, ...rest] = raw.trim().split("/");
  if (rest.length > 0) return null;
  const ip = parseIp(address);
  if (!ip || address.includes("[") || address.includes("%")) return null;
  const bits = ip.family === 4 ? 32 : 128;
  if (prefixText === undefined) return { family: ip.family, bytes: ip.bytes, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  // An IPv4-mapped block ("::ffff:10.0.0.0/104") would be read as IPv4 with a 128-bit prefix: refuse it.
  if (prefix > bits || (ip.family === 4 && address.includes(":"))) return null;
  return { family: ip.family, bytes: ip.bytes, prefix };
}

/** Whether the address lies in the range (an IPv4 address never lies in an IPv6 range: they are compared after mapping). */
export function inRange(ip: Ip, range: IpRange): boolean {
  if (ip.family !== range.family) return false;
  const whole = Math.floor(range.prefix / 8);
  for (let i = 0; i < whole; i++) if (ip.bytes[i] !== range.bytes[i]) return false;
  const rest = range.prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((ip.bytes[whole]! ^ range.bytes[whole]!) & mask) === 0;
}
