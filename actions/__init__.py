"""Custom actions of the assistant, grouped by feature (one module each).

rasa-sdk's ``register_package`` imports every module here and registers each
concrete ``Action`` subclass.
"""
