"""The citizens' portal: announced plans in public, without logging in (templates/public/)."""
