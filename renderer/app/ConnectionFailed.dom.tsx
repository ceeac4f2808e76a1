export function ConnectionFailed({ reason }: { reason: string }) {
  return (
    <main className="connection-failed">
      <h1>Shopcast can't reach its studio core</h1>
      <p>{reason}</p>
      <p>Restart the studio (npm run studio) and open the new link it prints.</p>
    </main>
  );
}
