import { EngineRestart } from './EngineRestart.dom';

export function ConnectionFailed({ reason }: { reason: string }) {
  if (window.shopcast) {
    return (
      <main className="connection-failed">
        <h1>Shopcast's engine is not running</h1>
        <p>{reason}</p>
        <p>
          Your live room is separate and stays open for your viewers. <EngineRestart />
        </p>
      </main>
    );
  }
  return (
    <main className="connection-failed">
      <h1>Shopcast can't reach its studio core</h1>
      <p>{reason}</p>
      <p>Restart the studio (npm run studio) and open the new link it prints.</p>
    </main>
  );
}
