"""Opinion mapping: groups, representative and consensus statements from agree/disagree votes."""
