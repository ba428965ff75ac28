"""Text helpers shared by the NLU pipeline, the actions and the gateway."""
