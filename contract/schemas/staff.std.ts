import { z } from 'zod';

// Who is at the controls. The host is the merchant at the studio (and anyone paired as host);
// a moderator runs comments, pins, orders and promotions from a staff console on another
// computer, with no stream control, keys or settings.

export const staffRoles = ['host', 'moderator'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const staffNameSchema = z.string().trim().min(1, 'A name is needed.').max(40, 'The name is too long (at most 40 characters).');

/** The caller as the core knows it: answered by `whoAmI`, so a console knows what to show. */
export const whoAmISchema = z.strictObject({ role: staffRoleSchema, name: z.string(), console: z.boolean() });
export type WhoAmI = z.infer<typeof whoAmISchema>;

export const staffPairingInputSchema = z.strictObject({ name: staffNameSchema, role: staffRoleSchema });
export type StaffPairingInput = z.infer<typeof staffPairingInputSchema>;

/** A pairing waiting to be used: the code to type, or the link (and its QR code) that carries it. */
export const staffPairingSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  /** Six digits, single use. */
  code: z.string().regex(/^\d{6}$/),
  /** The console's address on the LAN with the code in it. */
  url: z.string(),
  /** The link as an SVG QR code: shown as an image, never as markup. */
  qrSvg: z.string(),
  expiresAt: z.number(),
});
export type StaffPairing = z.infer<typeof staffPairingSchema>;

export const staffMemberSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  state: z.enum(['waiting', 'paired']),
  /** Open console windows right now. */
  connections: z.number().int().nonnegative(),
  createdAt: z.number(),
  lastSeenAt: z.number().nullable(),
  /** A waiting code expires in minutes; a paired console at the end of its session. */
  expiresAt: z.number(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const staffStateSchema = z.strictObject({
  /** Where staff consoles connect, or why they cannot (null url). */
  consoleUrl: z.string().nullable(),
  message: z.string().nullable(),
  members: z.array(staffMemberSchema),
});
export type StaffState = z.infer<typeof staffStateSchema>;
