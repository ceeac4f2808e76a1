import { memo } from 'react';
import { segmentsOf } from './flagSegments.std';
import type { FlaggedWord } from '../../../contract/text/wordFlags.std';

const kindLabels: Record<FlaggedWord['kind'], string> = { blocked: 'blocked word', superlative: 'flagged superlative' };

/** Viewer text with its flagged words in `<mark>`: every piece is a React text child, never markup. */
export const FlaggedText = memo(function FlaggedText({ text, flags }: { text: string; flags: readonly FlaggedWord[] }) {
  if (flags.length === 0) return <>{text}</>;
  return (
    <>
      {segmentsOf(text, flags).map((segment, index) =>
        segment.flag ? (
          <mark key={index} className={`flag flag-${segment.flag.kind}`} title={kindLabels[segment.flag.kind]}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
});
