import { describe, expect, it } from 'vitest';
import type { StreamState } from '../../contract/schemas/status.std';
import { nextStreamState, type GoLiveEvent } from './goLiveMachine.std';

const run = (events: GoLiveEvent['type'][], from: StreamState = 'offline') =>
  events.reduce<StreamState[]>((states, type) => [...states, nextStreamState(states.at(-1) ?? from, { type } as GoLiveEvent)], [from]);

describe('nextStreamState', () => {
  it('goes live, survives an encoder crash, and ends', () => {
    expect(run(['start', 'encoderRunning', 'encoderLost', 'encoderRunning', 'stop', 'stopped'])).toEqual(['offline', 'starting', 'live', 'reconnecting', 'live', 'ending', 'offline']);
  });

  it('returns offline when starting fails, and ignores what makes no sense', () => {
    expect(run(['start', 'failed'])).toEqual(['offline', 'starting', 'offline']);
    expect(run(['encoderRunning', 'encoderLost', 'stopped', 'failed'])).toEqual(['offline', 'offline', 'offline', 'offline', 'offline']);
    expect(run(['start', 'encoderRunning', 'start', 'failed'])).toEqual(['offline', 'starting', 'live', 'live', 'live']);
  });
});
