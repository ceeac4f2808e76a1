import { useEffect, useRef } from 'react';
import { useStudio } from '../../app/studioContext.dom';
import { outputSizes } from './outputSize.std';

/**
 * The program as viewers will get it, at the output's own size (CSS scales it to fit). Until the
 * compositor draws scenes here, it shows the empty program.
 */
export function ProgramPreview() {
  const profile = useStudio((state) => state.settings.outputProfile);
  const { width, height } = outputSizes[profile];
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = '#05070a';
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#8a93a6';
    context.textAlign = 'center';
    context.font = `${Math.round(height / 24)}px system-ui, sans-serif`;
    context.fillText('Empty program: add a camera, screen or product to a scene', width / 2, height / 2);
  }, [width, height]);

  return (
    <div className={`preview-frame ${height > width ? 'vertical' : 'landscape'}`}>
      <canvas
        ref={canvas}
        width={width}
        height={height}
        role="img"
        aria-label={`Program preview, ${width}×${height}`}
        className="preview-canvas"
      />
    </div>
  );
}
