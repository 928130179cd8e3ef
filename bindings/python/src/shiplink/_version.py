"""The binding's version. It follows the Rust crate's version (a test keeps them in step)."""

__version__ = "0.1.0"

#: The native ABI this binding was written for: libshiplink ``0.1.x``. A library whose
#: ``major.minor`` differs is refused at import time.
ABI = (0, 1)
