import { describe, expect, it } from 'vitest';
import { durationParts, periodOf } from './metrics-period.ts';

const today = new Date(2026, 2, 31, 15, 30); // 31 March 2026, local time

describe('periodOf', () => {
  it('counts the presets back from today, today included', () => {
    expect(periodOf('d30', today)).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(periodOf('d90', today)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodOf('d365', today)).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });

  it('starts this year on the first of January', () => {
    expect(periodOf('ytd', today)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('keeps a custom range and puts a backwards one the right way round', () => {
    expect(periodOf('custom', today, { from: '2026-02-01', to: '2026-02-15' })).toEqual({ from: '2026-02-01', to: '2026-02-15' });
    expect(periodOf('custom', today, { from: '2026-02-15', to: '2026-02-01' })).toEqual({ from: '2026-02-01', to: '2026-02-15' });
  });

  it('fills a half-given custom range with the 90-day default and today', () => {
    expect(periodOf('custom', today, { from: '2026-03-10' })).toEqual({ from: '2026-03-10', to: '2026-03-31' });
    expect(periodOf('custom', today, {})).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });
});

describe('durationParts', () => {
  it('shows minutes under an hour, never zero', () => {
    expect(durationParts(0.25)).toEqual({ value: 15, unit: 'minute' });
    expect(durationParts(0.001)).toEqual({ value: 1, unit: 'minute' });
  });

  it('shows hours up to three days, with one decimal', () => {
    expect(durationParts(14.46)).toEqual({ value: 14.5, unit: 'hour' });
    expect(durationParts(71.9)).toEqual({ value: 71.9, unit: 'hour' });
  });

  it('shows days from three days on', () => {
    expect(durationParts(72)).toEqual({ value: 3, unit: 'day' });
    expect(durationParts(100)).toEqual({ value: 4.2, unit: 'day' });
  });
});
