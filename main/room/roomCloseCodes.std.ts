// Every WebSocket close code a room socket can get, in one place so docs/ROOM-PROTOCOL.md
// (*Close codes*) can be checked against it (roomEdges.test.ts). RFC 6455 §7.4.1 defines them.

/** Sent by the room itself. */
export const roomCloseCodes = {
  /** The room server is stopping. */
  goingAway: 1001,
  /** A refused hello, a wrong token, no such room, no hello in time, a flood. */
  policy: 1008,
  /** Too many new viewers from one address: try again later. */
  tryAgainLater: 1013,
} as const;

/** Sent by the `ws` library before the room sees the frame. */
export const libraryCloseCodes = {
  /** A frame that breaks the WebSocket protocol (unmasked, reserved bits, unknown opcode). */
  protocolError: 1002,
  /** A text frame (or close reason) that is not valid UTF-8. */
  invalidText: 1007,
  /** A frame over the 512 KB the server accepts. */
  tooBig: 1009,
} as const;
