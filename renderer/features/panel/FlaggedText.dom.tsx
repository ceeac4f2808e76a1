import { memo } from 'react';
import { segmentsOf } from './flagSegments.std';
import type { FlaggedWord } from '../../../contract/text/wordFlags.std';
import { useT } from '../../app/i18n/studioI18n.dom';

/** Viewer text with its flagged words in `<mark>`: every piece is a React text child, never markup. */
export const FlaggedText = memo(function FlaggedText({ text, flags }: { text: string; flags: readonly FlaggedWord[] }) {
  const { t } = useT();
  if (flags.length === 0) return <>{text}</>;
  return (
    <>
      {segmentsOf(text, flags).map((segment, index) =>
        segment.flag ? (
          <mark key={index} className={`flag flag-${segment.flag.kind}`} title={t(`flag.${segment.flag.kind}`)}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
});
