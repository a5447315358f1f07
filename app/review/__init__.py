"""The review of an episode (应对评估): observations against forecasts and the warnings issued. Pure: no Qt.

- :mod:`app.review.metrics` — verification scores (bias, RMSE, category and CNEMC half-level accuracy,
  contingency tables for daily AQI > 150/200/300);
- :mod:`app.review.review` — per city, lead day and region (the rules applied to what was observed);
- :mod:`app.review.jsonout` — the ``hazedesk review`` JSON.
"""
