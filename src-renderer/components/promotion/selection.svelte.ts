/** Which promotion page is open, shared so a "waiting for you" notice can open it from the header. */
export interface PromotionTarget {
  version: string;
  environment: string;
}

export const promotionView = $state<{ repo: string | null; target: PromotionTarget | null; changes: number }>(
  {
    /** The repository the target belongs to; another repository's target is never shown. */
    repo: null,
    target: null,
    /** Bumped after every promotion action so the board and the notifications reload. */
    changes: 0,
  },
);

export function showPromotion(repo: string, target: PromotionTarget): void {
  promotionView.repo = repo;
  promotionView.target = target;
}
