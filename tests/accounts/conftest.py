import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests sign in a lot; a real password hash would make each take a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
