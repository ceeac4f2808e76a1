import { useStudio } from '../../app/studioContext.dom';
import { sceneEdits } from '../../store/sceneEdits.std';
import { CheckboxField } from './fields.dom';
import { SceneList } from './SceneList.dom';
import { SourceList } from './SourceList.dom';
import { SourceProperties } from './SourceProperties.dom';
import { useActiveScene } from './useScenes.dom';
import './scenes.css';
import { useT } from '../../app/i18n/studioI18n.dom';

/** The left column: the show's scenes, the active scene's sources, and the selected source's settings. */
export function ScenesPanel() {
  const loaded = useStudio((state) => state.sceneCollection !== null);
  const testPattern = useStudio((state) => state.sceneCollection?.testPattern ?? false);
  const editScenes = useStudio((state) => state.editScenes);
  const scene = useActiveScene();
  const { t } = useT();

  return (
    <nav className="scenes" aria-label={t('scenes.region')}>
      <section className="scenes-section" aria-labelledby="scenes-heading">
        {loaded ? (
          <SceneList />
        ) : (
          <>
            <h2 id="scenes-heading">{t('scenes.heading')}</h2>
            <p className="empty">{t('scenes.loading')}</p>
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
          <summary>{t('scenes.advanced')}</summary>
          <CheckboxField
            label={t('scenes.stamp')}
            checked={testPattern}
            hint={t('scenes.stampHint')}
            onChange={(on) => editScenes((collection) => sceneEdits.setTestPattern(collection, on))}
          />
        </details>
      )}
    </nav>
  );
}
