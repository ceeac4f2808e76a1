/**
 * "04:59", or "1:02:03" from an hour up. Rounds up, so "00:00" shows only once time is up and a
 * five-minute sale starts at "05:00".
 */
export function formatCountdown(msLeft: number): string {
  const total = Number.isFinite(msLeft) ? Math.max(0, Math.ceil(msLeft / 1000)) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** The card's and the badge's countdown line: "Ends in 04:59", then "Ended". */
export function countdownLabel(endsAt: number, now: number): string {
  const msLeft = endsAt - now;
  return msLeft > 0 ? `Ends in ${formatCountdown(msLeft)}` : 'Ended';
}
