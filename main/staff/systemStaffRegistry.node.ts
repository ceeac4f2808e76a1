import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { createStaffRegistry, type StaffRegistry, type StaffRegistryDeps } from './staffRegistry.std';

/** The staff registry on the real clock, crypto randomness and unref'd timers (they never keep the process alive). */
export function systemStaffRegistry(lifetimes: Pick<StaffRegistryDeps, 'codeLifetimeMs' | 'sessionLifetimeMs'> = {}): StaffRegistry {
  return createStaffRegistry({
    now: Date.now,
    randomInt: (max) => randomInt(max),
    newId: randomUUID,
    newToken: () => randomBytes(24).toString('base64url'),
    schedule: (ms, run) => {
      const timer = setTimeout(run, ms);
      timer.unref();
      return () => clearTimeout(timer);
    },
    ...lifetimes,
  });
}
