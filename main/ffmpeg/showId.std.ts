// A show's folder is named after the moment it started, in UTC, with only characters every file
// system accepts: "2026-11-25T20-15-03-123Z". The name is the show's id and its start time.

export function showIdOf(startedAt: number): string {
  return new Date(startedAt).toISOString().replace(/[:.]/g, '-');
}

/** When the show named `showId` started; null for a folder not named by `showIdOf`. */
export function showStartOf(showId: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(showId);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
