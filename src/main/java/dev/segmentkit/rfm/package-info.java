/**
 * The RFM and RFE scoring models and the predefined segment catalog built on them:
 * {@link dev.segmentkit.rfm.ScoringConfig} (lookbacks and optional configured
 * {@link dev.segmentkit.rfm.Thresholds}), {@link dev.segmentkit.rfm.RfmScoringPass} (the
 * scoring pass that rides along an evaluation), {@link dev.segmentkit.rfm.RfmScores}
 * (per-visitor scores, groups, distributions, suggested thresholds) and
 * {@link dev.segmentkit.rfm.PredefinedCatalog}.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.rfm;
