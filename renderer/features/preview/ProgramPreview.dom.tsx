import { useEffect, useRef } from 'react';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioStore } from '../../app/studioContext.dom';
import { startCompositor } from '../compositor/compositorClient.dom';
import { useCompositor } from '../compositor/compositorContext.dom';
import { outputSizes } from './outputSize.std';
import { SourceTransformOverlay } from './SourceTransformOverlay.dom';

/**
 * The program as viewers get it: the compositor worker draws its output frames here, scaled to
 * fit; CSS only sizes the box.
 */
export function ProgramPreview() {
  const store = useStudioStore();
  const { t } = useT();
  const { captures } = useCompositor();
  const profile = useStudio((state) => state.settings.outputProfile);
  const error = useStudio((state) => state.compositorError);
  const { width, height } = outputSizes[profile];
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    return startCompositor(store, captures, canvas.current);
  }, [store, captures]);

  return (
    <div className={`preview-frame ${height > width ? 'vertical' : 'landscape'}`}>
      <canvas ref={canvas} role="img" aria-label={t('shell.previewLabel', { width, height })} className="preview-canvas" />
      <SourceTransformOverlay width={width} height={height} />
      {error && (
        <p role="alert" className="preview-error">
          {t('shell.programStopped', { reason: error })}
        </p>
      )}
    </div>
  );
}
