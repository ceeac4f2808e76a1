import type { NetworkInterfaceInfo } from 'node:os';

/**
 * The address phones on the same network reach this machine at: the first private IPv4 address
 * of a real interface; null when there is none (then only this machine can join).
 */
export function lanAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string | null {
  const candidates = Object.values(interfaces)
    .flat()
    .filter((info): info is NetworkInterfaceInfo => info !== undefined && info.family === 'IPv4' && !info.internal);
  const isPrivate = (address: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address);
  return (candidates.find((info) => isPrivate(info.address)) ?? candidates[0])?.address ?? null;
}
