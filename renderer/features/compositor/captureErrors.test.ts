import { describe, expect, it } from 'vitest';
import { describeCaptureError } from './captureErrors.std';

/** What getUserMedia rejects with; DOMException exists in Node too. */
const domError = (name: string) => new DOMException('message from the browser', name);

describe('describeCaptureError: camera', () => {
  it.each([
    ['NotAllowedError', ['denied', 'Allow', 'Retry']],
    ['SecurityError', ['denied', 'Retry']],
    ['NotReadableError', ['in use', 'Close', 'Retry']],
    ['TrackStartError', ['in use', 'Retry']],
    ['NotFoundError', ['No camera', 'Plug']],
    ['DevicesNotFoundError', ['No camera', 'Plug']],
  ])('%s says what happened and what to do', (name, words) => {
    const message = describeCaptureError('camera', domError(name));
    for (const word of words) expect(message).toContain(word);
  });

  it('says a camera that ended was disconnected', () => {
    // A track's `ended` event, passed on as an object with a name.
    const message = describeCaptureError('camera', { name: 'ended' });
    expect(message).toContain('disconnected');
    expect(message).toContain('Plug it back in');
  });

  it('names the format the camera cannot capture', () => {
    const message = describeCaptureError('camera', { name: 'OverconstrainedError', constraint: 'width' }, '1920×1080 at 60 fps');
    expect(message).toContain('1920×1080 at 60 fps');
    expect(message).toMatch(/resolution|frame rate/);
  });

  it('still explains an overconstrained camera when no format is given', () => {
    const message = describeCaptureError('camera', { name: 'OverconstrainedError' });
    expect(message).toContain('cannot capture');
    expect(message).not.toContain('undefined');
  });

  it('passes on an unknown error name, with Retry', () => {
    const message = describeCaptureError('camera', domError('AbortError'));
    expect(message).toContain('AbortError');
    expect(message).toContain('Retry');
  });

  it('describes something that is not an error at all', () => {
    const message = describeCaptureError('camera', 'boom');
    expect(message).toContain('boom');
    expect(message).toContain('Retry');
    expect(describeCaptureError('camera', null)).toContain('Retry');
    expect(describeCaptureError('camera', undefined)).toContain('Retry');
  });

  it('reads the name of a plain Error subclass', () => {
    class NotReadableError extends Error {
      override name = 'NotReadableError';
    }
    expect(describeCaptureError('camera', new NotReadableError('x'))).toContain('in use');
  });

  it('gives a different message for each kind of failure', () => {
    const messages = ['NotAllowedError', 'NotReadableError', 'NotFoundError', 'OverconstrainedError', 'ended'].map((name) =>
      describeCaptureError('camera', { name }),
    );
    expect(new Set(messages).size).toBe(messages.length);
  });
});

describe('describeCaptureError: screen', () => {
  it('says a refused share was cancelled and how to try again', () => {
    const message = describeCaptureError('screen', domError('NotAllowedError'));
    expect(message).toContain('cancelled');
    expect(message).toContain('Share screen');
    expect(message).not.toContain('camera');
  });

  it('says when screen sharing is not possible here', () => {
    expect(describeCaptureError('screen', domError('NotSupportedError'))).toContain('cannot share');
    expect(describeCaptureError('screen', new TypeError('getDisplayMedia is not a function'))).toContain('cannot share');
  });

  it('passes on any other failure, with what to press', () => {
    const message = describeCaptureError('screen', domError('AbortError'));
    expect(message).toContain('AbortError');
    expect(message).toContain('Share screen');
  });
});
