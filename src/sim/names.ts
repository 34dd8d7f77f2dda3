/**
 * Deterministic stand-ins for what a cluster makes up at random: pod name
 * suffixes, pod-template hashes, allocated IPs and ports. Same input, same
 * world, so a level's briefing can name `web-7c9d4b8f6-x2k4q` and mean it.
 */

/** 32-bit FNV-1a, the hash the Deployment controller uses for pod-template-hash. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The alphabet of Kubernetes' `rand.SafeEncodeString`: no vowels, no look-alikes. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** `pod-template-hash` of a Deployment's ReplicaSet, e.g. `7c9d4b8f6`. */
export function podTemplateHash(seed: string): string {
  return safeEncode(String(fnv1a(seed)));
}

/** The five-character suffix the ReplicaSet controller gives each pod. */
export function podSuffix(seed: string): string {
  let hash = fnv1a(seed);
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += SAFE_ALPHABET[hash % SAFE_ALPHABET.length];
    hash = Math.floor(hash / SAFE_ALPHABET.length) ^ fnv1a(`${seed}#${i}`);
    hash >>>= 0;
  }
  return out;
}
