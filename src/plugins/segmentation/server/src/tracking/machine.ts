/**
 * Opens (and clicks) that a machine made rather than a person: mail privacy proxies and security
 * scanners fetch every image and link, often within seconds of delivery. They are counted apart,
 * so that open rates can be trusted.
 * - user agents of known prefetchers: Apple Mail Privacy Protection's proxy presents a bare
 *   "Mozilla/5.0", security scanners and scripts name themselves. (Gmail's and Yahoo's image
 *   proxies fetch when the person opens the mail: those are real opens.)
 * - requests within MACHINE_SECONDS of the mail being sent.
 */
export const MACHINE_SECONDS = 10;
const PREFETCHERS = /Barracuda|Mimecast|Proofpoint|bot\b|crawler|spider|python-requests|curl\/|Go-http-client|^Mozilla\/5\.0$/i;

export function isMachineOpen(
  userAgent: string | undefined,
  _ip: string | undefined,
  sentAt: number | null,
  now = Date.now(),
  seconds = MACHINE_SECONDS,
): boolean {
  const ua = (userAgent ?? '').trim();
  if (ua === '' || PREFETCHERS.test(ua)) return true;
  return sentAt !== null && now - sentAt < seconds * 1000;
}
