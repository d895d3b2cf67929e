import { describe, expect, it } from 'vitest';
import { takeFrames } from '../../../src-renderer/lib/event-stream.js';

describe('server-sent event frames', () => {
  it('gives the data of each whole frame, skips comments, and keeps an unfinished frame for later', () => {
    expect(takeFrames(': connected\n\ndata: {"a":1}\n\ndata: {"b"')).toEqual({
      data: ['{"a":1}'],
      rest: 'data: {"b"',
    });
    expect(takeFrames('data: {"b"' + ':2}\n\n')).toEqual({ data: ['{"b":2}'], rest: '' });
  });

  it('joins the lines of a multi-line frame', () => {
    expect(takeFrames('data: one\ndata:two\n\n').data).toEqual(['one\ntwo']);
  });
});
