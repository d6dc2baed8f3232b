import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** An opaque secret token `<id>.<secret>`; only the secret's SHA-256 is stored. */
export interface OpaqueToken {
  id: string;
  token: string;
  hash: string;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newOpaqueToken(prefix?: string): OpaqueToken {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  const head = prefix ? `${prefix}.${id}` : id;
  return { id, token: `${head}.${secret}`, hash: sha256(secret) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Splits a token into its ids (UUIDs) and secret, or null when it is not shaped like one of ours. */
export function parseOpaqueToken(token: unknown, parts: number): { ids: string[]; secret: string } | null {
  if (typeof token !== 'string' || token.length > 512) return null;
  const split = token.split('.');
  const secret = split.pop();
  if (split.length !== parts - 1 || !secret || !split.every(isUuid)) return null;
  return { ids: split.map((id) => id.toLowerCase()), secret };
}

export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
