import { useStudio } from '../../app/studioContext.dom';
import { sceneEdits } from '../../store/sceneEdits.std';
import { CheckboxField } from './fields.dom';
import { SceneList } from './SceneList.dom';
import { SourceList } from './SourceList.dom';
import { SourceProperties } from './SourceProperties.dom';
import { useActiveScene } from './useScenes.dom';
import './scenes.css';

/** The left column: the show's scenes, the active scene's sources, and the selected source's settings. */
export function ScenesPanel() {
  const loaded = useStudio((state) => state.sceneCollection !== null);
  const testPattern = useStudio((state) => state.sceneCollection?.testPattern ?? false);
  const editScenes = useStudio((state) => state.editScenes);
  const scene = useActiveScene();

  return (
    <nav className="scenes" aria-label="Scenes and sources">
      <section className="scenes-section" aria-labelledby="scenes-heading">
        {loaded ? (
          <SceneList />
        ) : (
          <>
            <h2 id="scenes-heading">Scenes</h2>
            <p className="empty">Loading scenes…</p>
          </>
        )}
      </section>
      {scene && (
        <>
          <section className="sources-section" aria-labelledby="sources-heading">
            <SourceList scene={scene} />
          </section>
          <SourceProperties scene={scene} />
        </>
      )}
      {/* For measuring the stream, not for a show: out of the way of a merchant. */}
      {loaded && (
        <details className="advanced">
          <summary>Advanced</summary>
          <CheckboxField
            label="Stamp frame numbers (test pattern)"
            checked={testPattern}
            hint="For measuring delay and dropped frames; viewers see the stamp too."
            onChange={(on) => editScenes((collection) => sceneEdits.setTestPattern(collection, on))}
          />
        </details>
      )}
    </nav>
  );
}
