/**
 * Choosing the direction of the fit, as scikit-learn's `check_increasing` does for `increasing="auto"`: increasing
 * when Spearman's rank correlation between the log-odds and the labels is ≥ 0. Only the sign matters, and for 0/1
 * labels it has an exact integer form, so no correlation is computed.
 *
 * Derivation. Let rᵢ be the rank of row i's log-odds (1…n, tied rows sharing their average rank) and sᵢ the rank
 * of its label, which takes one value a for negatives and a larger value b for positives. Because Σ(rᵢ − r̄) = 0,
 * n·cov(r, s) = Σᵢ (rᵢ − r̄)·sᵢ = (b − a)·Σ_{positives} (rᵢ − r̄), with r̄ = (n + 1)/2. So
 * sign(ρ) = sign(Σ_{positives} (2rᵢ − (n + 1))), the *rank balance*. A tie group at sorted positions
 * [start, end) (0-based) shares the rank (start + 1 + end)/2, so each of its positives adds start + end − n:
 * integers, summed exactly while |sum| < 2⁵³ (guaranteed below about 9·10⁷ rows).
 *
 * Like scikit-learn, the direction uses every row unweighted, zero-weight rows included (`check_increasing(X, y)`
 * runs before the weights are looked at).
 */

/** The rank balance added by one group of tied log-odds at sorted positions `[start, end)` holding `positives` positive rows out of `rows` in all. */
export function tiedGroupRankBalance(positives: number, start: number, end: number, rows: number): number {
  return positives * (start + end - rows);
}

/**
 * The fitted direction from the rank balance: increasing when Spearman's ρ ≥ 0. Where ρ is undefined because every
 * log-odds value is equal (the balance is then 0), this says increasing, whereas scikit-learn's `nan >= 0` says
 * decreasing; the fit is a single constant either way, so only the reported direction differs.
 */
export function increasingFromRankBalance(rankBalance: number): boolean {
  return rankBalance >= 0;
}
