"""Hand-off to NGO staff: the queue, its states, office hours and notifications."""
