"""Exceptions for bad input. Every message is Chinese and meant to be shown to the user."""


class ProofreadError(Exception):
    """Base class: the input cannot be checked. str(exc) is a user-facing Chinese message."""


class EmptyInputError(ProofreadError):
    pass


class InputTooLargeError(ProofreadError):
    pass


class UnsupportedFormatError(ProofreadError):
    pass


class EncryptedDocumentError(ProofreadError):
    pass


class CorruptDocumentError(ProofreadError):
    pass


class ZipBombError(ProofreadError):
    pass


class EncodingError(ProofreadError):
    pass
