import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { PromotionDetail } from '../../../../shared/domain/promotion.js';
import PromotionSummary from '../../../../src-renderer/components/promotion/PromotionSummary.svelte';

const detail = (extra: Partial<PromotionDetail> = {}): PromotionDetail => ({
  version: '1.2.0',
  tag: 'v1.2.0',
  sha: 'a'.repeat(40),
  environment: 'production',
  promotion: null,
  gates: [],
  deploy: null,
  canPromote: { allowed: true },
  actor: 'Ada <ada@example.com>',
  downgrade: null,
  ...extra,
});

describe('PromotionSummary', () => {
  it('says when uncommitted policy changes are not used for promotions', () => {
    const note = 'Uncommitted changes to .release-desk.yml are not used for promotions until committed.';
    render(PromotionSummary, { detail: detail({ policyNote: note }) });
    expect(screen.getByText(note)).toBeTruthy();
  });

  it('says nothing about the policy when the working tree matches HEAD', () => {
    render(PromotionSummary, { detail: detail() });
    expect(screen.queryByText(/Uncommitted changes/)).toBeNull();
  });
});
