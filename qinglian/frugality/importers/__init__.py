"""The 八项规定 imports, one module per ledger, each a `core.importing.LedgerImport` subclass.

IMPORTS names them by ledger, for the finance-system import (importers/imports.py) that maps a finance export's
columns onto a ledger's once per organ and then runs that ledger's import."""

IMPORTS: dict[str, str] = {
    "reception": "qinglian.frugality.importers.receptions:ReceptionImport",
    "travel": "qinglian.frugality.importers.travel:TripImport",
    "conference": "qinglian.frugality.importers.conferences:ConferenceImport",
    "training": "qinglian.frugality.importers.training:TrainingImport",
    "car": "qinglian.frugality.importers.cars:CarImport",
    "abroad": "qinglian.frugality.importers.abroad:AbroadTripImport",
}
