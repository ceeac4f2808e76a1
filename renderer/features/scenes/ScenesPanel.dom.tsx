export function ScenesPanel() {
  return (
    <nav className="scenes" aria-label="Scenes and sources">
      <section aria-labelledby="scenes-heading">
        <h2 id="scenes-heading">Scenes</h2>
        <p className="empty">No scenes yet. Scenes (Camera, Product close-up, Screen + camera…) will be listed here.</p>
      </section>
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        <p className="empty">The current scene's camera, screen, images and product cards will be listed here.</p>
      </section>
    </nav>
  );
}
