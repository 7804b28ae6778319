"""(imports API: stub, written by the imports helper.)"""

from ninja import Router

router = Router()
