"""(training API: stub, written by the training helper.)"""

from ninja import Router

router = Router()
