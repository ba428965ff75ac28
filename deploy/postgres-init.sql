-- A second database for Rasa's conversations, beside the gateway's.
CREATE DATABASE rasa OWNER assistant;
