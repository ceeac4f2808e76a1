import { describe, expect, it } from 'vitest';
import { connectionLossOf } from './connectionLoss.std';

describe('connectionLossOf', () => {
  it('tells an ended session from a lost core', () => {
    expect(connectionLossOf(4001, 'The host revoked this console.')).toEqual({ refused: true, reason: 'The host revoked this console.' });
    expect(connectionLossOf(4001, '')).toMatchObject({ refused: true });
    expect(connectionLossOf(1006, '')).toEqual({ refused: false, reason: null });
  });
});
