import { describe, expect, it } from 'vitest';
import { describeMicrophoneProblem, describeSystemAudioProblem, failureOf } from './audioErrors.std';

const error = (name: string, detail = '') => ({ kind: 'error', name, detail }) as const;

describe('describeMicrophoneProblem', () => {
  it('says what to do for each way a microphone fails', () => {
    expect(describeMicrophoneProblem(error('NotAllowedError'))).toEqual({ message: expect.stringMatching(/may not use the microphone/), retryOnDeviceChange: false });
    expect(describeMicrophoneProblem(error('NotFoundError'))).toEqual({ message: expect.stringMatching(/^No microphone found/), retryOnDeviceChange: true });
    expect(describeMicrophoneProblem(error('NotReadableError'))).toEqual({ message: expect.stringMatching(/another app may be using it/), retryOnDeviceChange: true });
    expect(describeMicrophoneProblem({ kind: 'ended' })).toEqual({ message: expect.stringMatching(/was disconnected/), retryOnDeviceChange: true });
    expect(describeMicrophoneProblem(error('WeirdError', 'boom')).message).toBe('The microphone could not be started (WeirdError: boom).');
  });
});

describe('describeSystemAudioProblem', () => {
  it('explains refusal, a share without sound, and the end of sharing', () => {
    expect(describeSystemAudioProblem(error('NotAllowedError'))).toMatch(/cancelled or not allowed/);
    expect(describeSystemAudioProblem({ kind: 'no-audio-track' })).toMatch(/has no sound/);
    expect(describeSystemAudioProblem({ kind: 'ended' })).toMatch(/stopped/);
    expect(describeSystemAudioProblem(error('NotSupportedError'))).toMatch(/cannot share/);
  });
});

describe('failureOf', () => {
  it('keeps the name of a DOMException-like error', () => {
    expect(failureOf(Object.assign(new Error('in use'), { name: 'NotReadableError' }))).toEqual(error('NotReadableError', 'in use'));
    expect(failureOf({ name: 'NotAllowedError', message: 'denied' })).toEqual(error('NotAllowedError', 'denied'));
    expect(failureOf('nope')).toEqual(error('Error', 'nope'));
  });
});
