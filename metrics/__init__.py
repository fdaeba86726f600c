"""Effect measurement: metric imports from the platforms' export files, daily snapshots and post metrics, the
dashboards, charts and exports, the monthly report, and the metrics evidence for the gap engine."""
