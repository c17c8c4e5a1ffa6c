"""Insights: deep, broad and fair participation (baselines, representativeness, ladder, outcomes).

The statistics live in pure modules with no Django import, tested alone and against published
cases: ``weighting`` (raking and post-stratification), ``representativeness``, ``suppression``
(small cells and differencing), ``ladder`` (depth of participation over time) and ``stats``
(confidence intervals for proportions).
"""
